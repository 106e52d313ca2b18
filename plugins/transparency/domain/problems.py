"""Problems found in content: collected, never raised one at a time.

The build reports every problem it finds, each once, as
``path:line: field: what is wrong (expected ...)``, then stops once. A
problem of a file as a whole (a symbolic link, a name that is not UTF-8) has
no line: ``path: field: ...``. Control characters and bytes that are not
UTF-8, in a path or in a value a message quotes, are printed as escapes, so
that every problem is one readable line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .characters import printable
from .text import count

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"  # listed for staff, never stops anything, not even `make publish` (a missed legal deadline)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int  # 0: the problem is the file itself, not one of its lines
    field: str
    message: str
    expected: str = ""
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.field}: {self.message}"
        if self.expected:
            text += f" (așteptat: {self.expected})"
        return printable(text)


class ContentError(Exception):
    """Raised once, after every problem has been reported."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"Construirea a fost oprită: {count(len(problems), 'eroare', 'erori')} în conținut.")


@dataclass
class Problems:
    """An ordered, de-duplicated collection of problems."""

    items: list[Problem] = field(default_factory=list)
    _seen: set = field(default_factory=set, init=False, repr=False, compare=False)  # what `items` holds

    def __post_init__(self) -> None:
        self._seen = set(self.items)

    def error(self, path, line, field_name, message, expected="") -> None:
        self._add(Problem(str(path), line or 1, field_name, message, expected, ERROR))

    def warning(self, path, line, field_name, message, expected="") -> None:
        self._add(Problem(str(path), line or 1, field_name, message, expected, WARNING))

    def notice(self, path, line, field_name, message, expected="") -> None:
        """A fact staff must know that is no mistake to correct: listed, never blocking (`--strict` included)."""
        self._add(Problem(str(path), line or 1, field_name, message, expected, NOTICE))

    def file_error(self, path, field_name, message, expected="") -> None:
        """A problem of the file as a whole, with no line to name."""
        self._add(Problem(str(path), 0, field_name, message, expected, ERROR))

    def _add(self, problem: Problem) -> None:
        if problem not in self._seen:  # a set: thousands of notices (missed deadlines) stay linear
            self._seen.add(problem)
            self.items.append(problem)

    def extend(self, other: "Problems") -> None:
        for problem in other.items:
            self._add(problem)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == WARNING)

    @property
    def notices(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == NOTICE)

    def report(self) -> str:
        """The text shown to staff: errors first, then warnings."""
        lines = []
        if self.errors:
            lines.append(f"Erori ({len(self.errors)}) — construirea se oprește:")
            lines.extend(str(p) for p in self.errors)
        if self.warnings:
            lines.append(f"Avertismente ({len(self.warnings)}) — opresc doar `make publish`:")
            lines.extend(str(p) for p in self.warnings)
        if self.notices:
            lines.append(f"De știut ({len(self.notices)}) — publicate ca atare, nu opresc nimic:")
            lines.extend(str(p) for p in self.notices)
        return "\n".join(lines)
