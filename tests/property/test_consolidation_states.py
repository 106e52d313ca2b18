"""Random sequences of edits to a consolidated text's inputs, each followed by a build:
the incremental build (same output, same cache) equals a cold build byte for byte.

Starting from the minimal fixture council (5/2025, amended by 40/2025), a hypothesis state machine
records, changes and removes the amending act's structured `changes` (replace, insert-after,
repeal), moves or removes its publication (its entry into force, before or after the build day),
edits the amended decision's articles and appends new ones, and moves the build day. Every edit
keeps the content valid: a change names an article the text has on that day and no unit is
changed twice by the act, so a failed build is a finding.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from support import rebuilds, trees
from support.content_model import Content

pytestmark = pytest.mark.slow

TARGET, AMENDING = "buget-2025", "rectificare-buget"
PUBLICATION_DAYS = (dt.date(2025, 6, 30), dt.date(2025, 7, 15), dt.date(2025, 11, 20), dt.date(2025, 12, 10))
BUILD_DAYS = (dt.date(2025, 11, 25), dt.date(2025, 12, 15))
WORDS = ("bugetul", "se", "aprobă", "rectificat", "venituri", "cheltuieli", "anexa", "nr.", "2")


def epoch_of(day: dt.date) -> str:
    from zoneinfo import ZoneInfo
    return str(int(dt.datetime.combine(day, dt.time(12), ZoneInfo("Europe/Bucharest")).timestamp()))


class ConsolidationBuilds(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.base = Path(tempfile.mkdtemp(prefix="consolidation-states-"))
        self.workspace = rebuilds.Workspace(self.base)
        self.content = Content.load(trees.FIXTURES / "minimal")
        self.articles = ["1", "2"]  # the target's own articles, as its body numbers them
        self.made = 0
        self.built = False
        # From the start, one change in force: most sequences move through several versions.
        self.amending.front["events"] = [{"date": PUBLICATION_DAYS[1], "event": "published"}]
        self.amending.front["changes"] = [{"decision": "5/2025", "article": "2", "action": "replace",
                                           "text": "Art. 2. Se abrogă prevederile contrare.\n"}]

    def teardown(self):
        shutil.rmtree(self.base, ignore_errors=True)

    @property
    def amending(self):
        return self.content.documents[AMENDING]

    @property
    def target(self):
        return self.content.documents[TARGET]

    def sentence(self, data) -> str:
        self.made += 1
        words = data.draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5), label="words")
        return f"Textul {self.made}: " + " ".join(words) + "."

    def changes(self) -> list[dict]:
        return self.amending.front.setdefault("changes", [])

    @invariant()
    def incremental_build_equals_a_cold_one(self):
        self.content.write(self.workspace.content)
        if not self.built:
            result = self.workspace.incremental()
            assert result.returncode == 0, result.stderr
            self.built = True
            return
        incremental, cold = self.workspace.both()
        assert incremental.returncode == 0, incremental.stderr
        assert cold.returncode == 0, cold.stderr
        differences = rebuilds.differences(self.workspace.output, self.workspace.cold_folder() / "output")
        assert not differences, "the incremental build differs from a cold one:\n" + "\n".join(differences)
        versions = self.workspace.output / "hotarari/2025/5/consolidat"
        event(f"versions: {len(list(versions.iterdir())) - 1 if versions.is_dir() else 0}")

    @rule(data=st.data())
    def record_a_change(self, data):
        """A new change to an article no change of this act names yet (or an article inserted after one)."""
        named = {c["article"] for c in self.changes()}
        free = [a for a in self.articles if a not in named and f"{a}^1" not in named]
        if not free:
            return
        article = data.draw(st.sampled_from(free), label="article")
        action = data.draw(st.sampled_from(("replace", "insert-after", "repeal")), label="action")
        change = {"decision": "5/2025", "article": article, "action": action}
        if action == "replace":
            change["text"] = f"Art. {article}. {self.sentence(data)}\n"
        elif action == "insert-after":
            change["text"] = f"Art. {article}^1. {self.sentence(data)}\n"
        self.changes().append(change)

    @rule(data=st.data())
    def edit_or_remove_a_change(self, data):
        changes = self.changes()
        if not changes:
            return
        index = data.draw(st.integers(0, len(changes) - 1), label="which")
        if data.draw(st.booleans(), label="remove") or changes[index]["action"] == "repeal":
            changes.pop(index)
        else:
            label = changes[index]["article"] + ("^1" if changes[index]["action"] == "insert-after" else "")
            changes[index]["text"] = f"Art. {label}. {self.sentence(data)}\n"

    @rule(data=st.data())
    def move_the_publication(self, data):
        """Publish the amending act on another day (after the build day: a future version), or not yet."""
        day = data.draw(st.sampled_from((None, *PUBLICATION_DAYS)), label="published")
        self.amending.front["events"] = [{"date": day, "event": "published"}] if day else []

    @rule(data=st.data())
    def edit_the_amended_text(self, data):
        """Another wording of one of its articles, or a new article at its end."""
        if data.draw(st.booleans(), label="append"):
            label = str(len(self.articles) + 1)
            self.articles.append(label)
            self.target.body = self.target.body.rstrip("\n") + f"\n\n**Art. {label}.** {self.sentence(data)}\n"
        else:
            article = data.draw(st.sampled_from(self.articles), label="article")
            lines = self.target.body.split("\n")
            at = next(i for i, line in enumerate(lines) if line.startswith(f"**Art. {article}.**"))
            lines[at] = f"**Art. {article}.** {self.sentence(data)}"
            self.target.body = "\n".join(lines)

    @rule(day=st.sampled_from(BUILD_DAYS))
    def move_the_build_day(self, day):
        self.workspace.inputs.epoch = epoch_of(day)


# Each step is two builds of a small council (about 2 s each, side by side).
ConsolidationBuilds.TestCase.settings = settings(
    max_examples=5, stateful_step_count=6, deadline=None, derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TestConsolidationBuilds = ConsolidationBuilds.TestCase
