"""The `changes` block of an amending decision, read with its lines, and checked against the texts it changes.

Reading (`read`) checks each item alone: the keys, the action, a text where
one is needed. Checking (`check`) needs the other files: every target must
be listed under `amends`, and every change must apply, in the order the acts
take effect, to the text of the decision it changes, read again from its
file (domain/consolidation.py says what applies and what is an error).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..domain import articles, consolidation
from ..domain.consolidation import ACTIONS, CHANGE_KEYS, Change
from ..domain.force import entry_into_force
from ..domain.model import Archive, Decision
from ..domain.problems import Problems
from ..domain.relations import Relations, citation_key
from . import markup
from .bodies import read_body
from .fields import Fields


def read(f: Fields) -> tuple[Change, ...]:
    """The `changes` items of a decision's front matter (problems reported through `f`)."""
    found = []
    for item in f.mapping_list("changes", CHANGE_KEYS):
        decision = item.text("decision", required=True)
        article = item.text("article", required=True)
        action = item.choice("action", ACTIONS, required=True)
        text = item.text("text")
        needs_text = action in ("replace", "insert-after")
        if needs_text and not text:
            item.error("action", f"„action: {action}” are nevoie de noul text",
                       "„text: |” urmat, pe rândurile următoare, de noul cuprins")
        if action == "repeal" and text:
            item.error("text", "o abrogare nu are text", "ștergeți „text” sau alegeți „action: replace”")
        after = item.text("after")
        if after and not citation_key(after):
            item.error("after", f"„{after}” nu este numărul unei hotărâri", "NUMĂR/AN, de exemplu 141/2025")
        if not (decision and article and action) or (needs_text and not text):
            continue
        found.append(Change(
            decision=decision, article=articles.normal_label(article), action=action,
            annex=articles.normal_label(item.text("annex")), paragraph=articles.normal_label(item.text("paragraph")),
            letter=articles.normal_label(item.text("letter")), text=text, after=citation_key(after) or "",
            line=item.data.line, lines=tuple((key, item.line(key)) for key in CHANGE_KEYS if key in item.data)))
    return tuple(found)


def original_text(root: Path, decision) -> articles.Text:
    """The structure of the decision's text as adopted, read again from its file."""
    return articles.parse(read_body(root, decision), decision.body_line)


def start(decision) -> object:
    """The day the decision's original text took effect (its adoption when no fact says)."""
    return entry_into_force(decision) or decision.adopted


def proposals(target: Decision, drafts: list[Decision]) -> list[consolidation.Act]:
    """Drafts' changes aimed at `target`, as acts taking effect on no known day, by registration."""
    found = []
    for draft in sorted(drafts, key=lambda d: (d.registered or dt.date.max, d.id)):
        changes = tuple(c for c in draft.changes if consolidation.aims_at(c, target))
        if changes:
            found.append(consolidation.Act(f"proiectul {draft.id}", draft.registered or target.adopted, 0, None,
                                           draft.display, changes))
    return found


def check(archive: Archive, rel: Relations, root: Path, problems: Problems) -> None:
    """Every target listed under `amends`; every change applicable to its target's text on its day."""
    targets: dict[str, list[Decision]] = {}
    left_out: dict[str, dict[str, list[int]]] = {}  # target → file → lines of changes left out for an error
    for amender in sorted(archive.decisions.values(), key=lambda d: d.id):
        # as written: a reference the relations dropped (an error of its own, such as amending a
        # decision already repealed) is still listed, and not said to be missing as well
        listed = set(rel.amends.get(amender.id, ())) | {rel.by_citation.get(citation_key(written), written)
                                                         for written in amender.amends}
        for index, change in enumerate(amender.changes, start=1):
            if change.text:  # published as Markdown on the consolidated pages: what the sanitiser drops is said
                markup.report_field(change.text, change.line_of("text"), amender.display, f"changes[{index}].text",
                                    problems)
            key = citation_key(change.decision)
            target = rel.by_citation.get(key) if key else (change.decision if change.decision in archive.decisions
                                                            else None)
            if target is not None and not archive.decisions[target].citation:
                problems.error(amender.display, change.line_of("decision"), f"changes[{index}].decision",
                               f"„{change.decision}” nu este o hotărâre adoptată: nu are un text în vigoare de modificat",
                               "numărul/anul unei hotărâri adoptate")
            elif target is None or target not in listed:
                if target is not None:
                    left_out.setdefault(target, {}).setdefault(amender.display, []).append(
                        change.line_of("decision"))
                problems.error(amender.display, change.line_of("decision"), f"changes[{index}].decision",
                               f"hotărârea {change.decision} nu este în lista „amends” a acestei hotărâri",
                               f"o hotărâre din „amends” ({', '.join(amender.amends) or 'lista este goală'}), "
                               f"sau adăugați {change.decision} la „amends”")
            elif (amender.citation or amender.status == "draft") and amender not in targets.setdefault(target, []):
                targets[target].append(amender)  # a draft's changes are checked too, as proposed
    for target_id, amenders in sorted(targets.items()):
        target = archive.decisions[target_id]
        acts = consolidation.acts_amending(target, [a for a in amenders if a.citation], entry_into_force)
        result = consolidation.consolidate(original_text(root, target), start(target), acts,
                                           proposals(target, [a for a in amenders if not a.citation]))
        # A change left out for its own error may be the one that made what this one changes (an
        # article it inserted): said, so that staff fix that error first, not a file with none. So is
        # a change that failed to apply (an article inserted with no number), before one that needs
        # what it would have made.
        first = fix_first(left_out.get(target_id, {}), target.citation)
        for p in result.problems:
            failed: dict[str, list[int]] = {}
            for display, line in p.after_errors:
                failed.setdefault(display, []).append(line)
            problems.error(p.display, p.line, p.field, p.message + first + fix_first(failed, target.citation),
                           p.expected)


def fix_first(lines_by_file: dict[str, list[int]], citation: str) -> str:
    """„; întâi corectați FILE, rândul N: …”, for each file whose changes to the decision `citation`
    did not apply for their own errors at those lines (one line: one change); "" for none."""
    return "".join(
        f"; întâi corectați {display}, rândul {lines[0]}: modificarea hotărârii {citation} de acolo nu s-a "
        "aplicat, din cauza erorii ei" if len(lines) == 1 else
        f"; întâi corectați {display}, rândurile {', '.join(map(str, lines))}: modificările hotărârii {citation} "
        "de acolo nu s-au aplicat, din cauza erorilor lor" for display, lines in lines_by_file.items())
