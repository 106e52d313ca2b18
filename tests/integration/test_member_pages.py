"""Member pages on the built sample council (issue 16): committees from council.yml, absences
counted from complete nominal votes, decisions initiated; topic labels with diacritics. The
expected values are computed here from the content files, independently of the site's code."""

import pytest

from support import trees
from support.contract_checks import soup
from transparency.domain import urls
from transparency.domain.text import fold
from transparency.source import pipeline


@pytest.fixture(scope="module")
def checked():
    return pipeline.check(trees.ROOT / "content")


def text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def section_links(page, heading_id):
    """The documents listed in the section that starts at the h2 with `heading_id`, up to the next h2
    (each item's own link, not those of its status line)."""
    links = []
    for sibling in page.find(id=heading_id).find_next_siblings():
        if sibling.name == "h2":
            break
        links += [a["href"] for a in sibling.select(".doc-list h3 > a, ul:not(.doc-list) > li > a")]
    return links


def test_every_member_page_lists_the_members_committees(sample_site, checked):
    council = checked.archive.council
    with_committees = 0
    for member in council.members:
        page = soup(sample_site, urls.member(member.name))
        expected = [f"/{urls.committee(slug)}" for slug in member.committees]
        assert section_links(page, "comisii") == expected, member.name
        with_committees += bool(expected)
    assert with_committees >= 30


def test_absences_are_counted_from_complete_nominal_votes(sample_site, checked):
    council = checked.archive.council
    complete = [d for d in checked.archive.decisions.values() if d.votes and d.vote
                and len(d.votes.for_) + len(d.votes.against) + len(d.votes.abstain) == d.vote.present]
    assert complete, "the sample has complete nominal votes"
    total = 0
    for member in council.members:
        away = sorted(f"/{urls.decision(d)}" for d in complete
                      if member.name not in (*d.votes.for_, *d.votes.against, *d.votes.abstain))
        page = soup(sample_site, urls.member(member.name))
        shown = page.select_one("[data-absences]")
        assert int(shown["data-absences"]) == len(away), member.name
        assert f"la {len(complete)} voturi nominale complete" in text(shown)
        assert sorted(section_links(page, "absente")) == away, member.name
        total += len(away)
    assert total > 0


def test_decisions_initiated_by_a_member_named_or_by_the_presidents_role(sample_site, checked):
    decisions = checked.archive.decisions.values()
    balan = soup(sample_site, urls.member("Teodora Bălan"))
    named = sorted(f"/{urls.decision(d)}" for d in decisions if "Teodora Bălan" in d.initiator)
    assert named and sorted(section_links(balan, "initiate")) == named
    president = next(m for m in checked.archive.council.members if m.role == "Președinte")
    by_role = sorted(f"/{urls.decision(d)}" for d in decisions
                     if fold(d.initiator.replace("ş", "ș").replace("ţ", "ț")).startswith("Presedintele"))
    assert len(by_role) > 40
    assert sorted(section_links(soup(sample_site, urls.member(president.name)), "initiate")) == by_role
    lazea = soup(sample_site, urls.member("Emil Lazea"))
    assert section_links(lazea, "initiate") == [] and "Niciun proiect" in text(lazea.find(id="initiate").find_next("p"))


def test_topic_labels_with_diacritics_declared_or_derived(sample_site):
    listed = {a["href"]: text(a) for a in soup(sample_site, "teme/").select("main a[href^='/teme/']")}
    assert listed["/teme/administratie/"].startswith("administrație publică")  # declared in council.yml
    assert listed["/teme/situatii-de-urgenta/"].startswith("situații de urgență")
    assert listed["/teme/asistenta-sociala/"].startswith("asistență socială")  # derived
    page = soup(sample_site, "teme/administratie/")
    assert "„administrație publică”" in text(page.select_one("h1"))
