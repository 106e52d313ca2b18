"""References resolve by citation or id; relations are paired both ways."""

import pytest

from support.model_builders import D, adopted, archive, draft, related
from transparency.problems import Problems
from transparency.relations import build, citation_key


@pytest.mark.parametrize("text,key", [
    ("45/2024", "45/2024"), ("045/2024", "45/2024"), ("HCJ nr. 45/2024", "45/2024"), (" 7 / 2025 ", "7/2025"),
    ("proiect-buget", None), ("2024", None),
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
