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

The local backend reads, writes and deletes files of the content folder, so
only the editor's own page may reach it (an outside security review).
decap-server, run as its own program, listens on a TCP port and answers any
request: any Host header, so a page of any site whose name it points at
127.0.0.1 (DNS rebinding) could read, write and delete content, or write
`.git/config` (a command run by git) when the content folder is the
repository; and any http://127.0.0.1:<port> origin. No port of it is safe
to leave open, internal or not: a rebinding page reaches every port of
127.0.0.1. So decap-server's own local file-system backend (its
`registerLocalFs`, unmodified, from node_modules) runs in Node behind a Unix
socket in a folder only this user can open (BACKEND_SCRIPT), which no
browser can reach, and the preview server is its only door: same origin as
/admin/, at /api/v1 (`local_backend.url`, written for the address the page
was opened at). The preview forwards a request (`refusal`) only from this
machine, only when its Host is the preview's own (127.0.0.1, localhost or
[::1] with its port) and its Origin, when sent, is that same origin, and
only when no path it names is absolute or has an empty segment or one that
starts with "." (`hidden_paths`: `.git`, `..`, `.env`; an empty folder would
list the whole content folder, `.git` included); the request decap-server
gets is the JSON the preview checked, written again, never the bytes sent.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import shutil
import socket
import time
from pathlib import Path

import yaml

from ..domain import vocab
from ..source import schema

ROOT = Path(__file__).resolve().parents[3]
SCRIPT_FOLDER = ROOT / "node_modules" / "decap-cms" / "dist"
BACKEND_PACKAGE = ROOT / "node_modules" / "decap-server"
BACKEND_MIDDLEWARES = BACKEND_PACKAGE / "dist" / "middlewares.js"
# decap-server's file-system backend on the Unix socket argv[2], writing into argv[3] (Node's argv[1] is
# the package folder): what its own program does (dist/index.js), but on no TCP port.
BACKEND_SCRIPT = """
const [folder, socketPath, content] = process.argv.slice(1);
const packageRequire = require("module").createRequire(require("path").join(folder, "package.json"));
process.env.GIT_REPO_DIRECTORY = content;
const app = packageRequire("express")();
packageRequire("./dist/middlewares.js").registerLocalFs(app, {logLevel: "warn"}).then(() => app.listen(socketPath));
"""
API = "/api/v1"
BODY_LIMIT = 50 << 20  # bytes: decap-server's own limit for a request (express.json, "50mb")
BACKEND_WAIT = 15  # seconds the first request waits for Node to start listening
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
PATH_KEYS = frozenset({"path", "newPath", "folder", "mediaFolder", "paths"})  # decap-server's paths (its schema)
EDITOR_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                 "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
                 "object-src 'none'; base-uri 'none'; form-action 'self'; frame-src 'self' blob:")
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
    "allow_cnp": "CNP-uri permise", "minutes_scan_reviewed": "Procesul-verbal scanat, verificat de mână",
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


# A scan checked by hand for personal data (source/attachment_text.py): said only when it was.
# No default: a default in a list's item makes the form add an item to every new document's empty list
# (an attachment with no file: tests/browser/test_editor.py).
REVIEWED = {"widget": "boolean", "required": False, "hint": "Doar pentru un PDF scanat (fără text): l-ați verificat "
            "de mână și nu conține date personale de ascuns."}


