"""The consolidated text of an amended decision: as in force today and on each version's day.

A decision has consolidated pages when an adopted act records structured
`changes` aimed at it (domain/consolidation.py applies them):
`/hotarari/YEAR/NUMBER/consolidat/` (the version in force on the build day)
and `/hotarari/YEAR/NUMBER/consolidat/YYYY-MM-DD/` (each version, from the
original's entry into force). Every unit an act changed carries
`data-changed-by="NUMBER/YEAR"` and `data-changed-since="YYYY-MM-DD"`; a
repealed unit stays, marked `data-repealed`, saying "Abrogat" and by which
act. Each version page compares its text, word by word, with every earlier
version. What a consolidation does not cover (annexes published only as PDF,
amendments not recorded structurally) is said on every page, and that only
the published acts have legal force.

Everything here is read through the site model, so each page records what it
read: the decision (its front matter and its body, read again from its file),
the entry of `amended_by` that lists its amending acts, and their front
matter (their `changes` and the facts that date them).
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape

from ..domain import articles, consolidation, dates, urls
from ..domain.articles import Passage, Text, Unit
from ..domain.consolidation import Act, Consolidation
from ..domain.force import entry_into_force
from ..domain.text import count
from ..source import bodies, markup
from .views import BANNER_WARNINGS, SiteModel, script_json, when

FOLDER = "consolidat/"
NOTICE = ("Textul consolidat este întocmit automat, din textul hotărârii și din modificările pe care actele "
          "ulterioare le-au înregistrat articol cu articol. Are caracter informativ: numai hotărârea și actele "
          "care au modificat-o, așa cum au fost publicate, produc efecte juridice.")
ACTION_WORDS = {"replace": "Modificat", "insert-after": "Introdus", "repeal": "Abrogat"}
FEMININE = {"letter"}  # „litera … abrogată”
ENDED = {"repealed", "annulled", "suspended"}  # statuses under which no version applies today


def path(d, day: dt.date | None = None) -> str:
    """`hotarari/2024/48/consolidat/`, or that of the version of `day`."""
    return urls.decision(d) + FOLDER + (f"{day.isoformat()}/" if day else "")


def start(d) -> dt.date:
    """The day the decision's original text took effect (its adoption when the facts do not say)."""
    return entry_into_force(d) or d.adopted


def acts(site: SiteModel, d) -> list[Act]:
    """The adopted acts with `changes` aimed at `d` (through the `amended_by` entry of `d`)."""
    amenders = [site.archive.decisions[i] for i in site.relations.amended_by.get(d.id, ())]
    return consolidation.acts_amending(d, amenders, entry_into_force)


def changes_by_day(site: SiteModel, d) -> dict[dt.date, list[str]]:
    """The days a change to `d` took effect (never before the original did), with the acts of each."""
    in_force = [a for a in acts(site, d) if a.effective is not None] if d.citation else []
    if not in_force:  # most decisions: no entry of amended_by, no date computed
        return {}
    first, found = start(d), {}
    for act in in_force:
        found.setdefault(max(act.effective, first), []).append(act.citation)
    return dict(sorted(found.items()))


def version_days(site: SiteModel, d) -> list[dt.date]:
    """The day of each version (the original's first), none when no act in force changes `d`."""
    days = list(changes_by_day(site, d))
    return [start(d), *(day for day in days if day != start(d))] if days else []


def of(site: SiteModel, d) -> Consolidation:
    """Every version of `d` (computed once per build, with what it read)."""
    def compute() -> Consolidation:
        original = articles.parse(bodies.read_body(site.bodies.root, d), d.body_line)
        return consolidation.consolidate(original, start(d), acts(site, d))
    return site.memos.get(f"consolidation/{d.id}", compute)


def link(site: SiteModel, d) -> dict | None:
    """For the decision's page: where its consolidated text is, and the day of its latest version."""
    days = version_days(site, d)
    if not days:
        return None
    today = [day for day in days if day <= site.today]
    return {"url": site.href(path(d)), "since": when(today[-1]) if today else None, "count": len(days) - 1}


def open_data(site: SiteModel, d) -> list[dict] | None:
    """The versions of the decision's consolidated text for /date/hotarari.json (None: it has none)."""
    days = changes_by_day(site, d)
    if not days:
        return None
    return [{"date": day.isoformat(), "acts": sorted(days.get(day, [])), "url": site.absolute(path(d, day))}
            for day in version_days(site, d)]


def search_text(site: SiteModel, d) -> str:
    """What today's consolidated text says that the text as adopted does not: the units later acts
    replaced or inserted, for the search index (the decision is then found by its text in force)."""
    if not version_days(site, d):
        return ""
    today = of(site, d).on(site.today)
    found: list[str] = []

    def walk(unit: Unit, inherited: bool):
        changed = inherited or (bool(unit.changed_by) and not unit.repealed)
        if changed and unit.text:
            found.append(unit.text)
        for child in unit.children:
            walk(child, changed)

    for part in today.text.parts if today else ():
        for unit in part.articles:
            walk(unit, False)
    return " ".join(found)


