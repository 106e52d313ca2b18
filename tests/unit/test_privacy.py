"""privacy.is_cnp and privacy.scan against CNPs generated from the published
algorithm (tests/support/cnp.py): valid codes are errors unless allowed under
`allow_cnp`; wrong checksums, impossible dates and unknown county codes are
never reported."""

import datetime as dt

from hypothesis import given, settings, strategies as st

from support import cnp
from transparency import privacy
from transparency.problems import Problems

BIRTH_DAYS = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31))
COUNTIES = st.sampled_from(cnp.VALID_COUNTIES)
SERIALS = st.integers(min_value=1, max_value=999)
INVALID_COUNTIES = st.sampled_from([f"{n:02d}" for n in range(100) if f"{n:02d}" not in cnp.VALID_COUNTIES])


@st.composite
def valid_cnps(draw):
    return cnp.make(draw(BIRTH_DAYS), draw(COUNTIES), draw(SERIALS), female=draw(st.booleans()))


def scan(text, allow=()):
    problems = Problems()
    privacy.scan(text, "content/pages/p.md", allow, problems)
    return problems


def test_known_examples_of_the_algorithm():
    # 1 84 07 19 12 345: 1·2+8·7+4·9+0·1+7·4+1·6+9·3+1·5+2·8+3·2+4·7+5·9 = 255; 255 mod 11 = 2.
    assert cnp.make(dt.date(1984, 7, 19), "12", 345) == "1840719123452"
    assert cnp.control_digit("500000000000") == "1"  # 5·2 = 10: a remainder of 10 gives 1
    assert privacy.is_cnp("1840719123452")


@settings(max_examples=200, deadline=None)
@given(valid_cnps())
def test_valid_cnps_are_recognised(code):
    assert privacy.is_cnp(code)


@settings(max_examples=150, deadline=None)
@given(valid_cnps(), st.integers(min_value=1, max_value=9))
def test_a_wrong_checksum_is_not_a_cnp(code, delta):
    wrong = code[:12] + str((int(code[12]) + delta) % 10)
    assert not privacy.is_cnp(wrong)
    assert scan(f"Cod {wrong} în text").items == []


@settings(max_examples=150, deadline=None)
@given(st.sampled_from("123456"), st.integers(0, 99), st.integers(1, 12), st.integers(1, 31), COUNTIES, SERIALS)
def test_an_impossible_birth_date_is_not_a_cnp(digit, year, month, day, county, serial):
    century = {"1": 1900, "2": 1900, "3": 1800, "4": 1800, "5": 2000, "6": 2000}[digit]
    try:
        dt.date(century + year, month, day)
        month = 13 if day % 2 else 0  # make it impossible
    except ValueError:
        pass
    code = cnp.with_control(f"{digit}{year:02d}{month:02d}{day:02d}{county}{serial:03d}")
    assert not privacy.is_cnp(code)
    assert scan(f"CNP {code}").items == []


@settings(max_examples=150, deadline=None)
@given(BIRTH_DAYS, INVALID_COUNTIES, SERIALS)
def test_an_unknown_county_code_is_not_a_cnp(born, county, serial):
    code = cnp.make(born, "01", serial)[:7] + county + f"{serial:03d}"
    code = cnp.with_control(code)
    assert not privacy.is_cnp(code)
    assert scan(f"CNP {code}").items == []


@settings(max_examples=150, deadline=None)
@given(valid_cnps(), st.integers(min_value=0, max_value=5))
def test_a_valid_cnp_in_text_is_an_error_at_its_line(code, blank_lines):
    text = "Petiție\n" + "\n" * blank_lines + f"Semnat de Ion Ionescu (CNP: {code}), domiciliat în Cluj."
    problems = scan(text)
    assert [(p.path, p.line, p.field, p.severity) for p in problems.items] == [
        ("content/pages/p.md", 2 + blank_lines, "CNP", "error")]
    assert code not in problems.items[0].message  # the report does not repeat the whole code


@settings(max_examples=100, deadline=None)
@given(valid_cnps())
def test_an_allowed_cnp_is_not_reported(code):
    assert scan(f"CNP {code}", allow=[code]).items == []
    assert len(scan(f"CNP {code}", allow=["1" * 13]).errors) == 1


@settings(max_examples=100, deadline=None)
@given(valid_cnps(), st.sampled_from(["0", "9", "12"]))
def test_a_cnp_inside_a_longer_number_is_not_reported(code, extra):
    assert scan(f"IBAN RO49 {extra}{code} și {code}{extra}").items == []