def widgets() -> dict[str, dict]:
    """The form widget of every key a reader allows (top-level keys; groups spell out their own)."""
    number = {"widget": "number", "value_type": "int", "min": 0}
    events = set(vocab.EVENTS) | set(getattr(vocab, "DISPOSITION_EVENTS", ()))
    table = {
        "title": {"widget": "string"}, "summary": {"widget": "text"}, "allow_cnp": _list(),
        "attachments": _list(_fields(schema.ATTACHMENT_KEYS, {"file": {"widget": "string"},
                                                              "title": {"widget": "string"},
                                                              "scan_reviewed": REVIEWED})),
        "status": _select(vocab.DECISION_STATUSES), "registered": DATE, "initiator": {"widget": "string"},
        "topics": _list(), "committees": {**COMMITTEES, "multiple": True},
        "consultation": _object(_fields(schema.CONSULTATION_KEYS, {"opened": DATE, "closes": DATE, "comments": number,
                                                                    "accepted": number})),
        "meeting": _relation("meetings"), "number": number, "adopted": DATE, "majority": _select(vocab.MAJORITIES),
        "vote": _object(_fields(schema.VOTE_KEYS, {**dict.fromkeys(schema.VOTE_NUMBERS, number), "below_quorum": {
            "widget": "boolean", "required": False, "hint": "Doar dacă procesul-verbal arată într-adevăr mai puțini "
            "prezenți decât cvorumul: pagina hotărârii spune public că votul a fost dat fără cvorum."}})),
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
        "minutes_scan_reviewed": REVIEWED,
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


def config(origin: str = "http://127.0.0.1:8000") -> dict:
    """The CMS configuration for the editor opened at `origin` (its local backend there, at API)."""
    return {
        "backend": {"name": "git-gateway", "branch": "main"},
        "local_backend": {"url": origin + API},
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


def policy() -> str:
    return EDITOR_POLICY


def config_yaml(origin: str) -> bytes:
    return yaml.safe_dump(config(origin), allow_unicode=True, sort_keys=False).encode("utf-8")


def write(folder: Path) -> Path:
    """The admin folder: index.html and the CMS script with its chunks (from node_modules); config.yml
    is made for each request (`config_yaml`: the address the page was opened at)."""
    for needed in (SCRIPT_FOLDER / "decap-cms.js", BACKEND_MIDDLEWARES):
        if not needed.is_file():
            raise FileNotFoundError(f"lipsește {needed}: rulați npm ci în folderul proiectului")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(INDEX.format(policy=policy()), encoding="utf-8")
    for script in SCRIPT_FOLDER.glob("*decap-cms.js"):
        shutil.copyfile(script, folder / script.name)
    return folder


def backend_command(socket_path: Path, content: Path) -> list[str]:
    """The command that runs decap-server's local backend on the Unix socket `socket_path`, writing into
    `content` (its folder's permissions keep other users out)."""
    return ["node", "-e", BACKEND_SCRIPT, str(BACKEND_PACKAGE), str(socket_path), str(content)]


def own_hosts(port: int) -> frozenset[str]:
    """The Host headers of a request to the preview on `port` from this machine."""
    return frozenset(f"{name}:{port}" for name in LOOPBACK_NAMES)


def refusal(headers, client: str, port: int) -> str:
    """Why a request with these `headers` (an email.message.Message), from the address `client`, to the
    API of the preview on `port` is refused ("" when it may pass): it must come from this machine and
    name the preview as its Host, and its Origin, when sent, must be the preview's own."""
    try:
        local = ipaddress.ip_address(client.split("%", 1)[0]).is_loopback
    except ValueError:
        local = False
    hosts, origins = headers.get_all("Host") or [], headers.get_all("Origin") or []
    host = hosts[0].lower() if len(hosts) == 1 else ""
    if not local:
        return "editorul răspunde doar de pe acest calculator"
    if host not in own_hosts(port):
        return f"cererea nu este pentru editorul de pe portul {port} (Host: {', '.join(hosts) or 'lipsă'})"
    if origins and origins != [f"http://{host}"]:
        return f"cererea vine de pe altă pagină decât editorul (Origin: {', '.join(origins)})"
    return ""


def hidden_paths(request) -> list[str]:
    """The paths a request to decap-server names (PATH_KEYS, at any depth) that are not plain paths
    under the content folder: absolute, with an empty segment, or with one that starts with "."
    (`.git`, `..`, `.env`). A folder may end with "/"."""
    found = []

    def visit(value, key=""):
        if isinstance(value, dict):
            for inner, item in value.items():
                visit(item, inner)
        elif isinstance(value, list):
            for item in value:
                visit(item, key)
        elif key in PATH_KEYS and not _plain(value):
            found.append(str(value))

    visit(request)
    return found


def _plain(path) -> bool:
    if not isinstance(path, str) or "\\" in path or "\0" in path:
        return False
    parts = path.split("/")
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()
    return all(part and not part.startswith(".") for part in parts)


def request_handler(base: type, admin: Path, backend: Path, port: int) -> type:
    """`base` (staff.QuietHandler, serving the output folder) with the editor of the preview on `port`:
    /admin/ from the folder `admin`, its config.yml made for the address the page was opened at, and
    POST /api/v1 forwarded to decap-server on the Unix socket `backend` when `refusal` and
    `hidden_paths` let it through."""

    class EditorHandler(base):
        def do_GET(self):  # noqa: N802 - the base class's name
            if self.path.split("?", 1)[0] != "/admin/config.yml":
                super().do_GET()
                return
            host = (self.headers.get("Host") or "").lower()
            self._answer(200, "text/yaml; charset=utf-8",
                         config_yaml("http://" + (host if host in own_hosts(port) else f"127.0.0.1:{port}")))

        def do_POST(self):  # noqa: N802 - the base class's name
            if self.path.split("?", 1)[0] != API:
                self.send_error(404)
                return
            why = refusal(self.headers, self.client_address[0], port)
            if why:
                self._refuse(403, why)
                return
            length = self.headers.get("Content-Length", "")
            if "Transfer-Encoding" in self.headers or not length.isdigit():
                self._refuse(411, "cererea trebuie să își spună lungimea (Content-Length)")
                return
            if int(length) > BODY_LIMIT:
                self._refuse(413, f"cererea are mai mult de {BODY_LIMIT >> 20} MB")
                return
            try:
                request = json.loads(self.rfile.read(int(length)))
            except ValueError:
                request = None
            if not isinstance(request, dict):
                self._refuse(400, "cererea nu este un obiect JSON")
                return
            hidden = hidden_paths(request)
            if hidden:
                self._refuse(403, f"căi ascunse sau în afara folderului de conținut: {', '.join(hidden)}")
                return
            try:
                status, kind, data = ask_backend(backend, request)
            except OSError as exc:
                self._refuse(502, f"serverul local al editorului (decap-server) nu răspunde: {exc}")
                return
            self._answer(status, kind, data)

        def _refuse(self, status: int, why: str) -> None:
            self._answer(status, "application/json", json.dumps({"error": why}, ensure_ascii=False).encode("utf-8"))

        def _answer(self, status: int, kind: str, data: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

    return EditorHandler


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, socket_path: str, timeout: float):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = socket_path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


def ask_backend(socket_path: Path, request: dict, timeout: float = 120) -> tuple[int, str, bytes]:
    """POST `request` (checked JSON) to decap-server on `socket_path`; its (status, content type, body).
    The first request waits for Node to listen (BACKEND_WAIT); OSError when it never does."""
    body = json.dumps(request, ensure_ascii=False).encode("utf-8")
    deadline = time.monotonic() + BACKEND_WAIT
    while True:
        connection = _UnixConnection(str(socket_path), timeout)
        try:
            connection.request("POST", API, body=body, headers={"Content-Type": "application/json; charset=utf-8"})
            response = connection.getresponse()
            return response.status, response.getheader("Content-Type", "application/json"), response.read()
        except (FileNotFoundError, ConnectionRefusedError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
        finally:
            connection.close()


def as_json() -> str:
    """The configuration as JSON (for tests and for copying into another CMS)."""
    return json.dumps(config(), ensure_ascii=False, indent=2)
