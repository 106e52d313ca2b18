"""The `changes` block: read with its lines, checked against the text it changes (source/changes.py)."""

from support.trees import check_with

AMENDING = """---
title: privind rectificarea bugetului județului pe anul 2025
status: adopted
registered: 2025-06-02
meeting: sedinta-2025-06-26
number: 40
adopted: 2025-06-26
majority: absolute
vote: {{present: 6, for: 4, against: 0, abstain: 2}}
amends: [5/2025]
events:
  - {{date: 2025-07-01, event: published}}
changes:
{changes}---
**Art. 1.** Se modifică Hotărârea nr. 5/2025.
"""


# A draft proposing changes to 5/2025 (`changes` filled in).
PROPOSING = """---
title: privind modificarea bugetului
status: draft
registered: 2025-11-03
amends: [5/2025]
changes:
{changes}---
Proiect.
"""


def check(tmp_path, changes: str):
    checked = check_with(tmp_path, {"hotarari/2025/rectificare-buget.md": AMENDING.format(changes=changes)})
    return checked, [(p.path.split("content/", 1)[-1], p.line, p.field, p.message, p.expected)
                     for p in checked.problems.items]


def test_a_valid_change_is_read_with_its_lines(tmp_path):
    checked, problems = check(tmp_path, """  - decision: 5/2025
    article: 2
    action: replace
    text: |
      Art. 2. Se abrogă orice prevederi contrare.
""")
    assert problems == []
    [change] = checked.archive.decisions["rectificare-buget"].changes
    assert (change.decision, change.article, change.action, change.line) == ("5/2025", "2", "replace", 14)
    assert change.text == "Art. 2. Se abrogă orice prevederi contrare."
    assert (change.line_of("article"), change.line_of("text")) == (15, 17)


def test_each_problem_of_one_item_with_its_line(tmp_path):
    _, problems = check(tmp_path, """  - decision: 5/2025
    article: 2
    action: replace
  - decision: 5/2025
    article: 1
    action: repeal
    text: ceva
  - decision: 5/2025
    article: 1
    action: abroga
    after: ieri
  - {decision: 5/2025, action: repeal}
""")
    assert [(path, line, field) for path, line, field, *_ in problems] == [
        ("hotarari/2025/rectificare-buget.md", 16, "changes[1].action"),
        ("hotarari/2025/rectificare-buget.md", 20, "changes[2].text"),
        ("hotarari/2025/rectificare-buget.md", 23, "changes[3].action"),
        ("hotarari/2025/rectificare-buget.md", 24, "changes[3].after"),
        ("hotarari/2025/rectificare-buget.md", 25, "changes[4].article"),
    ]
    assert problems[0][3] == "„action: replace” are nevoie de noul text"
    assert "una dintre: replace | insert-after | repeal" in problems[2][4]


def test_the_target_must_be_listed_under_amends(tmp_path):
    _, problems = check(tmp_path, """  - decision: 41/2025
    article: 1
    action: repeal
""")
    [(path, line, field, message, expected)] = problems
    assert (path, line, field) == ("hotarari/2025/rectificare-buget.md", 14, "changes[1].decision")
    assert message == "hotărârea 41/2025 nu este în lista „amends” a acestei hotărâri"
    assert expected == "o hotărâre din „amends” (5/2025), sau adăugați 41/2025 la „amends”"


def test_an_article_the_target_does_not_have_on_that_day(tmp_path):
    _, problems = check(tmp_path, """  - decision: 5/2025
    article: "2^1"
    paragraph: 2
    action: repeal
""")
    [(path, line, field, message, expected)] = problems
    assert (path, line, field) == ("hotarari/2025/rectificare-buget.md", 15, "changes[1].article")
    assert message == "articolul 2^1 nu există în textul hotărârii 5/2025 în vigoare la 2025-07-01"
    assert expected.startswith("unul dintre: 1, 2")


def test_a_repeal_of_what_is_already_repealed(tmp_path):
    _, problems = check(tmp_path, """  - decision: 5/2025
    article: 2
    action: repeal
  - decision: 5/2025
    article: 2
    action: repeal
""")
    [(_, line, field, message, _)] = problems
    assert (line, field) == (19, "changes[2].action")
    assert message.startswith("articolul 2 a fost abrogat prin hotărârea nr. 40/2025 din 2025-07-01")


