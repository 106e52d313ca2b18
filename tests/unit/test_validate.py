"""Cross-file contract rules: numbering, votes, majorities, names, agendas."""

import pytest

from support.trees import FIXTURES, check_with, found

ADOPTED = """---
title: privind ceva
status: {status}
registered: 2025-06-01
meeting: sedinta-2025-06-26
{number}majority: {majority}
vote: {vote}
{extra}---
"""


def decision(status="adopted", number="number: 41\nadopted: 2025-06-26\n", majority="simple",
             vote="{present: 6, for: 4, against: 1, abstain: 1}", extra=""):
    text = ADOPTED.format(status=status, number=number, majority=majority, vote=vote, extra=extra)
    agenda = ("---\ntitle: Ședința ordinară din 26 iunie 2025\nkind: ordinary\ndate: 2025-06-26 10:00\n"
              "items:\n  - decision: rectificare-buget\n  - decision: hcj-x\n---\n")
    return {"hotarari/2025/hcj-x.md": text, "sedinte/sedinta-2025-06-26.md": agenda}


def test_valid_adopted_decision_is_clean(tmp_path):
    assert check_with(tmp_path, decision()).problems.items == []


def test_number_given_twice_on_one_day_is_one_error_naming_both_files(tmp_path):
    # rectificare-buget (the fixture's) is number 40 of 2025-06-26 too: nothing tells which of the two
    # is wrong, so one error names both, with their lines, and says how to decide; none asks for no fix.
    checked = check_with(tmp_path, decision(number="number: 40\nadopted: 2025-06-26\n"))
    [(path, line, severity, message)] = found(checked, "number")
    assert (path, line, severity) == ("hotarari/2025/hcj-x.md", 6, "error")
    assert "40/2025" in message and "aceeași zi, 2025-06-26" in message
    assert "hotarari/2025/hcj-x.md:6" in message and "hotarari/2025/rectificare-buget.md:8" in message
    [problem] = [p for p in checked.problems.items if p.field == "number"]
    assert "registrul hotărârilor" in problem.expected and "păstrat" not in problem.expected


def test_number_given_on_one_day_and_again_later_is_one_error_each_to_correct(tmp_path):
    files = decision(number="number: 40\nadopted: 2025-06-26\n")
    files["hotarari/2025/hcj-y.md"] = ADOPTED.format(status="adopted", number="number: 40\nadopted: 2025-07-10\n",
                                                    majority="simple", vote="{present: 6, for: 4, against: 1, "
                                                    "abstain: 1}", extra="")
    reported = found(check_with(tmp_path, files), "number")
    assert [(path, line) for path, line, *_ in reported] == [("hotarari/2025/hcj-y.md", 6),
                                                             ("hotarari/2025/hcj-x.md", 6)]
    later = reported[0][3]
    assert "dat întâi hotărârilor „hcj-x”" in later and "„rectificare-buget”" in later and "2025-06-26" in later


def test_same_number_in_another_year_is_fine(tmp_path):
    files = decision(number="number: 40\nadopted: 2026-01-15\n")
    files["sedinte/sedinta-2025-06-26.md"] = files["sedinte/sedinta-2025-06-26.md"].replace(
        "2025-06-26 10:00", "2026-01-15 10:00")
    assert found(check_with(tmp_path, files), "number") == []


def test_vote_must_add_up(tmp_path):
    checked = check_with(tmp_path, decision(vote="{present: 5, for: 4, against: 1, abstain: 1}"))
    [(path, line, _, message)] = found(checked, "vote")
    assert (path, line) == ("hotarari/2025/hcj-x.md", 9) and "nu se adună" in message


def test_present_cannot_exceed_seats(tmp_path):
    checked = check_with(tmp_path, decision(vote="{present: 8, for: 5, against: 1, abstain: 1}"))
    assert "locuri 7" in found(checked, "vote")[0][3]


