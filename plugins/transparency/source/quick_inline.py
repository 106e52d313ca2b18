"""python-markdown's inline processor, without trying patterns that cannot match.

For every piece of text, python-markdown tries each of its fifteen inline
patterns in turn (code spans, escapes, links, images, autolinks, line breaks,
raw HTML, entities, emphasis), one regular-expression search each. Every one
of those patterns needs a character that most Romanian prose never holds: a
backtick, a backslash, `[`, `<`, a newline, `&`, `*` or `_`. This processor
tries a pattern only when the text holds one of its characters; otherwise the
pattern could not have matched, and python-markdown would have moved on to the
next one exactly as this does. The HTML is the same
(tests/unit/test_quick_inline.py compares it with python-markdown's own on
every body of the sample councils, a synthetic council and fuzzed Markdown);
a third of the Markdown time of a large archive is saved.

The characters are read from each pattern's own compiled expression
(`required_characters`), so a pattern added by another extension or changed
by a new python-markdown is skipped only when its expression proves it cannot
match; an expression the analysis cannot prove anything of is always tried.
The processor overrides a private method of python-markdown's, so it is used
only with the versions in SUPPORTED (the tests fail when the installed version
leaves that range, so that an upgrade is reviewed, see docs/build-cache.md).
"""

from __future__ import annotations

import re
import re._constants as sre  # the standard library's own regular-expression syntax tree
import re._parser as sre_parse
from importlib import metadata

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor
from packaging.specifiers import SpecifierSet

SUPPORTED = SpecifierSet(">=3.4,<3.12")  # versions whose `InlineProcessor.__handleInline` this copies
PRIORITY = 20  # python-markdown's own for the "inline" tree processor


def required_characters(expression: re.Pattern) -> frozenset[str] | None:
    """Characters one of which every string the expression matches in holds (lookarounds included:
    they look at the same text), or None when nothing can be proved."""
    ignore_case = bool(expression.flags & re.IGNORECASE)
    options = _options(_syntax_tree(expression), ignore_case)
    return min(options, key=_cost) if options else None


def required_character_sets(expression: re.Pattern) -> list[frozenset[str]]:
    """Every set of characters one of which every string the expression matches in holds: each is a
    proof on its own, so a text that misses any one set cannot match. Without the sets that hold a
    letter, a digit or a space (almost every text has one), nor, when case is ignored, a character
    beyond ASCII (Unicode folds a few signs into letters: only ASCII's are provably caseless)."""
    ignore_case = bool(expression.flags & re.IGNORECASE)
    return sorted({chars for chars in _options(_syntax_tree(expression), ignore_case)
                   if _cost(chars) < 100 and (not ignore_case or all(char.isascii() for char in chars))},
                  key=lambda chars: (len(chars), sorted(chars)))


def _syntax_tree(expression: re.Pattern):
    return sre_parse.parse(expression.pattern, expression.flags)


def _cost(chars: frozenset[str]) -> int:
    # Letters, digits and spaces are in almost every text: a pattern keyed on them is tried anyway.
    return sum(100 if char.isalnum() or char == " " else 1 for char in chars)


def _options(items, ignore_case: bool) -> list[frozenset[str]]:
    """Every character set that a match of this sequence must hit (any one of them is a proof)."""
    found = []
    for op, argument in items:
        found += _item_options(op, argument, ignore_case)
    return found


def _item_options(op, argument, ignore_case: bool) -> list[frozenset[str]]:
    if op is sre.LITERAL:
        char = chr(argument)
        return [frozenset({char, char.swapcase()} if ignore_case else {char})]
    if op is sre.IN:
        chars = set()
        for kind, value in argument:
            if kind is not sre.LITERAL:
                return []  # ranges, categories, negation: too wide to be worth it
            chars |= {chr(value), chr(value).swapcase()} if ignore_case else {chr(value)}
        return [frozenset(chars)]
    if op is sre.SUBPATTERN:
        return _options(argument[-1], ignore_case)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, body = argument
        return _options(body, ignore_case) if low >= 1 else []
    if op is sre.ATOMIC_GROUP:
        return _options(argument, ignore_case)
    if op is sre.ASSERT:  # a lookahead or lookbehind that must succeed reads the same text
        return _options(argument[1], ignore_case)
    if op is sre.BRANCH:
        per_branch = [_options(branch, ignore_case) for branch in argument[1]]
        if not all(per_branch):
            return []  # a branch that needs nothing in particular
        common = set.intersection(*(set(options) for options in per_branch))
        return [*common, frozenset().union(*(min(options, key=_cost) for options in per_branch))]
    return []  # anything else (ANY, categories, back references, conditionals) proves nothing


def supported() -> bool:
    return metadata.version("markdown") in SUPPORTED and hasattr(InlineProcessor, "_InlineProcessor__handleInline")


class QuickInlineProcessor(InlineProcessor):
    def __init__(self, md: Markdown):
        super().__init__(md)
        self.tests: dict[object, object] = {}  # pattern → `search` for its characters (None: always tried)
        self.ordered: list = []
        self.checks: list = []

    def test_of(self, pattern):
        if pattern not in self.tests:
            chars = required_characters(pattern.getCompiledRegExp())
            self.tests[pattern] = None if chars is None else re.compile(f"[{re.escape(''.join(sorted(chars)))}]").search
        return self.tests[pattern]

    def run(self, tree, ancestors=None):
        # The patterns as registered now (an extension may add one after this processor was made),
        # each with its test: a plain list, not the registry's lookup by position for each text.
        self.ordered = list(self.inlinePatterns)
        self.checks = [self.test_of(pattern) for pattern in self.ordered]
        return super().run(tree, ancestors)

    # python-markdown's `__handleInline` (name-mangled), with the one test added.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if not isinstance(data, util.AtomicString):
            start = 0
            patterns, checks = self.ordered, self.checks
            count = len(patterns)
            while patternIndex < count:
                check = checks[patternIndex]
                if check is not None and check(data) is None:
                    patternIndex, start = patternIndex + 1, 0  # what a pattern that found nothing returns
                    continue
                data, matched, start = self._InlineProcessor__applyPattern(patterns[patternIndex], data,
                                                                           patternIndex, start)
                if not matched:
                    patternIndex += 1
        return data


class QuickInlineExtension(Extension):
    """Add last in the extension list: it replaces the inline processor once the patterns are registered."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - python-markdown's name
        if supported():
            md.treeprocessors.register(QuickInlineProcessor(md), "inline", PRIORITY)
