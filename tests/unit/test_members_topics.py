"""Member pages' absences and initiatives (domain/members.py); topic labels with diacritics
(domain/topics.py); council.yml's new optional keys (members' committees, topics' labels)."""

import pytest

from support import trees
from support.model_builders import D, adopted, draft
from transparency.domain import members, topics
from transparency.domain.model import Member, NominalVote, Topic, Vote

COUNCIL = [Member("Ana Pop", role="Președinte"), Member("Dan Stan", role="Vicepreședinte"),
           Member("Ion Roș", role="Vicepreședinte"), Member("Elena Marin")]


def test_absences_only_from_a_nominal_vote_that_names_everyone_present():
    whole = adopted("a", 1, D(2025, 1, 10), vote=Vote(3, 2, 1, 0),
                    votes=NominalVote(for_=("Ana Pop", "Ion Roş"), against=("Dan Stan",)))  # cedilla
    partial = adopted("b", 2, D(2025, 2, 10), vote=Vote(4, 3, 1, 0), votes=NominalVote(against=("Dan Stan",)))
    none = adopted("c", 3, D(2025, 3, 10), vote=Vote(4, 4, 0, 0))
    assert members.complete(whole) and not members.complete(partial) and not members.complete(none)
    assert members.absent(whole, COUNCIL) == ("Elena Marin",)
    assert members.absent(partial, COUNCIL) == () and members.absent(none, COUNCIL) == ()


@pytest.mark.parametrize("initiator, expected", [
    ("Președintele Consiliului Județean Cluj", ("Ana Pop",)),
    ("Preşedintele Consiliului Judeţean Cluj", ("Ana Pop",)),  # cedillas
    ("Vicepreședintele Consiliului Județean, Ion Roș", ("Ion Roș",)),  # named: the name wins
    ("Vicepreședintele Consiliului Județean", ()),  # two hold the role: nobody
    ("consilierii ELENA MARIN și Dan Stan", ("Dan Stan", "Elena Marin")),
    ("Consilieri județeni din grupul PSD", ()),
    ("Ana Popescu", ()),  # a longer name is someone else
    ("", ()),
])
def test_initiators_by_name_or_by_a_role_held_by_one_member(initiator, expected):
    assert tuple(sorted(members.initiators(initiator, COUNCIL))) == expected


def test_a_draft_counts_as_initiated_too():
    d = draft("p", D(2025, 3, 1), initiator="Elena Marin, consilier județean")
    assert members.initiators(d.initiator, COUNCIL) == ("Elena Marin",)


@pytest.mark.parametrize("written, label", [
    (["administratie"], "administrație"),
    (["situatii-de-urgenta"], "situații de urgență"),
    (["Asistenta sociala"], "Asistență socială"),
    (["drumuri judetene", "drumuri județene"], "drumuri județene"),
    (["protectia mediului"], "protecția mediului"),
    (["taxe si impozite"], "taxe și impozite"),
    (["buget"], "buget"),
    (["cultura"], "cultură"),
    (["tara"], "tara"),  # not on the list (țară? tară?): as written
])
def test_derived_labels_restore_diacritics(written, label):
    assert list(topics.labels(written, ()).values()) == [label]


def test_a_declared_label_wins_and_a_label_for_an_unused_topic_adds_no_page():
    found = topics.labels(["administratie", "buget"], (Topic("Administrație", "administrație publică"),
                                                       Topic("nefolosita", "nefolosită")))
    assert found == {"teme/administratie/": "administrație publică", "teme/buget/": "buget"}


COUNCIL_YML = (trees.FIXTURES / "minimal" / "data" / "council.yml").read_text(encoding="utf-8")


def test_council_yml_reads_committees_of_members_and_topic_labels(tmp_path):
    text = COUNCIL_YML.replace("{name: Ana Pop, group: Grupul A, role: Președinte}",
                               "{name: Ana Pop, group: Grupul A, role: Președinte, committees: [buget, urbanism]}")
    text += "topics:\n  - {slug: buget, label: buget și finanțe}\n"
    checked = trees.check_with(tmp_path, {"data/council.yml": text})
    assert checked.problems.items == []
    council = checked.archive.council
    assert council.member("Ana Pop").committees == ("buget", "urbanism")
    assert council.topics == (Topic("buget", "buget și finanțe"),)


def test_council_yml_unknown_or_repeated_committee_and_incomplete_topic_are_errors(tmp_path):
    text = COUNCIL_YML.replace("{name: Dan Stan, group: Grupul B}",
                               "{name: Dan Stan, group: Grupul B, committees: [buget, sport, buget]}")
    text += "topics:\n  - {slug: buget}\n"
    checked = trees.check_with(tmp_path, {"data/council.yml": text})
    messages = sorted((p.field, p.line, p.message) for p in checked.problems.items)
    assert [(f, line) for f, line, _ in messages] == [("members[4].committees", 11), ("members[4].committees", 11),
                                                      ("topics[1].label", 19)], messages
    assert any("„sport” nu este declarată" in m for _, _, m in messages)
    assert any("apare de două ori" in m for _, _, m in messages)


def test_council_yml_licence_defaults_to_cc_by_and_may_be_declared(tmp_path):
    default = trees.check_with(tmp_path / "default", {"data/council.yml": COUNCIL_YML}).archive.council.licence
    assert "CC BY 4.0" in default.name and default.url.startswith("https://creativecommons.org/licenses/by/4.0/")
    text = COUNCIL_YML + "licence: {name: Licența pentru guvernare deschisă, url: https://data.gov.ro/base/licenta}\n"
    council = trees.check_with(tmp_path / "declared", {"data/council.yml": text}).archive.council
    assert (council.licence.name, council.licence.url) == ("Licența pentru guvernare deschisă",
                                                           "https://data.gov.ro/base/licenta")


def test_council_yml_licence_needs_both_keys_and_an_https_address(tmp_path):
    text = COUNCIL_YML + "licence: {name: CC0, url: 'http://example.org/cc0'}\n"
    checked = trees.check_with(tmp_path / "http", {"data/council.yml": text})
    assert [(p.field, p.line) for p in checked.problems.items] == [("licence.url", len(COUNCIL_YML.splitlines()) + 1)]
    assert "nu începe cu https://" in checked.problems.items[0].message
    checked = trees.check_with(tmp_path / "half", {"data/council.yml": COUNCIL_YML + "licence: {name: CC0}\n"})
    assert [(p.field, "url" in p.message) for p in checked.problems.items] == [("licence", True)]