@pytest.mark.parametrize("majority", ["simple", "absolute", "two-thirds"])
def test_seats_unreadable_is_reported_once_not_again_on_every_vote(tmp_path, majority):
    files = decision(majority=majority)
    text = (FIXTURES / "minimal/data/council.yml").read_text(encoding="utf-8")
    files["data/council.yml"] = text.replace("seats: 7", "seats: șapte")
    checked = check_with(tmp_path, files)
    assert [p.field for p in checked.problems.items if p.severity == "error"] == ["seats"]
    # Without seats, what does not need them is still checked.
    files["hotarari/2025/hcj-x.md"] = decision(majority=majority, vote="{present: 5, for: 4, against: 1, abstain: 1}")[
        "hotarari/2025/hcj-x.md"]
    [(_, _, _, message)] = found(check_with(tmp_path / "again", files), "vote")
    assert "nu se adună" in message and "locuri" not in message


@pytest.mark.parametrize("majority,votes_for,ok", [
    ("simple", 4, True), ("simple", 3, False),          # 6 present: more than 3
    ("absolute", 4, True), ("absolute", 3, False),      # 7 seats: at least 4
    ("two-thirds", 5, True), ("two-thirds", 4, False),  # 7 seats: at least 14/3 → 5
])
def test_adopted_must_reach_its_majority(tmp_path, majority, votes_for, ok):
    vote = f"{{present: 6, for: {votes_for}, against: {6 - votes_for}, abstain: 0}}"
    checked = check_with(tmp_path, decision(majority=majority, vote=vote))
    assert (found(checked, "vote") == []) is ok


def test_rejected_must_not_reach_its_majority(tmp_path):
    checked = check_with(tmp_path, decision(status="rejected", number="", majority="absolute",
                                            vote="{present: 6, for: 4, against: 2, abstain: 0}"))
    [(_, _, _, message)] = found(checked, "vote")
    assert "nu poate fi respins" in message
    clean = check_with(tmp_path / "b", decision(status="rejected", number="", majority="absolute",
                                                vote="{present: 6, for: 3, against: 3, abstain: 0}"))
    assert clean.problems.items == []


@pytest.mark.parametrize("present,warned", [(4, False), (3, True)])  # 7 seats: at least 4 present
def test_a_vote_without_a_quorum_is_a_warning(tmp_path, present, warned):
    checked = check_with(tmp_path, decision(vote=f"{{present: {present}, for: {present - 1}, against: 1, abstain: 0}}"))
    said = found(checked, "vote")
    assert bool(said) is warned
    if warned:
        [(path, line, severity, message)] = said
        assert (path, line, severity) == ("hotarari/2025/hcj-x.md", 9, "warning")
        assert "prezenți 3 din 7" in message and "cel puțin 4" in message and "art. 137" in message
        assert "below_quorum: true" in expected_of(checked, "vote")


def expected_of(checked, field):
    [problem] = [p for p in checked.problems.items if p.field == field]
    return problem.expected


def test_a_vote_without_a_quorum_confirmed_by_staff_is_accepted(tmp_path):
    vote = "{present: 3, for: 2, against: 1, abstain: 0, below_quorum: true}"
    assert check_with(tmp_path, decision(vote=vote)).problems.items == []


def test_below_quorum_said_of_a_vote_with_a_quorum_is_a_warning(tmp_path):
    checked = check_with(tmp_path, decision(vote="{present: 4, for: 3, against: 1, abstain: 0, below_quorum: true}"))
    [(_, line, severity, message)] = found(checked, "vote.below_quorum")
    assert (line, severity) == (9, "warning") and "prezenți 4 din 7" in message and "cel puțin 4" in message


def test_below_quorum_must_be_yes_or_no(tmp_path):
    checked = check_with(tmp_path, decision(vote="{present: 3, for: 2, against: 1, abstain: 0, below_quorum: da}"))
    assert [severity for _, _, severity, _ in found(checked, "vote.below_quorum")] == ["error"]


def in_a_council_of_37(files: dict) -> dict:
    """`files` in the minimal council with 37 seats (its 7 members stay: fewer members than seats is allowed)."""
    text = (FIXTURES / "minimal/data/council.yml").read_text(encoding="utf-8")
    return {**files, "data/council.yml": text.replace("seats: 7", "seats: 37")}


def of_hcj_x(checked, field):
    """`found(checked, field)` for hcj-x alone (the fixture's own votes fall short of 37 seats' quorum)."""
    return [problem for problem in found(checked, field) if problem[0] == "hotarari/2025/hcj-x.md"]