def routes(site: SiteModel, route) -> list:
    """The consolidated pages of every decision that has some (`route` is publish.routes.Route)."""
    found = []
    for d in site.archive.decisions.values():
        days = version_days(site, d)
        if not days:
            continue
        heading = site.heading(d)
        found.append(route(path(d), "consolidated.html", f"Textul consolidat: {heading}",
                           lambda d=d: page(site, d, None), d))
        found += [route(path(d, day), "consolidated.html", f"{heading}: versiunea din {dates.long_date(day)}",
                        lambda d=d, day=day: page(site, d, day), d) for day in days]
    return found


# --- one page -----------------------------------------------------------------

def page(site: SiteModel, d, day: dt.date | None) -> dict:
    """Today's text (`day` None) or the version of `day`."""
    result = of(site, d)
    status = site.status_view(d)
    ended = BANNER_WARNINGS.get(status["code"], "") if status["code"] in ENDED else ""
    today = result.on(site.today)
    shown = today if day is None else next(v for v in result.versions if v.date == day)
    index = result.versions.index(shown) if shown else -1
    versions = [{
        "date": when(v.date), "url": site.href(path(d, v.date)), "shown": v is shown and day is not None,
        "until": when(following.date) if following else None,
        "in_force": v is today and not ended, "future": v.date > site.today,
        "acts": [act_link(site, c) for c in v.acts],
    } for v, following in zip(result.versions, [*result.versions[1:], None])]
    comparisons = [{
        "with": when(earlier.date), "url": site.href(path(d, earlier.date)), "open": position == index - 1,
        "differences": (found := differences(earlier.text, shown.text)),
        "count": count(len(found), "prevedere", "prevederi"),
    } for position, earlier in enumerate(result.versions[:index])] if shown else []
    lead = f"Hotărârea nr. {d.citation}: versiunea din"  # a version's heading: these words, then its day
    title = f"Textul consolidat al Hotărârii nr. {d.citation}" if day is None else f"{lead} {dates.long_date(day)}"
    return {
        "c": {
            "title": title, "decision_title": d.title, "decision": site.decision_link(d.id),
            "day": when(day) if day is not None else None, "lead": lead,  # the day in a <time>
            "today": day is None, "version": versions[index] if shown else None,
            "text": render(site, shown.text) if shown else "",
            "versions": versions[::-1], "comparisons": comparisons[::-1],
            "pending": [act_link(site, c) for c in result.pending],
            "unstructured": unstructured(site, d),
            "attachments": attachments(site, d),
            "notice": NOTICE, "today_text": when(site.today),
            "jsonld": jsonld(site, d, shown, result),
            "status": status, "ended": ended,
        },
        "page_title": title, "crumb": "Text consolidat" if day is None else "Versiunea din",
        "crumb_date": when(day) if day is not None else None,  # said after the crumb's words
    }


def act_link(site: SiteModel, citation: str) -> dict:
    decision_id = site.relations.by_citation.get(citation)
    return {"url": site.href(urls.decision(site.archive.decisions[decision_id])), "text": f"Hotărârea nr. {citation}",
            "citation": citation}


def unstructured(site: SiteModel, d) -> list[dict]:
    """Amending acts that recorded no structured change to `d`: their changes are not in this text."""
    structured = {a.citation for a in acts(site, d)}
    found = []
    for decision_id in site.relations.amended_by.get(d.id, ()):
        amender = site.archive.decisions[decision_id]
        if amender.citation not in structured:
            found.append({**act_link(site, amender.citation), "title": amender.title})
    return found


def attachments(site: SiteModel, d) -> list[dict]:
    """The PDF annexes: the decision's own, then each amending act's, with the act (never consolidated)."""
    found = [{"act": None, "files": site.attachment_views(d.attachments)}] if d.attachments else []
    for decision_id in site.relations.amended_by.get(d.id, ()):
        amender = site.archive.decisions[decision_id]
        if amender.attachments:
            found.append({"act": act_link(site, amender.citation), "files": site.attachment_views(amender.attachments)})
    return found


def jsonld(site: SiteModel, d, shown, result: Consolidation) -> str:
    """schema.org Legislation for a consolidated version: what it consolidates and the version's day."""
    data = {
        "@context": "https://schema.org", "@type": "Legislation",
        "name": f"Hotărârea nr. {d.citation} {d.title} (text consolidat)", "inLanguage": "ro",
        "legislationType": "Hotărâre", "legislationIdentifier": d.citation,
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": site.council.name},
        "isBasedOn": {"@id": site.absolute(urls.decision(d))},
    }
    if shown is not None:
        applied = [c for v in result.versions[:result.versions.index(shown) + 1] for c in v.acts]
        data["@id"] = data["url"] = site.absolute(path(d, shown.date))
        data["legislationDateVersion"] = shown.date.isoformat()
        data["legislationConsolidates"] = [{"@id": site.absolute(urls.decision(d))}] + [
            {"@id": site.absolute(urls.decision(site.archive.decisions[site.relations.by_citation[c]]))}
            for c in applied]
    return script_json(data, indent=1)


