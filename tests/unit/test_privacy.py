"""privacy.is_cnp and the scans of documents, council.yml and file names against CNPs generated
from the published algorithm (tests/support/cnp.py): valid codes are errors unless allowed under
`allow_cnp`, however they are written (separators, markup, character references, invisible
characters: each way built from the code by hand); wrong checksums, impossible dates, unknown
county codes and the numbers of ordinary council prose are never reported."""

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from support import cnp
from transparency.domain import privacy
from transparency.source import frontmatter
from transparency.domain.problems import Problems

BIRTH_DAYS = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31))
COUNTIES = st.sampled_from(cnp.VALID_COUNTIES)
SERIALS = st.integers(min_value=1, max_value=999)
INVALID_COUNTIES = st.sampled_from([f"{n:02d}" for n in range(100) if f"{n:02d}" not in cnp.VALID_COUNTIES])


@st.composite
def valid_cnps(draw):
    return cnp.make(draw(BIRTH_DAYS), draw(COUNTIES), draw(SERIALS), female=draw(st.booleans()))


def scan(text, allow=()):
    """The problems of a page whose body is `text` (from line 1) and whose front matter is empty."""
    problems = Problems()
    privacy.scan_document(frontmatter.SourceText(frontmatter.LineDict(), text, 1), text, "content/pages/p.md",
                          allow, problems)
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


# ---------------------------------------------------------------------------
# A code written so that a plain search for 13 digits misses it is found all the same; each way of
# writing it below is built from the code by hand, so the oracle is the code itself.

SEPARATORS = st.sampled_from([" ", ".", "-", "/", " - ", ". ", "\u2013", "\u00a0", "\n", "**"])
INVISIBLE = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
INLINE_TAGS = st.sampled_from(["b", "span", "em", "strong", "i", "u", "mark", "a href=\"#x\""])


def cut(code, cuts):
    """The code in pieces, cut before each (sorted, distinct) position in 1–12."""
    edges = [0, *sorted(set(cuts)), 13]
    return [code[a:b] for a, b in zip(edges, edges[1:])]


CUTS = st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=12)


def reported(text, allow=()):
    """The CNP problems of a body (a code's digits may also look like a mobile number: a warning)."""
    return [(p.line, p.field, p.severity, p.message) for p in scan(text, allow).items if p.field == "CNP"]


def only(code, line):
    return [(line, "CNP", "error", f"textul conține un cod numeric personal ({code[:3]}…{code[-2:]})")]


@settings(max_examples=150, deadline=None)
@given(valid_cnps(), CUTS, SEPARATORS, st.integers(min_value=0, max_value=3))
def test_a_code_with_one_kind_of_separator_between_its_groups_is_found(code, cuts, separator, line):
    written = separator.join(cut(code, cuts))
    assert reported("\n\n" * line + f"Semnat: Ion Ionescu, CNP {written}, Cluj") == only(code, 1 + 2 * line)


@settings(max_examples=150, deadline=None)
@given(valid_cnps(), CUTS, st.data())
def test_a_code_split_by_inline_markup_or_comments_is_found(code, cuts, data):
    pieces = cut(code, cuts)
    written = pieces[0]
    for piece in pieces[1:]:
        if data.draw(st.booleans()):
            written += "<!-- x -->" + piece
        else:
            tag = data.draw(INLINE_TAGS)
            written += f"<{tag}>{piece}</{tag.split()[0]}>"
    assert reported(f"Text\n\n<p>CNP {written}</p>") == only(code, 3)


@settings(max_examples=150, deadline=None)
@given(valid_cnps(), st.lists(st.booleans(), min_size=13, max_size=13),
       st.sampled_from(["&#{};", "&#x{:x};", "&#0{};", "&#X{:X};"]))
def test_a_code_written_with_character_references_is_found(code, which, form):
    written = "".join(form.format(ord(d)) if encode else d for d, encode in zip(code, which))
    assert reported(f"CNP: {written}") == only(code, 1)


@settings(max_examples=150, deadline=None)
@given(valid_cnps(), CUTS, st.lists(INVISIBLE, min_size=12, max_size=12))
def test_a_code_with_invisible_characters_inside_is_found(code, cuts, marks):
    pieces = cut(code, cuts)
    written = "".join(piece + marks[index] for index, piece in enumerate(pieces[:-1])) + pieces[-1]
    assert reported(f"Ion, {written}.") == only(code, 1)


