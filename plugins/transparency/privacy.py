"""Personal data that must not reach the public site by accident.

A Romanian personal numeric code (CNP) is recognised by its structure and
checksum, so ordinary 13-digit numbers (registration numbers, IBAN parts) do
not trip it; it is an error unless the document allows that exact code under
`allow_cnp:`. Private e-mail addresses (personal mail providers) and mobile
phone numbers are warnings: a human decides.
"""

from __future__ import annotations

import datetime as dt
import re

from .problems import Problems

CNP_RE = re.compile(r"(?<!\d)([1-8]\d{12})(?!\d)")
CNP_WEIGHTS = (2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9)
CENTURY = {"1": 1900, "2": 1900, "3": 1800, "4": 1800, "5": 2000, "6": 2000, "7": 1900, "8": 1900}
# County codes 01–52, plus 70 (residents registered abroad / foreign citizens).
COUNTY_CODES = {f"{n:02d}" for n in range(1, 53)} | {"70"}

EMAIL_RE = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", re.UNICODE)
PERSONAL_MAIL_DOMAINS = re.compile(
    r"^(gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|aol|"
    r"proton|protonmail|gmx|mail|zoho|yandex)\.", re.IGNORECASE)
MOBILE_RE = re.compile(r"(?<![\d/])(?:\+?40[\s.-]?|0)7\d{2}[\s.-]?\d{3}[\s.-]?\d{3}(?!\d)")
# Necessary conditions of the two patterns above, without their look-behind
# (which keeps the regex engine from skipping ahead): found in one fast pass.
MAYBE_CNP_RE = re.compile(r"[1-8]\d{12}")
MAYBE_MOBILE_RE = re.compile(r"0[\s.-]?7\d{2}[\s.-]?\d{3}[\s.-]?\d{3}")


def is_cnp(code: str) -> bool:
    """True when `code` is a structurally valid CNP with a correct checksum."""
    if len(code) != 13 or not code.isdigit() or code[0] not in CENTURY:
        return False
    try:
        dt.date(CENTURY[code[0]] + int(code[1:3]), int(code[3:5]), int(code[5:7]))
    except ValueError:
        return False
    if code[7:9] not in COUNTY_CODES:
        return False
    total = sum(int(d) * w for d, w in zip(code, CNP_WEIGHTS))
    control = total % 11
    return int(code[12]) == (1 if control == 10 else control)


def scan(text: str, display: str, allow_cnp, problems: Problems, public_contacts=()) -> None:
    """Report personal data in a document's full text (front matter and body)."""
    # One fast pass over the whole text per pattern first (a match on a line is
    # a match in the text); only a text where a pattern may occur is read line
    # by line. The e-mail pattern is slow on long lines: it needs an `@`.
    look_cnp = MAYBE_CNP_RE.search(text) is not None
    look_email = "@" in text
    look_mobile = MAYBE_MOBILE_RE.search(text) is not None
    if not (look_cnp or look_email or look_mobile):
        return
    allowed = {str(code).strip() for code in allow_cnp}
    contacts = {c.lower() for c in public_contacts if c}
    for number, line in enumerate(text.split("\n"), start=1):
        for match in CNP_RE.finditer(line) if look_cnp else ():
            code = match.group(1)
            if code in allowed or not is_cnp(code):
                continue
            problems.error(display, number, "CNP", f"textul conține un cod numeric personal ({code[:3]}…{code[-2:]})",
                           "ștergeți-l sau, dacă publicarea este legală, treceți codul exact în antet, sub „allow_cnp:”")
        for match in EMAIL_RE.finditer(line) if look_email and "@" in line else ():
            if match.group(0).lower() in contacts or not PERSONAL_MAIL_DOMAINS.match(match.group(1)):
                continue
            problems.warning(display, number, "date personale",
                             f"adresă de e-mail personală „{match.group(0)}”",
                             "o adresă instituțională sau nicio adresă")
        for match in MOBILE_RE.finditer(line) if look_mobile else ():
            digits = re.sub(r"\D", "", match.group(0))
            if any(re.sub(r"\D", "", c).endswith(digits[-9:]) for c in contacts):
                continue
            problems.warning(display, number, "date personale",
                             f"număr de telefon mobil „{match.group(0).strip()}”",
                             "un număr instituțional sau niciun număr")
