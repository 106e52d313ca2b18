"""Entry into force (domain/force.py): generic over any object with `character` and `events`."""

import datetime as dt
from types import SimpleNamespace

import pytest

from transparency.domain import force

D = dt.date


def act(character=None, *events):
    values = {"events": tuple(SimpleNamespace(date=day, event=kind) for day, kind in events)}
    if character is not None:
        values["character"] = character
    return SimpleNamespace(**values)


@pytest.mark.parametrize("character,events,expected", [
    ("normative", [], None),
    ("normative", [(D(2025, 3, 3), "sent-to-prefect")], None),
    ("normative", [(D(2025, 3, 5), "published"), (D(2025, 3, 4), "published")], D(2025, 3, 4)),
    ("normative", [(D(2025, 3, 5), "communicated")], None),
    ("individual", [(D(2025, 3, 5), "published")], None),
    ("individual", [(D(2025, 3, 6), "communicated")], D(2025, 3, 6)),
    ("individual", [(D(2025, 3, 6), "communicated"), (D(2025, 4, 1), "in-force")], D(2025, 4, 1)),
    ("normative", [(D(2025, 3, 6), "published"), (D(2025, 3, 2), "in-force")], D(2025, 3, 2)),
    (None, [(D(2025, 3, 5), "published")], D(2025, 3, 5)),  # no character: normative
    ("", [(D(2025, 3, 5), "published")], D(2025, 3, 5)),
])
def test_entry_into_force(character, events, expected):
    assert force.entry_into_force(act(character, *events)) == expected


def test_in_force_on_compares_with_the_day():
    a = act("normative", (D(2025, 3, 5), "published"))
    assert [force.in_force_on(a, day) for day in (D(2025, 3, 4), D(2025, 3, 5), D(2025, 3, 6))] == [False, True, True]
    assert not force.in_force_on(act("normative"), D(2099, 1, 1))


def test_an_object_without_events_has_no_entry_into_force():
    assert force.entry_into_force(SimpleNamespace()) is None
