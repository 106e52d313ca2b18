"""Romanian personal numeric codes (CNP) for tests, built from the published
algorithm: S YY MM DD JJ NNN C, where the control digit C is the sum of the
first twelve digits weighted by 2 7 9 1 4 6 3 5 8 2 7 9, modulo 11 (10 → 1)."""

from __future__ import annotations

import datetime as dt

WEIGHTS = "279146358279"
# First digit by sex and century of birth (1/2: 1900s, 3/4: 1800s, 5/6: 2000s).
CENTURY_DIGITS = {1800: "34", 1900: "12", 2000: "56"}
# Counties 01–46, Bucharest sectors 41–46 and 51–52, and 70 (registered abroad).
VALID_COUNTIES = tuple(f"{n:02d}" for n in range(1, 53)) + ("70",)


def control_digit(first12: str) -> str:
    remainder = sum(int(d) * int(w) for d, w in zip(first12, WEIGHTS)) % 11
    return "1" if remainder == 10 else str(remainder)


def with_control(first12: str) -> str:
    return first12 + control_digit(first12)


def make(born: dt.date, county: str, serial: int, female: bool = False) -> str:
    """A valid CNP for a person born on `born` (1800–2099) in `county`."""
    digit = CENTURY_DIGITS[born.year // 100 * 100][int(female)]
    return with_control(f"{digit}{born:%y%m%d}{county}{serial:03d}")