@settings(max_examples=100, deadline=None)
@given(valid_cnps())
def test_a_code_in_fullwidth_digits_is_found(code):
    written = "".join(chr(0xFF10 + int(d)) for d in code)
    assert reported(f"CNP {written}") == only(code, 1)


@settings(max_examples=100, deadline=None)
@given(valid_cnps(), st.sampled_from(["title", "alt"]))
def test_a_code_in_an_attribute_or_a_link_address_is_found(code, attribute):
    assert reported(f'Vezi <img {attribute}="{code}" src="x.png"> aici.') == only(code, 1)
    assert reported(f"Vezi [cererea](https://exemplu.ro/?cnp={code}).") == only(code, 1)


@settings(max_examples=100, deadline=None)
@given(valid_cnps(), CUTS, SEPARATORS)
def test_an_allowed_code_is_allowed_however_it_is_written(code, cuts, separator):
    written = separator.join(cut(code, cuts))
    assert reported(f"CNP {written}", allow=[code]) == []


@settings(max_examples=150, deadline=None)
@given(valid_cnps(), CUTS, SEPARATORS, st.integers(min_value=1, max_value=9))
def test_a_wrong_checksum_stays_unreported_however_it_is_written(code, cuts, separator, delta):
    wrong = code[:12] + str((int(code[12]) + delta) % 10)
    assert reported(f"CNP {separator.join(cut(wrong, cuts))}") == []


# Prose of a council: decision and registration numbers, dates, amounts with thousands separators,
# phone numbers, IBANs, in sentences. None of them holds a code, however its digits line up.
DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))


@st.composite
def council_sentences(draw):
    day = draw(DAYS)
    number, registration = draw(st.integers(1, 9999)), draw(st.integers(1, 99999))
    amount = draw(st.integers(0, 999_999_999_999))
    phone = f"0{draw(st.integers(200, 399))} {draw(st.integers(100, 999))} {draw(st.integers(100, 999))}"
    iban = " ".join(f"{draw(st.integers(0, 9999)):04d}" for _ in range(4))
    sentences = [
        f"Hotărârea nr. {number}/{day.year} din {day:%d.%m.%Y}",
        f"adresa nr. {registration}/{day:%d.%m.%Y}",
        f"suma de {amount:,} lei".replace(",", "."),
        f"tel. {phone} / {phone}",
        f"cont RO49 TREZ {iban}",
        f"termen: {day:%d.%m.%Y}, ora {draw(st.integers(8, 18))}.{draw(st.integers(0, 59)):02d}",
        f"art. {draw(st.integers(1, 300))} alin. ({draw(st.integers(1, 9))}) lit. a)",
    ]
    return draw(st.permutations(sentences))


@settings(max_examples=300, deadline=None)
@given(council_sentences(), st.sampled_from(["; ", ", ", ".\n", ".\n\n", " – "]))
def test_council_prose_holds_no_code(sentences, joint):
    assert reported(joint.join(sentences)) == []


# ---------------------------------------------------------------------------
# Front matter: every value at any depth, at its own line; council.yml; file names.

def document_problems(text):
    problems = Problems()
    source = frontmatter.split(text)
    privacy.scan_document(source, text, "content/hotarari/x.md", source.meta.get("allow_cnp") or (), problems)
    return [(p.line, p.message) for p in problems.items]


def test_every_front_matter_value_is_read_at_its_line():
    a, b, c, d = (cnp.make(dt.date(1980 + n, 1 + n, 1 + n), "12", 345 + n) for n in range(4))
    text = (f'---\ntitle: "Cerere \\x3{a[0]}{a[1:]}"\nsummary: >\n  Text\n  lung {b}\nnumber: {c}\n'
            "attachments:\n  - {file: anexe/a.pdf, title: Anexa}\n"
            f"  - {{file: anexe/b.pdf, title: 'CNP {d[:6]} {d[6:]}'}}\n"
            f"---\nCorp.\n")
    assert document_problems(text) == [
        (2, f"câmpul „title” conține un cod numeric personal ({a[:3]}…{a[-2:]})"),
        (3, f"câmpul „summary” conține un cod numeric personal ({b[:3]}…{b[-2:]})"),
        (6, f"câmpul „number” conține un cod numeric personal ({c[:3]}…{c[-2:]})"),
        (9, f"câmpul „attachments” conține un cod numeric personal ({d[:3]}…{d[-2:]})"),
    ]


