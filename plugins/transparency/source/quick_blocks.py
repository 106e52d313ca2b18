"""python-markdown's block parsing, without searching blocks that cannot match.

Every block of a body (a paragraph, mostly) is offered to each of python-
markdown's block processors in turn, and most of them answer by searching the
whole block with a regular expression: a header needs `#`, a quotation `>`, a
definition `:`, a footnote `[^`, a rule `-`, `*` or `_`. Romanian prose seldom
holds those characters, yet every expression scans the block to find that out.

Here each compiled expression a preprocessor or block processor holds is
wrapped (`GuardedPattern`): its `search`, `match`, `fullmatch` and `finditer` first check
that the string holds the characters every match needs, read from the
expression itself (`quick_inline.required_character_sets`), and answer None
at once when one is missing, which is what the expression would have
answered. Nothing of python-markdown is overridden: whatever a processor does
with the answer, it is the answer the expression gives. Expressions of which
nothing can be proved are left as they are. The HTML is python-markdown's own
(tests/unit/test_quick_blocks.py: the engine is the oracle of every guard, and
whole bodies are compared). On the 10,006 bodies of the benchmark's council,
python-markdown took 11.2 processor-seconds instead of 19.1 with the inline
processor alone (0.59; measured alternately in one process).
"""

from __future__ import annotations

import inspect
import re

from markdown import Markdown
from markdown.extensions import Extension

from .quick_inline import required_character_sets


class GuardedPattern:
    """A compiled expression that is not searched in a string missing a character every match needs."""

    __slots__ = ("expression", "_needed", "_needed_one_of")

    def __init__(self, expression: re.Pattern, required: list[frozenset[str]]):
        self.expression = expression
        self._needed = tuple(next(iter(chars)) for chars in required if len(chars) == 1)
        self._needed_one_of = tuple(re.compile(f"[{re.escape(''.join(sorted(chars)))}]").search
                                    for chars in required if len(chars) > 1)

    def cannot_match(self, string: str) -> bool:
        # The whole string, whatever the position asked: a lookbehind may read before it. Loops, not
        # any(): this runs a million times in a large archive.
        for char in self._needed:
            if char not in string:
                return True
        for search in self._needed_one_of:
            if search(string) is None:
                return True
        return False

    def search(self, string, *args, **kwargs):
        return None if self.cannot_match(string) else self.expression.search(string, *args, **kwargs)

    def match(self, string, *args, **kwargs):
        return None if self.cannot_match(string) else self.expression.match(string, *args, **kwargs)

    def fullmatch(self, string, *args, **kwargs):
        return None if self.cannot_match(string) else self.expression.fullmatch(string, *args, **kwargs)

    def finditer(self, string, *args, **kwargs):
        return iter(()) if self.cannot_match(string) else self.expression.finditer(string, *args, **kwargs)

    def __getattr__(self, name: str):  # pattern, flags, groups, sub, findall, …: the expression's own
        return getattr(self.expression, name)

    def __repr__(self) -> str:
        return f"GuardedPattern({self.expression!r})"


def guarded(expression: re.Pattern) -> GuardedPattern | re.Pattern:
    """`expression`, guarded when its syntax proves some character necessary."""
    required = required_character_sets(expression)
    return GuardedPattern(expression, required) if required else expression


def guard(processor) -> list[str]:
    """Wrap the compiled expressions `processor` holds (its own or its class's), on the processor
    itself; returns the names of those wrapped."""
    names = {name for klass in type(processor).__mro__ for name in vars(klass)} | set(vars(processor))
    wrapped = []
    for name in sorted(names):
        if name.startswith("__"):
            continue
        value = inspect.getattr_static(processor, name, None)  # a property is not run to be looked at
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
            found = guarded(value)
            if found is not value:
                setattr(processor, name, found)
                wrapped.append(name)
    return wrapped


class QuickBlocksExtension(Extension):
    """Add last in the extension list: it guards the expressions of every processor registered before it."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - python-markdown's name
        for processor in (*md.preprocessors, *md.parser.blockprocessors):
            guard(processor)
