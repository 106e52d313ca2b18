"""Applying amendments (domain/consolidation.py), with expected texts worked by hand."""

import datetime as dt

from hypothesis import given, settings, strategies as st

from transparency.domain import articles
from transparency.domain.consolidation import Act, Change, compare, consolidate, flatten

D = dt.date
REGULATION = """**HOTĂRĂȘTE:**

**Art. 1.** Se aprobă Regulamentul.

**Art. 2.** Hotărârea se comunică.

## Anexa nr. 1 – Regulamentul

Art. 12. Călătorul validează biletul la urcare.

Art. 13. (1) Operatorul afișează programul.
(2) Operatorul afișează tarifele.
(3) Operatorul afișează datele de contact.

Art. 14. Controlul se face de:
a) inspectorii autorității;
b) agenții de poliție locală;
c) operatori.

Art. 27. (1) Abaterile se constată de autoritate.
(2) Nerespectarea programului se sancționează cu avertisment.
"""
ORIGINAL = articles.parse(REGULATION, 10)


def change(article, action, text="", annex="1", line=30, **extra):
    return Change(decision="48/2024", article=article, action=action, annex=annex, text=text, line=line,
                  lines=(("text", line + 5), ("article", line + 2), ("action", line + 4)), **extra)


def act(citation, effective, *changes, adopted=None, number=None):
    return Act(citation=citation, adopted=adopted or effective - dt.timedelta(days=7),
               number=number or int(citation.split("/")[0]), effective=effective,
               display=f"content/hotarari/{citation.replace('/', '-')}.md", changes=changes)


A141 = act("141/2025", D(2025, 8, 6),
           change("12", "replace", "„Art. 12. Călătorul validează legitimația la urcare, la validatorul electronic.”"),
           change("12", "insert-after", "Art. 12^1. Operatorii asigură plata cu cardul bancar."),
           change("27", "replace", "(2) Nerespectarea repetată a programului se sancționează cu suspendarea licenței.",
                  paragraph="2"),
           change("13", "repeal", paragraph="3"))
A87 = act("87/2026", D(2026, 4, 15),
          change("12^1", "replace", "Art. 12^1. Operatorii asigură plata cu cardul bancar sau prin aplicație."),
          change("14", "repeal", letter="c"))


def own_text(version, annex="1"):
    """Each unit of the annex as `key: text [by act since day]`, for comparing with what was worked out."""
    lines = []

    def walk(unit, prefix):
        mark = f" [{unit.action} {unit.changed_by} {unit.since}]" if unit.changed_by else ""
        lines.append(f"{prefix}{unit.label}: {'abrogat' if unit.repealed else unit.text}{mark}")
        for child in unit.children:
            walk(child, prefix + "  ")

    for unit in version.text.part(annex).articles:
        walk(unit, "")
    return lines


def test_a_chain_of_amendments_gives_one_version_per_day():
    result = consolidate(ORIGINAL, D(2024, 4, 1), [A87, A141])  # any order in: applied as they take effect
    assert result.problems == ()
    assert [(v.date, v.acts) for v in result.versions] == [
        (D(2024, 4, 1), ()), (D(2025, 8, 6), ("141/2025",)), (D(2026, 4, 15), ("87/2026",))]
    assert own_text(result.versions[0]) == [
        "12: Călătorul validează biletul la urcare.",
        "13: ", "  1: Operatorul afișează programul.", "  2: Operatorul afișează tarifele.",
        "  3: Operatorul afișează datele de contact.",
        "14: Controlul se face de:", "  a: inspectorii autorității;", "  b: agenții de poliție locală;",
        "  c: operatori.",
        "27: ", "  1: Abaterile se constată de autoritate.", "  2: Nerespectarea programului se sancționează cu avertisment.",
    ]
    assert own_text(result.versions[1]) == [
        "12: Călătorul validează legitimația la urcare, la validatorul electronic. [replace 141/2025 2025-08-06]",
        "12^1: Operatorii asigură plata cu cardul bancar. [insert-after 141/2025 2025-08-06]",
        "13: ", "  1: Operatorul afișează programul.", "  2: Operatorul afișează tarifele.",
        "  3: abrogat [repeal 141/2025 2025-08-06]",
        "14: Controlul se face de:", "  a: inspectorii autorității;", "  b: agenții de poliție locală;",
        "  c: operatori.",
        "27: ", "  1: Abaterile se constată de autoritate.",
        "  2: Nerespectarea repetată a programului se sancționează cu suspendarea licenței. [replace 141/2025 2025-08-06]",
    ]
    assert own_text(result.versions[2]) == [
        "12: Călătorul validează legitimația la urcare, la validatorul electronic. [replace 141/2025 2025-08-06]",
        "12^1: Operatorii asigură plata cu cardul bancar sau prin aplicație. [replace 87/2026 2026-04-15]",
        "13: ", "  1: Operatorul afișează programul.", "  2: Operatorul afișează tarifele.",
        "  3: abrogat [repeal 141/2025 2025-08-06]",
        "14: Controlul se face de:", "  a: inspectorii autorității;", "  b: agenții de poliție locală;",
        "  c: abrogat [repeal 87/2026 2026-04-15]",
        "27: ", "  1: Abaterile se constată de autoritate.",
        "  2: Nerespectarea repetată a programului se sancționează cu suspendarea licenței. [replace 141/2025 2025-08-06]",
    ]
    # The decision's own articles are untouched; the changed units carry the line of the change's text.
    assert result.versions[2].text.part("") == ORIGINAL.part("")
    assert result.versions[2].text.part("1").article("12^1").line == 35


