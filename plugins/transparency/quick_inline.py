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

Patterns this table does not know (another extension's, a new version's) are
always tried, as python-markdown would.
"""

from __future__ import annotations

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

# Registered pattern name → the characters one of which every match contains.
TRIGGERS = {
    "backtick": "`", "escape": "\\", "footnote": "[", "reference": "[", "link": "[", "image_link": "[",
    "image_reference": "[", "short_reference": "[", "short_image_ref": "[", "autolink": "<",
    "automail": "<", "linebreak": "\n", "html": "<", "entity": "&", "em_strong": "*_", "em_strong2": "_",
    "strong": "*", "emphasis": "*", "strong2": "_", "emphasis2": "_", "not_strong": "*_",
}
PRIORITY = 20  # python-markdown's own for the "inline" tree processor


class QuickInlineProcessor(InlineProcessor):
    def __init__(self, md: Markdown):
        super().__init__(md)
        self.triggers = {id(md.inlinePatterns[name]): chars for name, chars in TRIGGERS.items()
                         if name in md.inlinePatterns}

    # python-markdown's `__handleInline` (name-mangled), with the one test added.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if not isinstance(data, util.AtomicString):
            start = 0
            patterns, triggers = self.inlinePatterns, self.triggers
            count = len(patterns)
            while patternIndex < count:
                pattern = patterns[patternIndex]
                chars = triggers.get(id(pattern))
                if chars is not None and not any(c in data for c in chars):
                    patternIndex, start = patternIndex + 1, 0  # what a pattern that found nothing returns
                    continue
                data, matched, start = self._InlineProcessor__applyPattern(pattern, data, patternIndex, start)
                if not matched:
                    patternIndex += 1
        return data


class QuickInlineExtension(Extension):
    """Add last in the extension list: it replaces the inline processor once the patterns are registered."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - python-markdown's name
        if hasattr(InlineProcessor, "_InlineProcessor__handleInline"):  # the method this version overrides
            md.treeprocessors.register(QuickInlineProcessor(md), "inline", PRIORITY)