def test_changes_of_an_act_not_yet_in_force_are_checked_against_the_text_they_will_change(tmp_path):
    """Adopted, not yet published: its changes wait (no version), yet one naming no such article is
    an error now (the contract), found on the text as the acts in force left it."""
    files = {"hotarari/2025/rectificare-buget.md": AMENDING.format(changes="""  - decision: 5/2025
    article: 2
    action: repeal
  - decision: 5/2025
    article: 9
    action: repeal
  - decision: 5/2025
    article: 2
    action: repeal
""").replace("  - {date: 2025-07-01, event: published}\n", "  - {date: 2025-06-27, event: signed}\n")}
    problems = [(p.line, p.field, p.message) for p in check_with(tmp_path, files).problems.items]
    assert problems[0] == (18, "changes[2].article",
                           "articolul 9 nu există în textul hotărârii 5/2025 în vigoare la 2025-06-26")
    assert problems[1][:2] == (22, "changes[3].action") and "a fost abrogat prin hotărârea nr. 40/2025" in problems[1][2]
    assert len(problems) == 2


def test_a_drafts_changes_are_checked_as_proposed(tmp_path):
    draft = PROPOSING.format(changes="""  - decision: 5/2025
    article: 77
    action: repeal
  - decision: 5/2025
    article: 1
    action: repeal
""")
    problems = [(p.path.split("content/", 1)[-1], p.line, p.field, p.message)
                for p in check_with(tmp_path, {"hotarari/2025/proiect-buget.md": draft}).problems.items]
    assert problems == [("hotarari/2025/proiect-buget.md", 8, "changes[1].article",
                         "articolul 77 nu există în textul hotărârii 5/2025 în vigoare la 2025-11-03")]


def test_a_draft_has_no_text_in_force_to_change(tmp_path):
    files = {"hotarari/2025/rectificare-buget.md": AMENDING.format(changes="""  - decision: proiect-parcari
    article: 1
    action: repeal
""").replace("amends: [5/2025]", "amends: [proiect-parcari]")}
    problems = [(p.line, p.field, p.message) for p in check_with(tmp_path, files).problems.errors]
    assert (14, "changes[1].decision",
            "„proiect-parcari” nu este o hotărâre adoptată: nu are un text în vigoare de modificat") in problems


def test_html_the_page_would_lose_is_warned_of_at_the_texts_line(tmp_path):
    checked, problems = check(tmp_path, """  - decision: 5/2025
    article: 2
    action: replace
    text: |
      Art. 2. Se abrogă <script>alert(1)</script> orice prevederi contrare.
""")
    [warning] = checked.problems.warnings
    assert (warning.line, warning.field) == (17, "changes[1].text") and "script" in warning.message
    assert checked.problems.errors == []


def test_changes_to_a_decision_already_repealed_are_one_error_not_two(tmp_path):
    """Amending a decision repealed before is an error of `amends` (relations); the `changes` item
    naming it is not said, besides, to name a decision missing from `amends`."""
    repeal = """---
title: privind abrogarea bugetului
status: adopted
registered: 2025-03-01
meeting: sedinta-2025-03-27
number: 6
adopted: 2025-03-27
majority: simple
vote: {present: 7, for: 5, against: 1, abstain: 1}
repeals: [5/2025]
events:
  - {date: 2025-04-02, event: published}
---
**Art. 1.** Se abrogă Hotărârea nr. 5/2025.
"""
    meeting = ("---\ntitle: Ședința ordinară din 27 martie 2025\nkind: ordinary\ndate: 2025-03-27 10:00\n"
               "items:\n  - decision: buget-2025\n  - decision: abrogare-buget\n---\n")
    files = {"hotarari/2025/rectificare-buget.md": AMENDING.format(changes="""  - decision: 5/2025
    article: 2
    action: repeal
"""), "hotarari/2025/abrogare-buget.md": repeal, "sedinte/sedinta-2025-03-27.md": meeting}
    problems = [(p.field, p.message) for p in check_with(tmp_path, files).problems.errors]
    assert [field for field, _ in problems] == ["amends"], problems
    assert "fusese deja abrogată, prin Hotărârea nr. 6/2025" in problems[0][1]