# --- the text as HTML ---------------------------------------------------------

def raised(unit_label: str) -> Markup:
    """`12^1` → `12<sup>1</sup>`."""
    base, _, power = unit_label.partition("^")
    return escape(base) + (Markup("<sup>%s</sup>") % power if power else Markup(""))


def marker(unit: Unit) -> Markup:
    if unit.kind == "article":
        return Markup("Art. %s.") % raised(unit.label)
    if unit.kind == "paragraph":
        return Markup("(%s)") % raised(unit.label)
    return Markup("%s)") % raised(unit.label)


def anchor(prefix: str, unit: Unit) -> str:
    return f"{prefix}{unit.kind[0]}{unit.label.replace('^', '-')}"


def inline(site: SiteModel, text: str, md) -> Markup:
    """A unit's own text as safe HTML, without the paragraph around it when it is one paragraph."""
    html = markup.render(text, md) if text else ""
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(markup.link_mentions(html, site.citation_url, site.authority) if "/" in html else html)


def render(site: SiteModel, text: Text) -> Markup:
    md = markup.converter()  # one for the page: setting one up costs more than converting a unit
    out = []
    for part in text.parts:
        prefix = f"anexa-{part.annex}-" if part.annex else ""
        if part.heading:
            out.append(Markup(markup.render(part.heading, md)))
        for block in part.blocks:
            if isinstance(block, Passage):
                out.append(Markup(markup.link_mentions(markup.render(block.text, md), site.citation_url, site.authority)))
            else:
                out.append(unit_html(site, block, prefix, md))
    return Markup("\n").join(out)


def unit_html(site: SiteModel, unit: Unit, prefix: str, md) -> Markup:
    attributes = Markup(' id="%s" data-unit="%s"') % (anchor(prefix, unit), f"{unit.kind}:{unit.label}")
    if unit.changed_by:
        attributes += Markup(' data-changed-by="%s" data-changed-since="%s"') % (unit.changed_by, unit.since)
    if unit.repealed:
        attributes += Markup(" data-repealed")
    lead = Markup("<strong>%s</strong>") % marker(unit) if unit.kind == "article" else marker(unit)
    if unit.repealed:
        own = Markup('%s <em class="repealed">%s</em>') % (lead, "Abrogată." if unit.kind in FEMININE else "Abrogat.")
    else:
        own = Markup("%s %s") % (lead, inline(site, unit.text, md)) if unit.text else lead
    html = Markup('<div class="unit unit-%s"%s>\n<p>%s</p>\n') % (unit.kind, attributes, own)
    if unit.changed_by:
        html += note(site, unit)
    for child in unit.children:
        html += unit_html(site, child, anchor(prefix, unit) + "-", md)
    return html + Markup("</div>\n")


def note(site: SiteModel, unit: Unit) -> Markup:
    """`Modificat prin Hotărârea nr. 87/2026, în vigoare din 15 aprilie 2026.`"""
    act = act_link(site, unit.changed_by)
    word = ACTION_WORDS[unit.action] + ("ă" if unit.kind in FEMININE else "")
    since = dt.date.fromisoformat(unit.since)
    return Markup('<p class="unit-note">%s prin <a href="%s">%s</a>, de la <time datetime="%s">%s</time>.</p>\n') % (
        word, act["url"], act["text"], unit.since, dates.long_date(since))


def unit_name(key: tuple[str, ...]) -> str:
    """(annex, "a12^1", "p2", "lc") → `art. 12^1 alin. (2) lit. c) din anexa nr. 1`."""
    annex, *units = key
    words = []
    for unit in units:
        kind, unit_label = unit[0], unit[1:]
        words.append({"a": f"art. {unit_label}", "p": f"alin. ({unit_label})", "l": f"lit. {unit_label})"}[kind])
    return " ".join(words) + (f" din anexa nr. {annex}" if annex else "")


# Words removed and added, marked for the eye (struck out, underlined) and, since most screen readers
# do not announce <del> and <ins>, in words too, as the history's pages do (history_change.html).
MARKED = {"del": Markup('<del><span class="visually-hidden">[șters: </span>%s<span class="visually-hidden">]</span></del>'),
          "ins": Markup('<ins><span class="visually-hidden">[adăugat: </span>%s<span class="visually-hidden">]</span></ins>')}


def differences(old: Text, new: Text) -> list[dict]:
    found = []
    for difference in consolidation.compare(old, new):
        words = Markup("").join(MARKED[tag] % text if tag != "same" else escape(text)
                                for tag, text in difference.words)
        label = {"added": "introdus", "removed": "eliminat", "changed": "modificat",
                 "repealed": "abrogat"}[difference.kind]
        found.append({"unit": unit_name(difference.key), "kind": difference.kind,
                      "label": label + ("ă" if difference.key[-1].startswith("l") else ""),  # litera … abrogată
                      "words": words})
    return found