def test_the_version_in_force_on_a_day():
    result = consolidate(ORIGINAL, D(2024, 4, 1), [A141, A87])
    assert result.on(D(2024, 3, 31)) is None
    assert result.on(D(2025, 8, 5)).date == D(2024, 4, 1)
    assert result.on(D(2025, 8, 6)).date == D(2025, 8, 6)
    assert result.on(D(2026, 11, 25)).date == D(2026, 4, 15)


def test_an_act_whose_entry_into_force_is_not_recorded_waits():
    waiting = act("87/2026", D(2026, 4, 15), *A87.changes)
    waiting = Act(**{**waiting.__dict__, "effective": None})
    result = consolidate(ORIGINAL, D(2024, 4, 1), [A141, waiting])
    assert [v.date for v in result.versions] == [D(2024, 4, 1), D(2025, 8, 6)] and result.pending == ("87/2026",)


def test_a_change_to_an_article_before_the_act_inserting_it_takes_effect():
    early = act("87/2026", D(2025, 8, 1), *A87.changes)  # takes effect before 141/2025 inserts 12^1
    result = consolidate(ORIGINAL, D(2024, 4, 1), [A141, early])
    problem = result.problems[0]
    assert (problem.display, problem.line, problem.field) == ("content/hotarari/87-2026.md", 32, "changes[1].article")
    assert problem.message == "articolul 12^1 nu există în textul hotărârii 48/2024 în vigoare la 2025-08-01"
    assert problem.expected.startswith("unul dintre: 12, 13, 14, 27")
    assert len(result.problems) == 1  # the rest still applies: letter c) is repealed
    assert result.versions[1].text.part("1").article("14").child("letter", "c").repealed


def test_repealing_what_is_already_repealed():
    again = act("90/2026", D(2026, 5, 1), change("13", "repeal", paragraph="3", line=40))
    result = consolidate(ORIGINAL, D(2024, 4, 1), [A141, again])
    [problem] = result.problems
    assert (problem.line, problem.field) == (44, "changes[1].action")
    assert problem.message == ("alineatul (3) a fost abrogat prin hotărârea nr. 141/2025 din 2025-08-06; "
                               "o prevedere abrogată nu mai poate fi abrogată din nou")


def test_modifying_a_repealed_unit_is_an_error_and_inserting_after_it_is_not():
    later = act("90/2026", D(2026, 5, 1),
                change("13", "replace", "(3) Text nou.", paragraph="3"),
                change("13", "insert-after", "(3^1) Operatorul afișează orarul.", paragraph="3"))
    result = consolidate(ORIGINAL, D(2024, 4, 1), [A141, later])
    assert [p.field for p in result.problems] == ["changes[1].paragraph"]
    assert [c.label for c in result.versions[-1].text.part("1").article("13").children] == ["1", "2", "3", "3^1"]


def test_two_acts_changing_the_same_unit_on_the_same_day_need_an_order():
    first = act("141/2025", D(2025, 8, 6), change("12", "replace", "Art. 12. Primul text."), number=141)
    second = act("142/2025", D(2025, 8, 6), change("12", "replace", "Art. 12. Al doilea text.", line=50), number=142)
    [problem] = consolidate(ORIGINAL, D(2024, 4, 1), [first, second]).problems
    assert (problem.display, problem.line, problem.field) == ("content/hotarari/142-2025.md", 50, "changes[1].article")
    assert "hotărârea nr. 141/2025, care intră în vigoare în aceeași zi (2025-08-06)" in problem.message
    assert problem.expected == "„after: 141/2025” la această modificare, dacă ea se aplică a doua"
    ordered = act("142/2025", D(2025, 8, 6), change("12", "replace", "Art. 12. Al doilea text.", after="141/2025"))
    result = consolidate(ORIGINAL, D(2024, 4, 1), [first, ordered])
    assert result.problems == ()
    assert result.versions[-1].text.part("1").article("12").text == "Al doilea text."
    assert result.versions[-1].acts == ("141/2025", "142/2025")


def test_after_must_name_an_act_applied_before():
    first = act("141/2025", D(2025, 8, 6), change("12", "replace", "Art. 12. Primul text.", after="142/2025"))
    second = act("142/2025", D(2025, 8, 6), change("13", "repeal", paragraph="1"))
    problems = consolidate(ORIGINAL, D(2024, 4, 1), [first, second]).problems
    assert [(p.field, p.line) for p in problems] == [("changes[1].after", 30)]


