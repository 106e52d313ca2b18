"""Typed reading of front-matter fields, each reporting its own problems.

`Fields` wraps one YAML mapping of one file. Each accessor checks one field,
reports what it expected and what it got, and returns a usable value (or
None) so that reading goes on and every problem of a file is found at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from ..domain import suggest
from ..domain.dates import Window, exists_locally
from .frontmatter import LineDict, LineList
from ..domain.problems import Problems

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::00)?$")
FLAGS = {"true": "da", "false": "nu"}  # a yes/no field's values, with the Romanian words staff write for them


def parse_date(text: str) -> dt.date:
    if not DATE_RE.match(text):
        raise ValueError("format")
    return dt.date.fromisoformat(text)


class Fields:
    def __init__(self, data: LineDict, path: str, problems: Problems, allowed, prefix: str = "",
                 window: Window | None = None):
        self.data = data if isinstance(data, dict) else LineDict()
        self.path = path
        self.problems = problems
        self.allowed = tuple(allowed)
        self.prefix = prefix
        self.window = window  # the plausible dates (dates.plausible); None: the file holds no dates
        self.parent_line = 0  # a group of fields (`consultation:`): the line of its key
        if not isinstance(data, dict):
            problems.error(path, getattr(data, "line", 1), prefix.rstrip(".") or "front matter",
                           f"se aștepta o listă de câmpuri „cheie: valoare”, nu {describe(data)}")

    def line(self, key: str) -> int:
        return self.data.line_of(key) if isinstance(self.data, LineDict) else 1

    def name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def error(self, key: str, message: str, expected: str = "") -> None:
        self.problems.error(self.path, self.line(key), self.name(key), message, expected)

    def has(self, key: str) -> bool:
        """Whether `key` has a value: written, and not blank (`title: "  "` is as empty as `title:`)."""
        value = self.data.get(key)
        return value is not None and not (isinstance(value, str) and not value.strip())

    def reject_unknown(self, groups: dict[str, tuple[str, ...]] | None = None) -> None:
        """An error for each key not allowed here; `groups`: the keys of the groups of fields allowed
        here (`consultation: {opened: …}`), so that one written outside its group says where it goes."""
        for key in self.data:
            if not key.strip():
                self.problems.error(self.path, self.line(key), self.prefix.rstrip(".") or "front matter",
                                    "un câmp fără nume (cheie goală)", "„nume: valoare”")
            elif key not in self.allowed:
                group = next((g for g, keys in (groups or {}).items() if key in keys and g in self.allowed), None)
                if group is not None:  # `opened:` at the left edge, under `consultation:` with nothing indented
                    self.error(key, f"„{key}” este un câmp al grupului „{group}”, scris în afara lui",
                               f"sub „{group}:”, pe rândul lui, cu două spații în față: „  {key}: …”")
                    continue
                cut = self._cut_by_comma(key)
                if cut:
                    self.error(key, f"„{key}” a fost citit drept un câmp: între acolade, o virgulă încheie valoarea "
                                    f"lui „{cut}”", f"valoarea între ghilimele: „{cut}: \"…, {key}\"”")
                    continue
                close = difflib.get_close_matches(key, self.allowed, n=1)
                hint = f"poate ați vrut „{close[0]}”? " if close else ""
                self.error(key, f"câmp necunoscut „{key}”",
                           f"{hint}câmpurile permise aici: {', '.join(self.allowed)}")

    def cut_from(self, key: str) -> list[str]:
        """What a comma cut from `key`'s value between braces, read as keys without values
        (`{name: Man, Teodor}`: ["Teodor"]); each is reported by `reject_unknown`."""
        return [rest for rest in self.data if rest not in self.allowed and self._cut_by_comma(rest) == key]

    def _cut_by_comma(self, key: str) -> str | None:
        """The field whose value a comma cut short, when `key` is the rest of it: in a mapping written
        between braces (`{date: …, note: Monitorul Oficial nr. 5, anexa 2}`), a key with no value
        that follows a text field on the same line."""
        if not getattr(self.data, "flow", False) or self.data[key] is not None:
            return None
        keys = list(self.data)
        before = keys[keys.index(key) - 1] if keys.index(key) else None
        if before is not None and isinstance(self.data[before], str) and self.line(before) == self.line(key):
            return before
        return None

    def require(self, key: str, why: str = "", line: int | None = None, example: str = "") -> None:
        """An error when `key` has no value: when it is not written, at `line` (the field that makes
        it required) or the group's line; when it is written with nothing after its colon, at its
        own line, saying it is empty and what goes there (`example`)."""
        if not self.has(key):
            group = self.prefix.rstrip(".")
            if key in self.data:  # `decision:` on its own: the field is there, its value is not
                within = f"„{key}” din „{group}”" if group and self.parent_line else f"„{key}”"
                self.error(key, f"câmpul obligatoriu {within} este gol{why}",
                           f"valoarea după „{key}: ”, pe același rând" + (f": {example}" if example else ""))
                return
            if group and self.parent_line:  # a group's key: said at the group's line, under its name
                self.problems.error(self.path, line or self.parent_line, group,
                                    f"lipsește „{key}” din „{group}”{why}",
                                    f"sub „{group}:”, o linie „{key}: …” (sau „{group}: {{{key}: …}}”)")
                return
            self.problems.error(self.path, line or (self.data.line if isinstance(self.data, LineDict) else 1),
                                self.name(key), f"lipsește câmpul obligatoriu „{key}”{why}",
                                f"o linie „{key}: …” în antet")

    # --- scalar fields -------------------------------------------------

    def text(self, key: str, required: bool = False, example: str = "") -> str:
        if required:
            self.require(key, example=example)
        value = self.data.get(key)
        if value is None:
            return ""
        if isinstance(value, (dict, list)):
            self.error(key, f"se aștepta un text, nu {describe(value)}", "un text pe o linie, sau bloc „>”")
            return ""
        if isinstance(value, bool):
            self.error(key, f"valoarea „{value}” a fost citită ca da/nu", "textul pus între ghilimele")
            return ""
        return str(value).strip()

    def integer(self, key: str, required: bool = False, minimum: int = 0) -> int | None:
        if required:
            self.require(key, example="un număr întreg, de exemplu 45")
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, str) and value.strip().isdigit():  # "143" quoted, or 0148 (no octal: YAML reads text)
            self.error(key, f"„{value}” este scris ca text, nu ca număr", "numărul fără ghilimele și fără zerouri "
                       f"la început: {int(value)}")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"se aștepta un număr întreg, nu „{value}”", "de exemplu 45")
            return None
        if value < minimum:
            self.error(key, f"numărul {value} este prea mic", f"cel puțin {minimum}")
            return None
        return value

    def date(self, key: str, required: bool = False) -> dt.date | None:
        if required:
            self.require(key, example="o dată AAAA-LL-ZZ, de exemplu 2025-03-27")
        value = self.data.get(key)
        if value is None or value == "":
            return None
        try:
            day = parse_date(str(value).strip())
        except ValueError:
            self.error(key, f"data „{value}” nu există sau nu are forma corectă", "AAAA-LL-ZZ, de exemplu 2025-03-27")
            return None
        return day if self.plausible(key, day) else None

    def datetime(self, key: str, required: bool = False) -> dt.datetime | None:
        if required:
            self.require(key, example="data și ora AAAA-LL-ZZ HH:MM, de exemplu 2025-03-27 10:00")
        value = self.data.get(key)
        if value is None or value == "":
            return None
        match = DATETIME_RE.match(str(value).strip())
        try:
            if not match:
                raise ValueError("format")
            day = dt.date.fromisoformat(match.group(1))
            moment = dt.datetime.combine(day, dt.time(int(match.group(2)), int(match.group(3))))
        except ValueError:
            self.error(key, f"data și ora „{value}” nu există sau nu au forma corectă",
                       "AAAA-LL-ZZ HH:MM, ora locală, de exemplu 2025-03-27 10:00")
            return None
        if not exists_locally(moment):
            self.error(key, f"ora {moment:%H:%M} nu există în ziua de {day.isoformat()} la București: la trecerea "
                       "la ora de vară, ceasul sare de la 03:00 la 04:00",
                       "ora locală la care s-a ținut (de exemplu, cu o oră mai târziu)")
            return None
        return moment if self.plausible(key, day) else None

    def plausible(self, key: str, day: dt.date) -> bool:
        """Whether `day` lies in the window of plausible dates; an error when it does not."""
        if self.window is None or day in self.window:
            return True
        self.error(key, f"data {day.isoformat()} nu este plauzibilă",
                   f"o dată între {self.window.first.isoformat()} și {self.window.last.isoformat()}; "
                   "verificați anul")
        return False

    def flag(self, key: str) -> bool | None:
        """A yes/no field (`public: false`); None when it is not written or is no yes/no (an error:
        a quoted „false” is text; a Romanian `nu` gets `false` suggested)."""
        value = self.data.get(key)
        if isinstance(value, bool):
            return value
        if value is None or value == "":
            return None
        if isinstance(value, str) and value.strip().lower() in FLAGS:
            self.error(key, f"„{value}” este scris ca text, nu ca da/nu",
                       f"valoarea fără ghilimele: {key}: {value.strip().lower()}")
            return None
        hint = suggest.hint(suggest.value(str(value), FLAGS))  # `nu` → `false`
        self.error(key, f"se aștepta „true” (da) sau „false” (nu), nu „{value}”",
                   f"{hint}„{key}: true” sau „{key}: false”: cuvintele românești da și nu nu sunt înțelese")
        return None

    def choice(self, key: str, vocabulary: dict, required: bool = False) -> str:
        value = self.text(key, required, example=f"una dintre: {' | '.join(vocabulary)}")
        if value and value not in vocabulary:
            hint = suggest.hint(suggest.value(value, vocabulary))  # `respins` → `rejected`
            self.error(key, f"valoare necunoscută „{value}”", f"{hint}una dintre: {' | '.join(vocabulary)}")
            return ""
        return value

    # --- collections ---------------------------------------------------

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None or value == "":
            return ()
        if isinstance(value, str) and (", " in value or value.lstrip()[:1] in ("–", "—")):
            # `topics: buget, finanțe`, or a list written with dashes that are not hyphens: one text,
            # which would become one topic (or reference) named by the whole line
            self.error(key, f"„{value.strip()}” este un singur text, nu o listă",
                       "[a, b], sau câte un element pe linie, începând cu cratimă: „- a”")
            return ()
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return (str(value).strip(),)
        if not isinstance(value, list):
            self.error(key, f"se aștepta o listă, nu {describe(value)}", "[a, b] sau câte un element pe linie cu „- ”")
            return ()
        result = []
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)) or item is None or isinstance(item, bool):
                line = value.line_of(index) if isinstance(value, LineList) else self.line(key)
                self.problems.error(self.path, line, self.name(key),
                                    f"elementul {index + 1} nu este un text: {describe(item)}", "un text simplu")
                continue
            result.append(str(item).strip())
        return tuple(result)

    def mapping(self, key: str, allowed) -> "Fields | None":
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.error(key, f"se aștepta un grup de câmpuri, nu {describe(value)}",
                       f"câmpurile {', '.join(allowed)}")
            return None
        sub = Fields(value, self.path, self.problems, allowed, prefix=f"{self.name(key)}.", window=self.window)
        sub.parent_line = self.line(key)
        sub.reject_unknown()
        return sub

    def mapping_list(self, key: str, allowed) -> list["Fields"]:
        value = self.data.get(key)
        if value is None or value == "":
            return []
        if not isinstance(value, list):
            self.error(key, f"se aștepta o listă, nu {describe(value)}", "câte un element pe linie cu „- ”")
            return []
        result = []
        for index, item in enumerate(value):
            prefix = f"{self.name(key)}[{index + 1}]."
            if not isinstance(item, dict):
                line = value.line_of(index) if isinstance(value, LineList) else self.line(key)
                self.problems.error(self.path, line, prefix.rstrip("."),
                                    f"se aștepta un grup de câmpuri, nu {describe(item)}",
                                    f"{{{', '.join(f'{a}: …' for a in allowed[:3])}}}")
                continue
            sub = Fields(item, self.path, self.problems, allowed, prefix=prefix, window=self.window)
            sub.reject_unknown()
            result.append(sub)
        return result


def describe(value) -> str:
    if isinstance(value, dict):
        return "un grup de câmpuri"
    if isinstance(value, list):
        return "o listă"
    if value is None:
        return "o valoare goală"
    return f"„{value}”"