def test_vote_and_majority_messages_count_in_romanian(tmp_path):
    # 37 seats: two thirds is 25, an absolute majority 19, a quorum 19.
    checked = check_with(tmp_path, in_a_council_of_37(decision(
        majority="two-thirds", vote="{present: 30, for: 24, against: 6, abstain: 0}")))
    assert of_hcj_x(checked, "vote") == [("hotarari/2025/hcj-x.md", 9, "error",
                                       "hotărârea nu a întrunit majoritate de două treimi: 24 de voturi pentru, "
                                       "necesare 25")]
    checked = check_with(tmp_path / "rejected", in_a_council_of_37(decision(
        status="rejected", number="", majority="absolute", vote="{present: 30, for: 20, against: 10, abstain: 0}")))
    assert of_hcj_x(checked, "vote") == [("hotarari/2025/hcj-x.md", 7, "error",
                                       "proiectul a întrunit majoritatea (20 de voturi pentru, necesare 19), "
                                       "deci nu poate fi respins")]
    checked = check_with(tmp_path / "quorum", in_a_council_of_37(decision(
        majority="simple", vote="{present: 18, for: 17, against: 1, abstain: 0}")))
    [(_, _, severity, message)] = of_hcj_x(checked, "vote")
    assert severity == "warning" and message.startswith(
        "prezenți 18 din 37 de consilieri în funcție: consiliul nu se întrunește legal fără cel puțin 19 ")
    checked = check_with(tmp_path / "nominal", in_a_council_of_37(decision(
        majority="simple", vote="{present: 30, for: 24, against: 6, abstain: 0}", extra="votes:\n  for: [Ana Pop]\n")))
    [problem] = [p for p in checked.problems.items if p.field == "votes.for" and p.path.endswith("hcj-x.md")]
    assert (problem.line, problem.message) == (11, "lista are 1 nume, dar vote.for este 24")
    assert problem.expected == "exact 24 de nume, câte unul pentru fiecare vot"


def test_more_members_than_seats_counts_in_romanian(tmp_path):
    text = (FIXTURES / "minimal/data/council.yml").read_text(encoding="utf-8").replace("seats: 7", "seats: 20")
    extra = "".join(f"  - {{name: Membru Nou {letter}, group: independent}}\n" for letter in "ABCDEFGHIJKLMN")
    text = text.replace("committees:\n", extra + "committees:\n", 1)
    checked = check_with(tmp_path, {"data/council.yml": text})
    assert [message for _, _, _, message in found(checked, "members")] == [
        "sunt 21 de membri, dar consiliul are 20 de locuri"]


def test_nominal_vote_names_and_counts(tmp_path):
    files = decision(extra="votes:\n  for: [Dan Stan]\n  against: [Dan Stan, Ion Necunoscut]\n")
    checked = check_with(tmp_path, files)
    line_of = {line.split(":")[0].strip(): n for n, line in enumerate(files["hotarari/2025/hcj-x.md"].split("\n"), 1)}
    against = found(checked, "votes.against")
    messages = [m for _, _, _, m in against]
    assert any("Ion Necunoscut" in m for m in messages)
    assert any("2 nume" in m and "vote.against este 1" in m for m in messages)
    # each problem at the line of its own list, not that of `votes:`
    assert {line for _, line, _, _ in against} == {line_of["against"]}
    assert {line for _, line, _, _ in found(checked, "votes.for")} == {line_of["for"]}


def test_a_name_twice_in_one_vote_list_says_so_with_the_fix(tmp_path):
    # a name typed twice where the list has one name more than its count: deleting one fixes both
    files = decision(vote="{present: 6, for: 4, against: 2, abstain: 0}",
                     extra="votes:\n  against: [Dan Stan, Ana Pop, Dan Stan]\n")
    checked = check_with(tmp_path, files)
    assert found(checked, "votes.against") == [
        ("hotarari/2025/hcj-x.md", 11, "error", "„Dan Stan” apare de două ori la votes.against")]
    [problem] = [p for p in checked.problems.items if p.field == "votes.against"]
    assert problem.expected == "ștergeți unul dintre cele două: fiecare consilier o singură dată"


