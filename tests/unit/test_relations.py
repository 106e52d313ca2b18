"""References resolve by citation or id; relations are paired both ways."""

import pytest

from support.model_builders import D, adopted, archive, draft, event, related
from transparency.domain.problems import Problems
from transparency.domain.relations import build, citation_key


@pytest.mark.parametrize("text,key", [
    ("45/2024", "45/2024"), ("045/2024", "45/2024"), ("HCJ nr. 45/2024", "45/2024"), (" 7 / 2025 ", "7/2025"),
    ("proiect-buget", None), ("2024", None),
    # as the contract's own mentions are written (an outside review: refused under `amends`)
    ("Hotărârea nr. 45/2024", "45/2024"), ("HOTĂRÂREA NR. 45/2024", "45/2024"), ("Hotararea nr. 45/2024", "45/2024"),
    ("Hotărârea Guvernului nr. 45/2024", None),  # another issuer's act
])
def test_citation_key(text, key):
    assert citation_key(text) == key


def test_amends_and_amended_by_are_paired():
    docs = archive(adopted("a", 1, D(2024, 5, 1)), adopted("b", 2, D(2025, 2, 1), amends=("1/2024",)),
                   adopted("c", 3, D(2025, 6, 1), amends=("b",), repeals=("a",)))
    rel = related(docs)
    assert rel.amends == {"b": ("a",), "c": ("b",)}
    assert rel.amended_by == {"a": ("b",), "b": ("c",)}
    assert rel.repeals == {"c": ("a",)} and rel.repealed_by == {"a": ("c",)}


def test_only_adopted_decisions_count_as_amending():
    rel = related(archive(adopted("a", 1, D(2024, 5, 1)), draft("p", D(2025, 1, 1), amends=("1/2024",))))
    assert rel.amends == {"p": ("a",)} and rel.amended_by == {}


def test_citation_of_a_draft_does_not_resolve():
    problems = Problems()
    build(archive(draft("p", D(2025, 1, 1)), adopted("b", 2, D(2025, 2, 1), amends=("p",))), problems)
    [problem] = problems.errors
    assert problem.field == "amends" and "nu este o hotărâre adoptată" in problem.message


def test_self_reference_is_an_error():
    problems = Problems()
    build(archive(adopted("a", 1, D(2024, 5, 1), amends=("1/2024",))), problems)
    assert [p.message for p in problems.errors] == ["hotărârea se referă la ea însăși"]


def test_a_decision_repealed_before_cannot_be_amended_or_repealed_again():
    repealer = adopted("r", 70, D(2025, 11, 27), repeals=("5/2024",), events=(event(D(2025, 12, 2), "published"),))
    problems = Problems()
    rel = build(archive(adopted("a", 5, D(2024, 3, 1)), repealer,
                        adopted("again", 80, D(2025, 12, 18), repeals=("5/2024",)),
                        adopted("amends", 3, D(2026, 1, 8), amends=("5/2024",)),
                        # adopted while the repeal had not yet taken effect: still a change of an act in force
                        adopted("before", 71, D(2025, 12, 1), amends=("5/2024",))), problems)
    assert sorted(p.field for p in problems.errors) == ["amends", "repeals"]  # "again" and "amends", not "before"
    assert all("fusese deja abrogată, prin Hotărârea nr. 70/2025" in p.message for p in problems.errors)
    assert rel.repealed_by == {"a": ("r",)} and rel.amended_by == {"a": ("before",)}


def test_a_repeal_annulled_by_a_court_does_not_bar_a_later_change():
    repealer = adopted("r", 70, D(2025, 11, 27), repeals=("5/2024",),
                       events=(event(D(2025, 12, 2), "published"), event(D(2026, 1, 5), "annulled")))
    problems = Problems()
    build(archive(adopted("a", 5, D(2024, 3, 1)), repealer, adopted("amends", 3, D(2026, 2, 8), amends=("5/2024",))),
          problems)
    assert not problems.errors


