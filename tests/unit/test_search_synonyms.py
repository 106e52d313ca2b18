"""content/data/synonyms.yml: read and checked like council.yml (each mistake with its line),
used by the search as extra query clauses (search_index.synonym_terms)."""

from support import trees
from transparency.domain.problems import Problems
from transparency.search import search_index, search_query
from transparency.source import synonyms


def read(tmp_path, text):
    root = trees.copy_fixture("minimal", tmp_path / "content")
    trees.write(root, "data/synonyms.yml", text)
    problems = Problems()
    return synonyms.read(root, problems), problems.items


def test_a_valid_file_gives_each_word_its_alternatives(tmp_path):
    found, problems = read(tmp_path, "# comentariu\ngunoi: [deșeuri, salubrizare]\nprimar: primărie\n")
    assert problems == [] and found == {"gunoi": ("deșeuri", "salubrizare"), "primar": ("primărie",)}


def test_no_file_no_synonyms_and_no_problem(tmp_path):
    root = trees.copy_fixture("minimal", tmp_path / "content")
    problems = Problems()
    assert synonyms.read(root, problems) == {} and problems.items == []


def test_each_mistake_is_named_with_its_line_and_nothing_is_used(tmp_path):
    found, problems = read(tmp_path, "gunoi: [deșeuri]\ntwo words: [x]\nempty: []\nnumber: [12]\nbad: [\"\"]\n")
    assert found == {}
    assert [(p.line, p.field) for p in problems] == [(2, "synonyms.yml"), (3, "synonyms.yml"), (4, "synonyms.yml"),
                                                     (5, "synonyms.yml")]
    assert "un singur cuvânt" in problems[0].message


def test_broken_yaml_and_a_list_are_reported(tmp_path):
    _, problems = read(tmp_path, "gunoi: [deșeuri\n")
    assert len(problems) == 1 and problems[0].field == "synonyms.yml" and problems[0].line >= 1
    _, problems = read(tmp_path / "second", "- gunoi\n- deșeuri\n")
    assert len(problems) == 1 and "listă de cuvinte" in problems[0].message


def test_the_check_reads_the_file_and_does_not_call_it_an_orphan(tmp_path):
    checked = trees.check_with(tmp_path, {"data/synonyms.yml": "gunoi: [deșeuri]\nx y: [z]\n"})
    messages = [(p.path.split("content/", 1)[-1], p.line, p.field) for p in checked.problems.items]
    assert ("data/synonyms.yml", 2, "synonyms.yml") in messages
    assert not [m for m in messages if m[0] == "data/synonyms.yml" and m[2] == "fișier"]


def test_the_sample_councils_synonyms_are_valid(tmp_path):
    problems = Problems()
    found = synonyms.read(trees.ROOT / "content", problems)
    assert problems.items == [] and found["gunoi"] == ("deșeuri", "salubrizare")


def test_synonyms_become_index_terms_and_query_clauses():
    terms = search_index.synonym_terms({"gunoi": ("deșeuri", "salubrizare"), "și": ("x",),
                                        "inundații": ("ploi torențiale",)})
    assert terms == {"guno": ["dese", "salubriz"], "inund": ["plo", "torential"]}
    planned = search_query.clauses(["guno"], terms)
    assert [(c.term, c.prefix, c.boost) for c in planned] == [
        ("guno", False, 1), ("guno", True, search_query.PREFIX_BOOST), ("dese", False, search_query.SYNONYM_BOOST),
        ("salubriz", False, search_query.SYNONYM_BOOST)]
    assert all(c.covers == (0,) for c in planned)


def test_a_cnp_among_the_synonyms_is_an_error_they_are_published(tmp_path):
    _, problems = read(tmp_path, 'gunoi: ["deșeuri", "1840719123452"]\n')
    assert [(p.field, p.line, p.severity) for p in problems] == [("CNP", 1, "error")]
