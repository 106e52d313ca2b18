import pytest

from transparency.source.frontmatter import (FAST_LOADER, PURE_LOADER, FrontMatterError, _parse, bad_characters,
                                             body_of, load_yaml, split)


def test_keeps_file_line_numbers_of_keys_and_nested_items():
    text = "---\ntitle: T\nevents:\n  - {date: 2025-01-02, event: signed}\n  - date: 2025-01-03\n    event: published\n---\nBody\n"
    parts = split(text)
    assert parts.meta.line_of("title") == 2
    assert parts.meta.line_of("events") == 3
    events = parts.meta["events"]
    assert events.line_of(0) == 4 and events.line_of(1) == 5
    assert events[1].line_of("event") == 6
    assert parts.body == "Body\n" and parts.body_line == 8


def test_bom_and_windows_line_endings_are_accepted():
    parts = split("\ufeff---\r\ntitle: Ședința\r\nnumber: 3\r\n---\r\nText\r\n")
    assert parts.meta == {"title": "Ședința", "number": 3}
    assert parts.meta.line_of("number") == 3


def test_dates_stay_text_and_leading_zero_numbers_stay_decimal():
    meta = split("---\nadopted: 2025-02-30\nnumber: 045\n---\n").meta
    assert meta["adopted"] == "2025-02-30"  # checked (and reported) by the schema, not by YAML
    assert meta["number"] == 45


def test_duplicate_key_is_an_error_with_its_line():
    with pytest.raises(FrontMatterError) as caught:
        split("---\ntitle: A\nsummary: x\ntitle: B\n---\n")
    assert caught.value.line == 4 and "title" in caught.value.message


# Each syntax mistake staff make, said in Romanian at the line of the mistake (YAML's own mark is
# often a line later), with the hint that fits it.
SYNTAX = [
    ("tab before a key", "---\ntitle: x\nvote:\n\tpresent: 10\n---\n", 4, "tab", "spații"),
    ("tab after a colon", "---\ntitle:\tx y\nstatus: draft\n---\n", 2, "tab", "spații"),
    ("key indented more", "---\ntitle: x\n  status: draft\nregistered: 2025-01-01\n---\n", 3,
     "indentat mai mult", "aceeași coloană"),
    ("key indented less", "---\ntitle: x\nvote:\n  present: 10\n for: 9\n---\n", 5, "indentare greșită",
     "aceeași coloană"),
    ("list item misaligned", "---\ntitle: x\nevents:\n  - date: 2025-01-01\n   event: signed\n---\n", 5,
     "indentare greșită", "aceeași coloană"),
    ("bracket left open", "---\ntitle: x\ntopics: [a, b\nstatus: draft\nregistered: 2025-01-01\n---\n", 3,
     "„[” deschisă", "„]”"),
    ("brace left open", "---\ntitle: x\nvote: {present: 10, for: 9\nstatus: draft\n---\n", 3, "„{” deschisă", "„}”"),
    ("quote left open", "---\ntitle: \"x\nstatus: draft\n---\n", 2, "ghilimelele deschise", "ghilimele"),
    ("colon in a value", "---\ntitle: privind: ceva, altceva\nstatus: draft\n---\n", 2, "două puncte",
     'title: "privind: …"'),
    ("colon in a later value", "---\ntitle: x\nsummary: Ora: 10\nstatus: draft\n---\n", 3, "două puncte",
     'summary: "Ora: …"'),
    ("key without colon", "---\ntitle: x\nstatus draft\nregistered: 2025-01-01\n---\n", 3, "lipsesc două puncte",
     "cheie: valoare"),
    ("text after a closing quote", "---\ntitle: x\nsummary: \"abc\" def\n---\n", 3, "după ghilimelele", "între ghilimele"),
    ("special first character", "---\ntitle: @echipa\n---\n", 2, "„@”", "ghilimele"),
    # A „ #” between braces or brackets begins a comment, which takes the closing bracket with it: the
    # brace was said to be left open, and the hash never named.
    ("hash between braces", "---\ntitle: x\nevents:\n  - {date: 2026-10-26, event: published, note: MOL nr. #7 din "
     "26.10.2026}\n---\n", 4, "textul de după „ #” („#7 din 26.10.2026”) este citit ca un comentariu",
     'valoarea între ghilimele: note: "MOL nr. #7 din 26.10.2026"'),
    ("hash between brackets", "---\ntitle: x\ntopics: [situatii de urgenta, fond #rezerva]\nstatus: draft\n---\n", 3,
     "(„#rezerva”) este citit ca un comentariu", 'valoarea între ghilimele: "fond #rezerva"'),
    ("hash before the next field", "---\ntitle: x\nevents:\n  - {date: 2026-10-05, note: nr. #24117, event: signed}"
     "\n---\n", 4, "(„#24117”)", 'note: "nr. #24117"'),
    ("brace left open before a comment", "---\ntitle: x\nvote: {present: 10, for: 9 # de verificat\nstatus: draft\n"
     "---\n", 3, "„{” deschisă pe acest rând nu este închisă", "„}”"),
]


@pytest.mark.parametrize("case, text, line, said, hint", SYNTAX, ids=[s[0] for s in SYNTAX])
def test_yaml_syntax_errors_in_romanian_at_the_mistake_with_the_fitting_hint(case, text, line, said, hint):
    with pytest.raises(FrontMatterError) as caught:
        split(text)
    error = caught.value
    assert (error.line, said in error.message, hint in error.expected) == (line, True, True), \
        (error.line, error.message, error.expected)
    for jargon in ("expected", "<block", "mapping values", "token", "scalar"):
        assert jargon not in error.message + error.expected