def test_a_decision_a_court_annulled_cannot_be_amended_or_repealed_after():
    annulled = adopted("a", 5, D(2024, 3, 1), events=(event(D(2025, 6, 10), "annulled"),))
    problems = Problems()
    rel = build(archive(annulled, adopted("after", 80, D(2025, 7, 1), amends=("5/2024",)),
                        adopted("repeal", 81, D(2025, 7, 1), repeals=("5/2024",)),
                        adopted("before", 40, D(2025, 5, 1), amends=("5/2024",))), problems)  # while it stood
    assert sorted(p.field for p in problems.errors) == ["amends", "repeals"]
    assert all("fusese anulată de instanță la 2025-06-10" in p.message for p in problems.errors)
    assert rel.amended_by == {"a": ("before",)} and "a" not in rel.repealed_by


def cycle_errors(*docs) -> list:
    problems = Problems()
    build(archive(*docs), problems)
    return [p for p in problems.errors if "se închid în cerc" in p.message]


def test_two_decisions_amending_each_other_are_an_error_at_both_links():
    a = adopted("a", 1, D(2024, 5, 1), amends=("2/2024",), source="hotarari/a.md", display="content/hotarari/a.md",
                lines={"amends": 9})
    b = adopted("b", 2, D(2024, 6, 1), amends=("1/2024",), source="hotarari/b.md", display="content/hotarari/b.md",
                lines={"amends": 12})
    errors = cycle_errors(a, b)
    assert [(p.path, p.line, p.field) for p in errors] == [("content/hotarari/a.md", 9, "amends"),
                                                          ("content/hotarari/b.md", 12, "amends")]
    assert {p.message for p in errors} == {"modificările și abrogările se închid în cerc: hotărârea nr. 1/2024 modifică "
                                           "hotărârea nr. 2/2024, hotărârea nr. 2/2024 modifică hotărârea nr. 1/2024"}


def test_a_longer_circle_through_a_repeal_names_every_link():
    docs = [adopted("a", 1, D(2024, 5, 1), repeals=("b",), display="a.md", lines={"repeals": 5}),
            adopted("b", 2, D(2024, 6, 1), amends=("3/2024",), display="b.md", lines={"amends": 6}),
            adopted("c", 3, D(2024, 7, 1), amends=("1/2024",), display="c.md", lines={"amends": 7})]
    errors = cycle_errors(*docs)
    assert [(p.path, p.line, p.field) for p in errors] == [("a.md", 5, "repeals"), ("b.md", 6, "amends"),
                                                          ("c.md", 7, "amends")]
    [message] = {p.message for p in errors}
    for link in ("hotărârea nr. 1/2024 abrogă hotărârea nr. 2/2024", "hotărârea nr. 2/2024 modifică hotărârea nr. 3/2024", "hotărârea nr. 3/2024 modifică hotărârea nr. 1/2024"):
        assert link in message


def test_every_circle_is_named_even_when_circles_share_a_decision():
    docs = [adopted("a", 1, D(2024, 5, 1), amends=("2/2024", "3/2024"), display="a.md"),
            adopted("b", 2, D(2024, 6, 1), repeals=("1/2024",), display="b.md"),
            adopted("c", 3, D(2024, 7, 1), amends=("1/2024",), display="c.md")]
    messages = {p.message for p in cycle_errors(*docs)}
    assert any("hotărârea nr. 2/2024 abrogă hotărârea nr. 1/2024" in m for m in messages)
    assert any("hotărârea nr. 3/2024 modifică hotărârea nr. 1/2024" in m for m in messages)
    assert {p.path for p in cycle_errors(*docs)} == {"a.md", "b.md", "c.md"}


def test_a_chain_of_amendments_is_no_circle():
    docs = [adopted("a", 1, D(2024, 5, 1)), adopted("b", 2, D(2024, 6, 1), amends=("1/2024",)),
            adopted("c", 3, D(2024, 7, 1), amends=("2/2024", "1/2024"), repeals=("b",))]
    assert cycle_errors(*docs) == []


def test_amending_or_repealing_a_decision_adopted_later_is_an_error_naming_both_dates():
    problems = Problems()
    build(archive(adopted("early", 143, D(2025, 7, 31), repeals=("271/2025",), lines={"repeals": 14}),
                  adopted("late", 271, D(2025, 12, 18)),
                  adopted("same-day", 272, D(2025, 12, 18), amends=("271/2025",))), problems)  # one meeting
    [error] = problems.errors
    assert (error.field, error.line) == ("repeals", 14)
    assert "2025-12-18" in error.message and "2025-07-31" in error.message