def test_an_error_that_follows_from_a_change_left_out_elsewhere_names_that_change(tmp_path):
    """An outside review: a decision whose `amends` lost its target had its changes left out (errors at
    its lines), and another file, correct, was told that the article those changes insert does not
    exist, with nothing leading to the file to fix."""
    inserting = AMENDING.format(changes="""  - decision: 5/2025
    article: 2
    action: insert-after
    text: |
      **Art. 2^1.** Se alocă fonduri de rezervă.
""").replace("amends: [5/2025]", "amends: []")
    draft = PROPOSING.format(changes="""  - decision: 5/2025
    article: 2^1
    action: repeal
""")
    checked = check_with(tmp_path, {"hotarari/2025/rectificare-buget.md": inserting,
                                    "hotarari/2025/proiect-buget.md": draft})
    problems = {(p.path.split("content/", 1)[-1], p.line, p.field): p.message for p in checked.problems.items}
    assert "nu este în lista „amends”" in problems["hotarari/2025/rectificare-buget.md", 14, "changes[1].decision"]
    follows = problems["hotarari/2025/proiect-buget.md", 8, "changes[1].article"]
    assert follows.startswith("articolul 2^1 nu există în textul hotărârii 5/2025")
    assert "întâi corectați" in follows and "rectificare-buget.md, rândul 14" in follows


# 40/2025 inserts after article 2 a text that lost its number: an error, and the article is not inserted.
UNNUMBERED_INSERTION = AMENDING.format(changes="""  - decision: 5/2025
    article: 2
    action: insert-after
    text: |
      Se alocă fonduri de rezervă.
""")


def test_an_error_that_follows_from_a_change_that_failed_to_apply_elsewhere_names_that_change(tmp_path):
    """An outside review: 40/2025 inserts an article whose text lost its number (an error at its text's
    line, and the article is not inserted); 41/2025, correct, changes that article and was told it does
    not exist, with the articles that do, inviting staff to "fix" the correct file."""
    inserting = UNNUMBERED_INSERTION
    later = AMENDING.format(changes="""  - decision: 5/2025
    article: 2^1
    action: replace
    text: |
      Art. 2^1. Se alocă fonduri de rezervă de 5%.
""").replace("number: 40", "number: 41").replace("2025-07-01", "2025-08-01").replace(
        "rectificarea bugetului", "modificarea art. 2^1")
    checked = check_with(tmp_path, {"hotarari/2025/rectificare-buget.md": inserting,
                                    "hotarari/2025/modificare-buget.md": later})
    errors = {(p.path.split("content/", 1)[-1], p.line, p.field, p.message) for p in checked.problems.errors}
    assert errors == {
        ("hotarari/2025/rectificare-buget.md", 17, "changes[1].text",
         "textul de introdus nu începe cu numărul noii prevederi (articolul)"),
        ("hotarari/2025/modificare-buget.md", 15, "changes[1].article",
         "articolul 2^1 nu există în textul hotărârii 5/2025 în vigoare la 2025-08-01; întâi corectați "
         "content/hotarari/2025/rectificare-buget.md, rândul 17: modificarea hotărârii 5/2025 de acolo nu s-a "
         "aplicat, din cauza erorii ei"),
    }


def test_a_provision_no_failed_change_could_have_made_is_not_blamed_on_it(tmp_path):
    # 40/2025's failed insertion would have added an article after article 2; 41/2025 changes a
    # paragraph of article 1 that does not exist, which that insertion could never have made.
    inserting = UNNUMBERED_INSERTION
    later = AMENDING.format(changes="""  - decision: 5/2025
    article: 1
    paragraph: 3
    action: repeal
""").replace("number: 40", "number: 41").replace("2025-07-01", "2025-08-01")
    checked = check_with(tmp_path, {"hotarari/2025/rectificare-buget.md": inserting,
                                    "hotarari/2025/modificare-buget.md": later})
    assert [(p.line, p.field, p.message) for p in checked.problems.errors if p.path.endswith("modificare-buget.md")] == [
        (16, "changes[1].paragraph", "alineatul (3) din articolul 1 nu există în textul hotărârii 5/2025 în vigoare "
         "la 2025-08-01")]