def test_a_name_twice_in_one_vote_list_in_place_of_another_is_counted_once(tmp_path):
    files = decision(vote="{present: 6, for: 4, against: 2, abstain: 0}",
                     extra="votes:\n  against: [Dan Stan, Dan Stan]\n")
    checked = check_with(tmp_path, files)
    assert found(checked, "votes.against") == [
        ("hotarari/2025/hcj-x.md", 11, "error", "„Dan Stan” apare de două ori la votes.against"),
        ("hotarari/2025/hcj-x.md", 11, "error", "lista are 1 nume (fiecare numărat o dată), dar vote.against este 2")]


def test_a_name_in_two_vote_lists_names_the_other(tmp_path):
    files = decision(vote="{present: 6, for: 4, against: 1, abstain: 1}",
                     extra="votes:\n  for: [Ana Pop, Dan Stan, Carmen Dinu, Elena Marin]\n  against: [Dan Stan]\n")
    assert found(check_with(tmp_path, files), "votes.against") == [
        ("hotarari/2025/hcj-x.md", 12, "error", "„Dan Stan” apare și la votes.for")]


def test_unknown_committee(tmp_path):
    checked = check_with(tmp_path, decision(extra="committees: [buget, sanatate]\n"))
    [(_, line, _, message)] = found(checked, "committees")
    assert line == 10 and "sanatate" in message


def test_unresolved_references_are_errors(tmp_path):
    checked = check_with(tmp_path, decision(extra="amends: [12/2023]\nrepeals: [nu-exista]\n"))
    assert "12/2023" in found(checked, "amends")[0][3]
    assert "nu-exista" in found(checked, "repeals")[0][3]


def test_reference_to_a_meeting_that_does_not_exist(tmp_path):
    files = decision()
    files["hotarari/2025/hcj-x.md"] = files["hotarari/2025/hcj-x.md"].replace("sedinta-2025-06-26", "sedinta-x")
    [(_, line, _, _)] = found(check_with(tmp_path, files), "meeting")
    assert line == 5


def test_decision_missing_from_its_agenda_is_a_warning(tmp_path):
    files = decision()
    files["sedinte/sedinta-2025-06-26.md"] = files["sedinte/sedinta-2025-06-26.md"].replace("  - decision: hcj-x\n", "")
    [(_, _, severity, _)] = found(check_with(tmp_path, files), "meeting")
    assert severity == "warning"


def test_cnp_is_an_error_unless_allowed(tmp_path):
    body = "---\ntitle: Pagina\n---\nPersoana cu CNP 1800101221144 a depus cererea.\n"
    [(path, line, severity, _)] = found(check_with(tmp_path, {"pages/cerere.md": body}), "CNP")
    assert (path, line, severity) == ("pages/cerere.md", 4, "error")
    allowed = body.replace("title: Pagina\n", 'title: Pagina\nallow_cnp: ["1800101221144"]\n')
    assert found(check_with(tmp_path / "b", {"pages/cerere.md": allowed}), "CNP") == []


def test_raw_html_script_is_reported_with_its_line(tmp_path):
    body = "---\ntitle: Pagina\n---\nText\n\n<script>alert(1)</script>\n<a href=\"javascript:alert(1)\" onclick=\"x()\">x</a>\n"
    problems = found(check_with(tmp_path, {"pages/p.md": body}), "text")
    assert sorted(line for _, line, _, _ in problems) == [6, 7, 7]
    assert all(severity == "warning" for _, _, severity, _ in problems)


@pytest.mark.parametrize("character, awaited", [("normative", "publicarea"), ("individual", "comunicarea")])
def test_an_adopted_decision_not_in_force_says_the_one_fact_it_waits_for(tmp_path, character, awaited):
    import datetime as dt

    from transparency.site.views import SiteModel

    checked = check_with(tmp_path, decision(extra=f"character: {character}\n"))
    assert checked.problems.items == []
    banner = SiteModel(checked, dt.date(2025, 11, 25), "https://example.test").banner(
        checked.archive.decisions["hcj-x"])
    assert (banner["code"], banner["awaits"]) == ("adopted", awaited)
