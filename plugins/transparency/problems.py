"""Problems found in content: collected, never raised one at a time.

The build reports every problem it finds, each once, as
``path:line: field: what is wrong (expected ...)``, then stops once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    expected: str = ""
    severity: str = ERROR

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        if self.expected:
            text += f" (așteptat: {self.expected})"
        return text


class ContentError(Exception):
    """Raised once, after every problem has been reported."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"Construirea a fost oprită: {len(problems)} erori în conținut.")


@dataclass
class Problems:
    """An ordered, de-duplicated collection of problems."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path, line, field_name, message, expected="") -> None:
        self._add(Problem(str(path), line or 1, field_name, message, expected, ERROR))

    def warning(self, path, line, field_name, message, expected="") -> None:
        self._add(Problem(str(path), line or 1, field_name, message, expected, WARNING))

    def _add(self, problem: Problem) -> None:
        if problem not in self.items:
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

    def report(self) -> str:
        """The text shown to staff: errors first, then warnings."""
        lines = []
        if self.errors:
            lines.append(f"Erori ({len(self.errors)}) — construirea se oprește:")
            lines.extend(str(p) for p in self.errors)
        if self.warnings:
            lines.append(f"Avertismente ({len(self.warnings)}) — opresc doar `make publish`:")
            lines.extend(str(p) for p in self.warnings)
        return "\n".join(lines)