@pytest.mark.parametrize("text", ["no front matter\n", "---\ntitle: x\n"])
def test_missing_or_unclosed_front_matter(text):
    with pytest.raises(FrontMatterError) as caught:
        split(text)
    assert caught.value.line == 1


def test_front_matter_that_is_not_a_mapping():
    with pytest.raises(FrontMatterError):
        split("---\n- a\n- b\n---\n")


# --- only plain data: texts, numbers, lists and groups of fields ------------

REFUSED = [
    ("---\ntitle: T\ntopics: !!set {a, b}\n---\n", 3, "„!!set”"),
    ("---\ntitle: !!binary aGVsbG8=\n---\n", 2, "„!!binary”"),
    ("---\ntitle: !!python/object/apply:os.system [ls]\n---\n", 2, "„!!python/object/apply:os.system”"),
    ("---\ntitle: !mine x\n---\n", 2, "„!mine”"),
    ("---\ntitle: !!str x\n---\n", 2, "„!!str”"),
    ("---\ntitle: &t T\nsummary: x\n---\n", 2, "ancorele YAML („&t”)"),
    ("---\ntitle: T\nsummary: *t\n---\n", 3, "aliasurile YAML („*t”)"),
    ("---\ntitle: T\n<<: {summary: x}\n---\n", 3, "„<<” este o cheie de îmbinare"),
    ("---\ntitle: T\n? [a, b]\n: x\n---\n", 3, "o cheie trebuie să fie un text"),
    ("---\ntitle: T\nnumber: " + "9" * 5000 + "\n---\n", 3, "numărul are 5000 cifre"),
    ("---\ntitle: T\nsummary: " + "[" * 11 + "]" * 11 + "\n---\n", 3, "mai mult de 10 niveluri"),
    ("---\ntitle: \"\x0b\"\n---\n", 2, "U+000B (tab vertical)"),
]


@pytest.mark.parametrize("text, line, said", REFUSED)
def test_what_plain_data_never_holds_is_refused_with_its_line(text, line, said):
    with pytest.raises(FrontMatterError) as caught:
        split(text)
    assert caught.value.line == line and said in caught.value.message


@pytest.mark.parametrize("depth", [1_000, 200_000])
def test_deep_nesting_is_a_message_not_a_crash(depth):
    # 1,000 levels raised RecursionError; libyaml's own composer crashes the interpreter near 100,000.
    with pytest.raises(FrontMatterError) as caught:
        load_yaml("a: " + "[" * depth + "]" * depth)
    assert "niveluri" in caught.value.message


def test_an_alias_bomb_is_refused_at_its_first_anchor():
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi")]
    with pytest.raises(FrontMatterError) as caught:
        load_yaml("\n".join(lines))
    assert caught.value.line == 1 and "ancorele" in caught.value.message


def test_both_parsers_read_plain_data_alike():
    text = ("title: T\nnumber: 045\nhex: 0x1F\nyes: yes\nnone: ~\nratio: 1.5\nwhen: 2025-01-02\nequals: =\n"
            "list: [a, {b: 1}, [c]]\nblock:\n  - e: 1\n    f: 2\n  - g\n1: unu\n")
    fast, pure = _parse(text, 5, FAST_LOADER), _parse(text, 5, PURE_LOADER)
    assert fast == pure == {"title": "T", "number": 45, "hex": 31, "yes": True, "none": None, "ratio": 1.5,
                            "when": "2025-01-02", "equals": "=", "list": ["a", {"b": 1}, ["c"]],
                            "block": [{"e": 1, "f": 2}, "g"], "1": "unu"}  # keys as written
    for data in (fast, pure):
        assert data.key_lines == {key: line for line, key in enumerate(
            ["title", "number", "hex", "yes", "none", "ratio", "when", "equals", "list", "block"], start=5)} | {"1": 18}
        assert data["list"].item_lines == [13, 13, 13] and data["block"].item_lines == [15, 17]
        assert data["block"][0].key_lines == {"e": 15, "f": 16}


def test_control_characters_in_values_are_found_with_their_field_and_line():
    meta = split('---\ntitle: "a\\vb"\nevents:\n  - {note: "x\\0", date: ok}\ntopics: [ok, "\\e[1m"]\n'
                 '"k\\x7f": v\n---\n').meta
    assert [(b.line, b.field, b.char, b.key) for b in bad_characters(meta)] == [
        (2, "title", "\v", None), (4, "events[1].note", "\0", None), (5, "topics[2]", "\x1b", None),
        (6, "", "\x7f", "k\x7f")]


@pytest.mark.parametrize("raw", [
    "---\ntitle: A\n---\nText\n", "\ufeff---\r\ntitle: A\r\n...\r\n\r\nText\r\n", "---\n---\n",
    "--- \na: 1\n  ---  \nx\n---\ny", "---\nt: 1\r---\rold Mac\r",
])
def test_the_body_alone_is_the_body_split_finds(raw):
    assert body_of(raw) == split(raw).body


@pytest.mark.parametrize("raw", ["title: A\n---\n", "---\ntitle: A\n"])
def test_the_body_alone_of_a_file_without_front_matter_is_the_same_error(raw):
    with pytest.raises(FrontMatterError) as split_error:
        split(raw)
    with pytest.raises(FrontMatterError) as body_error:
        body_of(raw)
    assert str(body_error.value) == str(split_error.value)
