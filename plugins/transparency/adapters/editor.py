"""The form editor for staff: Decap CMS at /admin/, its configuration made from the schema.

Decap CMS commits Markdown with front matter through forms; its configuration
is generated here from the keys each reader of schema.py allows and the
closed vocabularies of vocab.py, so that it cannot drift from the validator:
one collection per document type, a select for every closed vocabulary, a
date picker for every date, relations for references (decisions, meetings,
members, committees), help in Romanian. A key that has no form widget here is
a test failure (tests/integration/test_editor.py), not a silent omission.

Why Decap and not Sveltia CMS (which reads the same configuration): Decap
has a local backend, `decap-server`, a proxy that writes files into a folder
of this machine, so that staff can use the forms on their own computer
without an account and the round trip is tested in Chromium; Sveltia's local
mode needs the browser's File System Access API and a person choosing the
folder. The same configuration serves Sveltia unchanged, online.

Served only by `serve --editor` (make editor): the admin page, its
configuration and the script, taken from node_modules (decap-cms, pinned in
package.json, installed from the npm registry; never a CDN), under a policy of
its own (EDITOR_POLICY: the CMS evaluates code and injects styles, which the
public pages' policy forbids). The public site's build never writes /admin/.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from ..domain import vocab
from ..source import schema

ROOT = Path(__file__).resolve().parents[3]
SCRIPT_FOLDER = ROOT / "node_modules" / "decap-cms" / "dist"
PROXY_SCRIPT = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
PROXY_PORT = 8081
EDITOR_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                 "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' http://127.0.0.1:{proxy} "
                 "http://localhost:{proxy}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-src 'self' blob:")
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False,
        "picker_utc": True}
DATETIME = {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "YYYY-MM-DD", "time_format": "HH:mm",
            "picker_utc": True}
HELP = {  # the staff guide's words, section by section (docs/ghid-redactare.md)
    "title": "Titlul documentului; la o hotărâre, începe cu „privind …”.",
    "summary": "Una-două fraze: ce schimbă documentul.",
    "status": "draft: proiect înregistrat; adopted: adoptată; rejected: respinsă; withdrawn: retrasă.",
    "registered": "Data înregistrării proiectului.",
    "number": "Numărul din registrul hotărârilor, doar la adoptare.",
    "adopted": "Data ședinței în care s-a adoptat.",
    "meeting": "Ședința în care s-a votat.",
    "majority": "Majoritatea cerută de lege pentru această hotărâre.",
    "vote": "Voturile, după procesul-verbal: pentru + împotrivă + abțineri ≤ prezenți ≤ numărul de locuri.",
    "votes": "Votul nominal: numele consilierilor, exact ca în council.yml.",
    "amends": "Hotărârile modificate: NUMĂR/AN (de exemplu 45/2024).",
    "repeals": "Hotărârile abrogate: NUMĂR/AN.",
    "events": "Faptele de după adoptare: semnare, comunicare la prefect, publicare …",
    "attachments": "Fișierele atașate, cu calea relativă la dosarul documentului (de exemplu anexe/anexa-1.pdf).",
    "decision": "Proiectul sau hotărârea la care se referă.",
    "date": "Data documentului.",
    "allow_cnp": "Doar dacă un CNP trebuie publicat prin lege: CNP-urile permise.",
}
LABELS = {  # the form shows the Romanian name and the key staff read in the guide and in messages
    "title": "Titlu", "summary": "Rezumat", "status": "Stare", "registered": "Înregistrat la",
    "initiator": "Inițiator", "topics": "Teme", "committees": "Comisii", "consultation": "Consultare publică",
    "meeting": "Ședința", "number": "Număr", "adopted": "Adoptată la", "majority": "Majoritate", "vote": "Vot",
    "votes": "Vot nominal", "amends": "Modifică", "repeals": "Abrogă", "events": "Evenimente",
    "attachments": "Fișiere atașate", "character": "Caracter", "kind": "Tip", "decision": "Hotărârea",
    "date": "Data", "author": "Autor", "committee": "Comisia", "opinion": "Aviz", "place": "Locul",
    "convened_by": "Convocată prin", "agenda_published": "Ordinea de zi publicată la", "items": "Ordinea de zi",
    "minutes": "Procesul-verbal", "video": "Înregistrarea video", "convened": "Convocată la", "public": "Publică",
    "closed_reason": "Motivul ședinței nepublice", "issuer": "Emitent", "publish_text": "Se publică textul",
    "allow_cnp": "CNP-uri permise",
}


def label_of(key: str) -> str:
    return f"{LABELS[key]} ({key})" if key in LABELS else key


NOT_IN_FORMS = {  # keys edited in the file itself, with the reason shown to whoever adds a key
    "changes": "the structured changes of a consolidated text (docs/ghid-redactare.md, section 19): edited in the file",
}


def _select(values, multiple: bool = False) -> dict:
    return {"widget": "select", "options": list(values), "multiple": multiple}


def _relation(collection: str, multiple: bool = False, value: str = "{{filename}}") -> dict:
    return {"widget": "relation", "collection": collection, "search_fields": ["title"], "display_fields": ["title"],
            "value_field": value, "multiple": multiple}


def _object(fields: list[dict], collapsed: bool = True) -> dict:
    return {"widget": "object", "collapsed": collapsed, "fields": fields}


def _list(fields: list[dict] | None = None) -> dict:
    return {"widget": "list", "fields": fields} if fields else {"widget": "list"}


def _fields(keys, widgets: dict) -> list[dict]:
    return [{"name": key, "label": key, **widgets[key], "required": False} for key in keys]


MEMBERS = {"widget": "relation", "collection": "council", "file": "council", "search_fields": ["members.*.name"],
           "display_fields": ["members.*.name"], "value_field": "members.*.name", "multiple": True}
COMMITTEES = {"widget": "relation", "collection": "council", "file": "council",
              "search_fields": ["committees.*.name"], "display_fields": ["committees.*.name"],
              "value_field": "committees.*.slug"}


def widgets() -> dict[str, dict]:
    """The form widget of every key a reader allows (top-level keys; groups spell out their own)."""
    number = {"widget": "number", "value_type": "int", "min": 0}
    events = set(vocab.EVENTS) | set(getattr(vocab, "DISPOSITION_EVENTS", ()))
    table = {
        "title": {"widget": "string"}, "summary": {"widget": "text"}, "allow_cnp": _list(),
        "attachments": _list(_fields(schema.ATTACHMENT_KEYS, {"file": {"widget": "string"},
                                                              "title": {"widget": "string"}})),
        "status": _select(vocab.DECISION_STATUSES), "registered": DATE, "initiator": {"widget": "string"},
        "topics": _list(), "committees": {**COMMITTEES, "multiple": True},
        "consultation": _object(_fields(schema.CONSULTATION_KEYS, {"opened": DATE, "closes": DATE, "comments": number,
                                                                    "accepted": number})),
        "meeting": _relation("meetings"), "number": number, "adopted": DATE, "majority": _select(vocab.MAJORITIES),
        "vote": _object(_fields(schema.VOTE_KEYS, dict.fromkeys(schema.VOTE_KEYS, number))),
        "votes": _object(_fields(schema.NOMINAL_KEYS, dict.fromkeys(schema.NOMINAL_KEYS, MEMBERS))),
        "amends": _relation("decisions", multiple=True), "repeals": _relation("decisions", multiple=True),
        "events": _list(_fields(schema.EVENT_KEYS, {"date": DATE, "event": _select(sorted(events)),
                                                    "note": {"widget": "string"}})),
        "character": _select(getattr(vocab, "CHARACTERS", {"normative": ""})),
        "kind": None,  # by type: see collections()
        "decision": _relation("decisions"), "date": DATE, "author": {"widget": "string"},
        "committee": COMMITTEES, "opinion": _select(vocab.OPINIONS),
        "place": {"widget": "string"}, "convened_by": {"widget": "string"}, "agenda_published": DATE,
        "items": _list(_fields(schema.AGENDA_KEYS, {"decision": _relation("decisions"), "title": {"widget": "string"}})),
        "minutes": {"widget": "string"}, "video": {"widget": "string"},
        "convened": DATE, "public": {"widget": "boolean", "default": True}, "closed_reason": {"widget": "string"},
        "issuer": {"widget": "string"}, "publish_text": {"widget": "boolean", "default": False},
    }
    return table


# Document type → (collection name, Romanian label, folder, the reader's keys, `kind` vocabulary, required keys).
def document_types() -> list[tuple]:
    found = [
        ("decisions", "Proiecte de hotărâre și hotărâri", "decision", schema.DECISION_KEYS, None,
         ("title", "status", "registered")),
        ("reports", "Rapoarte, referate și avize", "report", schema.REPORT_KEYS, vocab.REPORT_KINDS,
         ("title", "kind", "decision", "date")),
        ("meetings", "Ședințe", "meeting", schema.MEETING_KEYS, vocab.MEETING_KINDS, ("title", "kind", "date")),
        ("pages", "Pagini", "page", schema.PAGE_KEYS, None, ("title",)),
    ]
    try:
        from ..source import mol_schema
    except ImportError:  # a contract without dispositions
        return found
    return found + [
        ("dispositions", "Dispoziții", "disposition", mol_schema.DISPOSITION_KEYS, None, ("title", "number", "date")),
        ("publications", "Alte documente (Monitorul Oficial Local)", "publication", mol_schema.PUBLICATION_KEYS,
         vocab.PUBLICATION_KINDS, ("title", "kind", "date")),
    ]


def collections() -> list[dict]:
    table = widgets()
    folders = {kind: folder for folder, kind in vocab.DOCUMENT_FOLDERS.items()}
    result = []
    for name, label, kind, keys, kinds, required in document_types():
        fields = []
        for key in keys:
            if key in NOT_IN_FORMS:
                continue
            if key == "meeting" and kind == "meeting":
                continue
            widget = _select(kinds) if key == "kind" else (DATETIME if (kind, key) == ("meeting", "date") else table[key])
            field = {"name": key, "label": label_of(key), **widget, "required": key in required}
            if key in HELP:
                field["hint"] = HELP[key]
            if key == "status":
                field["default"] = "draft"
            fields.append(field)
        fields.append({"name": "body", "label": "Textul", "widget": "markdown", "required": False})
        collection = {"name": name, "label": label, "folder": folders[kind], "create": True, "extension": "md",
                      "format": "frontmatter", "slug": "{{slug}}", "fields": fields,
                      "summary": "{{title}}"}
        if kind != "page":
            collection["path"] = "{{year}}/{{slug}}"
            collection["nested"] = {"depth": 2}
        result.append(collection)
    council = {"name": "council", "label": "Consiliul", "editor": {"preview": False}, "files": [{
        "name": "council", "label": "Datele consiliului", "file": "data/council.yml",
        "fields": [{"name": "name", "label": "name", "widget": "string"},
                   {"name": "seats", "label": "seats", "widget": "number", "value_type": "int",
                    "hint": "Consiliul județean: consilierii în funcție și președintele. "
                            "Consiliul local: doar consilierii, fără primar."},
                   {"name": "contact", "label": "contact", **_object(_fields(schema.CONTACT_KEYS, dict.fromkeys(
                       schema.CONTACT_KEYS, {"widget": "string"})))},
                   {"name": "members", "label": "members", **_list(_fields(schema.MEMBER_KEYS, {
                       **dict.fromkeys(schema.MEMBER_KEYS, {"widget": "string"}), "committees": _list()}))},
                   {"name": "committees", "label": "committees", **_list(_fields(schema.COMMITTEE_KEYS, dict.fromkeys(
                       schema.COMMITTEE_KEYS, {"widget": "string"})))},
                   {"name": "topics", "label": "topics", **_list(_fields(schema.TOPIC_KEYS, dict.fromkeys(
                       schema.TOPIC_KEYS, {"widget": "string"})))}]}]}
    return result + [council]


def config(proxy_port: int = PROXY_PORT) -> dict:
    return {
        "backend": {"name": "git-gateway", "branch": "main"},
        "local_backend": {"url": f"http://127.0.0.1:{proxy_port}/api/v1"},
        "locale": "en",  # Decap ships no Romanian; the labels and help are Romanian
        "media_folder": "fisiere",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "publish_mode": "simple",
        "collections": collections(),
    }


INDEX = """<!doctype html>
<html lang="ro">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="robots" content="noindex">
<link href="config.yml" type="text/yaml" rel="cms-config-url">
<title>Editor — Transparență decizională</title>
</head>
<body>
<script src="decap-cms.js"></script>
</body>
</html>
"""


def policy(proxy_port: int = PROXY_PORT) -> str:
    return EDITOR_POLICY.format(proxy=proxy_port)


def write(folder: Path, proxy_port: int = PROXY_PORT) -> Path:
    """The admin folder: index.html, config.yml and the CMS script with its chunks (from node_modules)."""
    if not (SCRIPT_FOLDER / "decap-cms.js").is_file():
        raise FileNotFoundError(f"lipsește {SCRIPT_FOLDER / 'decap-cms.js'}: rulați npm ci în folderul proiectului")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(INDEX.format(policy=policy(proxy_port)), encoding="utf-8")
    (folder / "config.yml").write_text(yaml.safe_dump(config(proxy_port), allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    for script in SCRIPT_FOLDER.glob("*decap-cms.js"):
        shutil.copyfile(script, folder / script.name)
    return folder


def as_json() -> str:
    """The configuration as JSON (for tests and for copying into another CMS)."""
    return json.dumps(config(), ensure_ascii=False, indent=2)
