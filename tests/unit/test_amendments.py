"""The whole chain of changes of a decision (domain/amendments.py): direct acts, acts that change
one of its amendments (indirect), in the order of adoption, with the changes aimed at it."""

from support.model_builders import D, adopted, archive, draft, related
from transparency.domain import amendments
from transparency.domain.consolidation import Change


def chain_of(a, decision_id):
    return [(m.act, m.verbs, m.via) for m in amendments.chain(decision_id, a, related(a))]


def test_a_amended_by_b_and_b_amended_by_c():
    a = archive(adopted("a", 1, D(2025, 1, 10)),
                adopted("b", 2, D(2025, 2, 10), amends=("1/2025",)),
                adopted("c", 3, D(2025, 3, 10), amends=("2/2025",)))
    assert chain_of(a, "a") == [("b", ("amends",), ()), ("c", (), (("amends", "b"),))]
    assert chain_of(a, "b") == [("c", ("amends",), ())]
    assert chain_of(a, "c") == []
    direct = [m.direct for m in amendments.chain("a", a, related(a))]
    assert direct == [True, False]


def test_longer_chains_repeals_and_an_act_both_direct_and_through_an_amendment():
    a = archive(adopted("a", 1, D(2025, 1, 10)),
                adopted("b", 2, D(2025, 2, 10), amends=("1/2025",)),
                adopted("c", 3, D(2025, 3, 10), amends=("2/2025",)),
                adopted("d", 4, D(2025, 4, 10), repeals=("3/2025",)),
                adopted("e", 5, D(2025, 5, 10), amends=("1/2025", "2/2025")),
                adopted("f", 6, D(2025, 6, 10), repeals=("1/2025",)),
                adopted("other", 7, D(2025, 6, 20), amends=("6/2025",)))
    assert chain_of(a, "a") == [
        ("b", ("amends",), ()),
        ("c", (), (("amends", "b"),)),
        ("d", (), (("repeals", "c"),)),
        ("e", ("amends",), (("amends", "b"),)),
        ("f", ("repeals",), ()),
        ("other", (), (("amends", "f"),)),
    ]


def test_the_changes_aimed_at_the_decision_are_kept_and_the_others_left_out():
    to_a = Change(decision="1/2025", article="2", action="repeal")
    to_b = Change(decision="b", article="1", action="replace", text="Art. 1. Nou.")
    a = archive(adopted("a", 1, D(2025, 1, 10)),
                adopted("b", 2, D(2025, 2, 10), amends=("1/2025",)),
                adopted("c", 3, D(2025, 3, 10), amends=("1/2025", "2/2025"), changes=(to_a, to_b)))
    by_act = {m.act: m.changes for m in amendments.chain("a", a, related(a))}
    assert by_act == {"b": (), "c": (to_a,)}
    assert [m.changes for m in amendments.chain("b", a, related(a))] == [(to_b,)]


def test_drafts_and_rejected_projects_change_nothing():
    a = archive(adopted("a", 1, D(2025, 1, 10)),
                adopted("b", 2, D(2025, 2, 10), amends=("1/2025",)))
    a.decisions["p"] = draft("p", D(2025, 3, 1), amends=("2/2025",))
    assert chain_of(a, "a") == [("b", ("amends",), ())]