def test_wrong_texts_in_changes():
    bad = act("90/2026", D(2026, 5, 1),
              change("12", "insert-after", "Operatorii asigură plata.", line=10),
              change("12", "replace", "Art. 13. Alt articol.", line=20),
              change("14", "insert-after", "Art. 13. Există deja.", line=30),
              change("12", "replace", annex="2", line=40))
    problems = consolidate(ORIGINAL, D(2024, 4, 1), [bad]).problems
    assert [(p.line, p.field) for p in problems] == [(15, "changes[1].text"), (25, "changes[2].text"),
                                                     (35, "changes[3].text"), (40, "changes[4].annex")]
    assert problems[0].message == "textul de introdus nu începe cu numărul noii prevederi (articolul)"
    assert problems[1].message == "textul începe cu articolul 13, dar modificarea privește articolul 12"
    assert problems[2].message == "articolul 13 există deja în textul hotărârii 48/2024 în vigoare la 2026-05-01"
    assert problems[3].message == "hotărârea 48/2024 nu are anexa nr. 2 scrisă în text"


def test_a_replacement_without_its_number_keeps_the_units():
    plain = act("90/2026", D(2026, 5, 1), change("27", "replace", "Abaterile se constată de inspectori.",
                                                   paragraph="1"))
    result = consolidate(ORIGINAL, D(2024, 4, 1), [plain])
    assert result.problems == ()
    assert result.versions[-1].text.part("1").article("27").child("paragraph", "1").text == \
        "Abaterile se constată de inspectori."


def test_comparing_two_versions_word_by_word():
    result = consolidate(ORIGINAL, D(2024, 4, 1), [A141, A87])
    differences = compare(result.versions[1].text, result.versions[2].text)
    assert [(d.key, d.kind) for d in differences] == [(("1", "a12^1"), "changed"), (("1", "a14", "lc"), "repealed")]
    assert differences[0].words == (("same", "Operatorii asigură plata cu cardul bancar"),
                                    ("ins", " sau prin aplicație"), ("same", "."))
    assert differences[1].words == (("del", "operatori."), ("ins", "abrogat"))
    first = compare(result.versions[0].text, result.versions[1].text)
    assert ("1", "a12^1") in [d.key for d in first if d.kind == "added"]


def marker_of(c):
    return f"({c.paragraph}) " if c.paragraph else f"{c.letter}) " if c.letter else f"Art. {c.article}. "


UNITS = [("12", "", ""), ("13", "1", ""), ("13", "2", ""), ("13", "3", ""), ("14", "", "a"), ("14", "", "b"),
         ("14", "", "c"), ("27", "1", ""), ("27", "2", "")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(UNITS), st.sampled_from(["replace", "repeal"]),
                          st.integers(min_value=0, max_value=3)), min_size=1, max_size=8))
def test_comparing_versions_finds_exactly_the_units_changed(steps):
    """Apply random replacements and repeals, one act per day; the differences between consecutive
    versions are exactly the units the day's act changed and that were not repealed before."""
    acts, day = [], D(2025, 1, 1)
    for index, ((article, paragraph, letter), action, word) in enumerate(steps, start=1):
        marker = marker_of(Change("", article, action, paragraph=paragraph, letter=letter))
        text = f"{marker}Text nou {index} {'x' * word}." if action == "replace" else ""
        acts.append(act(f"{index}/2025", day + dt.timedelta(days=index),
                        change(article, action, text, paragraph=paragraph, letter=letter)))
    result = consolidate(ORIGINAL, D(2024, 4, 1), acts)
    repealed = set()
    for before, after, a in zip(result.versions, result.versions[1:], acts):
        (c,) = a.changes
        key = ("1", f"a{c.article}") + ((f"p{c.paragraph}",) if c.paragraph else ()) + \
            ((f"l{c.letter}",) if c.letter else ())
        differences = {d.key for d in compare(before.text, after.text)}
        if key in repealed:
            assert differences == set() and result.problems
        else:
            assert differences == {key}
            assert flatten(after.text)[key] == ("abrogat" if c.action == "repeal" else c.text[len(marker_of(c)):])
        if c.action == "repeal":
            repealed.add(key)


def test_a_target_whose_text_has_no_article_read():
    prose = articles.parse("Consiliul hotărăște aprobarea regulamentului.\n\nArticolul 1 din regulament se aplică.", 8)
    [problem] = consolidate(prose, D(2024, 4, 1), [act("90/2026", D(2026, 5, 1), change("1", "repeal", annex=""))]).problems
    assert (problem.field, problem.message) == ("changes[1].article",
                                               "în textul hotărârii 48/2024 nu este recunoscut niciun articol")
    assert problem.expected.startswith("articole scrise la început de rând")