def test_a_code_allowed_in_the_front_matter_is_allowed_in_its_values_and_body():
    code = cnp.make(dt.date(1984, 7, 19), "12", 345)
    text = f'---\ntitle: "Cerere {code}"\nallow_cnp: ["{code}"]\n---\nCNP &#{ord(code[0])};{code[1:]}\n'
    assert document_problems(text) == []


def test_the_body_is_read_from_its_own_line_with_its_markup():
    code = cnp.make(dt.date(1984, 7, 19), "12", 345)
    text = f"---\ntitle: Cerere\n---\nText\n\n<p class=\"x\"\n   id=\"y\">Semnat\n<b>{code[:5]}</b>{code[5:]}</p>\n"
    assert document_problems(text) == [(8, f"textul conține un cod numeric personal ({code[:3]}…{code[-2:]})")]


def test_council_yml_is_read_value_by_value():
    code = cnp.make(dt.date(1975, 3, 15), "40", 123, female=True)
    text = (f"name: Consiliul\nseats: 3\ncontact:\n  address: Strada Mare 1, {code}\n"
            f"members:\n  - {{name: Ana Pop, role: 'Consilier ({code[:7]}-{code[7:]})'}}\n")
    problems = Problems()
    privacy.scan_council(frontmatter.load_yaml(text), "content/data/council.yml", problems)
    assert [(p.path, p.line, p.field, p.message) for p in problems.items] == [
        ("content/data/council.yml", 4, "CNP",
         f"câmpul „contact” din council.yml conține un cod numeric personal ({code[:3]}…{code[-2:]})"),
        ("content/data/council.yml", 6, "CNP",
         f"câmpul „members” din council.yml conține un cod numeric personal ({code[:3]}…{code[-2:]})"),
    ]


@settings(max_examples=50, deadline=None)
@given(valid_cnps(), st.sampled_from(["{}.md", "cerere-{}.pdf", "{}/anexa.pdf", "a/{}-x/b.pdf"]))
def test_a_code_in_a_file_or_folder_name_is_an_error_unless_allowed(code, pattern):
    relative = "hotarari/2025/" + pattern.format(code)
    problems = Problems()
    privacy.scan_names(relative, f"content/{relative}", (), problems)
    [problem] = problems.items
    assert (problem.path, problem.line, problem.field, problem.severity) == (f"content/{relative}", 1, "CNP", "error")
    allowed = Problems()
    privacy.scan_names(relative, f"content/{relative}", [code], allowed)
    assert allowed.items == []


def test_ordinary_file_names_are_not_codes():
    problems = Problems()
    for relative in ["hotarari/2025/hcj-45-2025.md", "sedinte/2025/procese-verbale/2025-10-29.pdf",
                     "hotarari/2025/anexe/1234567890123.pdf", "rapoarte/2024/raport-12.10.2024-1800101.md"]:
        privacy.scan_names(relative, relative, (), problems)
    assert problems.items == []


CODE = "1840719123452"  # test_known_examples_of_the_algorithm


@pytest.mark.parametrize("body", [
    f"Cererea lui Ion <CNP {CODE}>.",  # raw HTML to the markup's reading: 13 digits to a reader of a code span
    f"În cod: `<b {CODE}>`.",
    f"    <x {CODE}>\n",  # an indented code block
    f"Vezi <http://example.ro/{CODE}>.",  # an autolink shows its address
    f"Scrieți la <x{CODE}@example.ro>.",
    f"Numărul [{CODE[:6]}][r]{CODE[6:]}.\n\n[r]: https://example.ro",  # a reference link's label does not show
])
def test_a_code_in_what_markup_would_hide_but_the_page_shows_is_found_once(body):
    problems = scan(body)
    assert [(p.field, p.line) for p in problems.items if p.severity == "error"] == [("CNP", 1)]


def test_a_code_in_a_field_written_as_a_tag_is_found():
    meta = frontmatter.LineDict({"initiator": f"Ion Popescu <CNP {CODE}>", "title": f"privind cererea <b {CODE}>"})
    assert sorted(field for _, field in privacy.codes_in_values(meta)) == ["initiator", "title"]
