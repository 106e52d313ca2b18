"""Front matter → model objects for the Monitorul Oficial Local's own types: the president's
dispositions (content/dispozitii/) and the other documents it must carry (content/documente/).

Rules that need other files (numbering per year, references, meetings convened) live in
domain/dispositions.py; what a disposition may publish is decided by `Disposition.text_public`.
"""

from __future__ import annotations

from ..domain import vocab
from ..domain.model import Disposition, Publication
from .frontmatter import SourceText
from .schema import COMMON, Context, _common, _events

DISPOSITION_KEYS = COMMON + (
    "number", "date", "issuer", "character", "publish_text", "amends", "repeals", "events",
)
PUBLICATION_KEYS = COMMON + ("kind", "date", "decision")
WITHHELD_WHY = "o dispoziție cu caracter individual se publică doar prin datele din registru"


def read_disposition(doc_id: str, ctx: Context, text: SourceText) -> Disposition:
    f = ctx.fields(text.meta, DISPOSITION_KEYS)
    character = f.choice("character", vocab.CHARACTERS) or "normative"
    disposition = _common(
        Disposition, doc_id, ctx, text, f,
        number=f.integer("number", required=True, minimum=1),
        date=f.date("date", required=True),
        issuer=f.text("issuer"),
        character=character,
        publish_text=bool(f.flag("publish_text")),
        amends=f.text_list("amends"),
        repeals=f.text_list("repeals"),
        events=_events(f),
    )
    for event in disposition.events:
        if event.event not in vocab.DISPOSITION_EVENTS:
            ctx.problems.error(ctx.display, event.line, "events",
                               f"evenimentul „{event.event}” nu se aplică unei dispoziții",
                               f"unul dintre: {' | '.join(vocab.DISPOSITION_EVENTS)}")
        elif disposition.date and event.date < disposition.date:
            ctx.problems.error(ctx.display, event.line, "events",
                               f"evenimentul „{event.event}” din {event.date} este înaintea emiterii dispoziției "
                               f"({disposition.date})", "o dată la sau după „date”")
    if f.has("publish_text") and character != "individual":
        ctx.problems.warning(ctx.display, f.line("publish_text"), "publish_text",
                             "„publish_text” privește doar dispozițiile cu caracter individual; textul unei "
                             "dispoziții normative se publică întotdeauna", "ștergeți câmpul")
    if not disposition.text_public:
        if disposition.attachments:
            f.error("attachments", f"fișierele atașate nu se pot publica: {WITHHELD_WHY}",
                    "„publish_text: true” dacă textul se poate publica, sau ștergeți „attachments”")
        if disposition.summary:
            ctx.problems.warning(ctx.display, f.line("summary"), "summary",
                                 f"rezumatul nu se publică: {WITHHELD_WHY}",
                                 "„publish_text: true” dacă textul se poate publica, sau ștergeți „summary”")
    return disposition


def read_publication(doc_id: str, ctx: Context, text: SourceText) -> Publication:
    f = ctx.fields(text.meta, PUBLICATION_KEYS)
    return _common(
        Publication, doc_id, ctx, text, f,
        kind=f.choice("kind", vocab.PUBLICATION_KINDS, required=True),
        date=f.date("date", required=True),
        decision=f.text("decision"),
    )
