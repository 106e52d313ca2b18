"""Every setting the project adds and every contract field and vocabulary
value is documented in README.md or docs/ghid-redactare.md (the datasette
habit): a key staff may write, or a setting an operator may set, that no
document mentions does not exist for them.

"Documented" means written as code in one of the two documents: inside a
fenced block or `backticks`, as a whole word (so `for` in a YAML example
counts, the English word in prose does not)."""

import re

import pytest

from support import trees
from transparency.adapters import settings
from transparency.domain import vocab
from transparency.source import mol_schema, schema

DOCUMENTS = (trees.ROOT / "README.md", trees.ROOT / "docs" / "ghid-redactare.md")
# Vocabularies that are not written by anyone: derived for the page or internal.
INTERNAL_VOCABULARIES = {
    "DOCUMENT_TYPES": "labels of page kinds, never written in a file",
    "TIMELINE_KINDS": "derived timeline entries; the written ones are EVENTS",
}


def code_text() -> str:
    parts = []
    for path in DOCUMENTS:
        text = path.read_text(encoding="utf-8")
        parts += re.findall(r"^(`{3,}|~{3,})[^\n]*\n(.*?)^\1", text, re.M | re.S)
        parts = [p[1] if isinstance(p, tuple) else p for p in parts]
        without_fences = re.sub(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1", "", text, flags=re.M | re.S)
        parts += re.findall(r"`([^`\n]+)`", without_fences)
    return "\n".join(parts)


CODE = code_text()


def documented(word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", CODE) is not None


def contract_keys() -> dict[str, tuple[str, ...]]:
    return {name: value for module in (schema, mol_schema) for name, value in vars(module).items()
            if name.endswith("_KEYS") and isinstance(value, tuple)}


def vocabularies() -> dict[str, object]:
    return {name: value for name, value in vars(vocab).items()
            if name.isupper() and isinstance(value, (dict, set, frozenset)) and name not in INTERNAL_VOCABULARIES}


def test_the_documents_exist_and_have_code():
    assert all(path.is_file() for path in DOCUMENTS)
    assert len(CODE) > 1000


@pytest.mark.parametrize("group", sorted(contract_keys()))
def test_every_contract_key_is_documented(group):
    missing = [key for key in contract_keys()[group] if not documented(key)]
    assert not missing, f"schema.{group}: undocumented keys {missing} (README.md or docs/ghid-redactare.md)"


@pytest.mark.parametrize("name", sorted(vocabularies()))
def test_every_vocabulary_value_is_documented(name):
    missing = [value for value in vocabularies()[name] if not documented(value)]
    assert not missing, f"vocab.{name}: undocumented values {sorted(missing)}"


def test_every_project_setting_is_documented():
    assert documented("TRANSPARENCY")
    assert set(settings.DOCUMENTED) == set(settings.DEFAULTS)
    missing = [key for key in settings.DEFAULTS if not documented(key)]
    assert not missing, f"TRANSPARENCY settings not in README.md: {missing}"


def test_the_check_catches_an_undocumented_word():
    assert documented("allow_cnp")
    assert not documented("cheie_inventata_nedocumentata")
    assert not documented("allow")  # a whole word only


@pytest.mark.parametrize("path, starts, ends", [
    (DOCUMENTS[0], "Page ids may not take", ")"),
    (DOCUMENTS[1], "O pagină simplă nu poate folosi un nume rezervat", "\n\n"),
], ids=["README", "staff guide"])
def test_the_reserved_page_names_listed_are_those_the_build_refuses(path, starts, ends):
    """The lists had no `dispozitii`, `documente`, `monitorul-oficial-local` nor `transparenta`,
    which the build refuses (vocab.RESERVED_PAGE_IDS, the one list)."""
    listed = path.read_text(encoding="utf-8").split(starts, 1)[1].split(ends, 1)[0]
    assert set(re.findall(r"`([^`\n]+)`", listed)) == set(vocab.RESERVED_PAGE_IDS)
