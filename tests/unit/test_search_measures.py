"""The relevance measures of bench/relevance.py, against examples computed by hand, and the
judged set's shape (tests/search/judged.yml)."""

import math

import pytest

from bench import relevance


GRADES = {"a": 3, "c": 2, "d": 1}
# Ideal order a, c, d: 7/log2(2) + 3/log2(3) + 1/log2(4) = 7 + 1.892789 + 0.5
IDEAL = 9.392789


def test_ndcg_by_hand():
    # a at rank 1 (7/1), b not judged, c at rank 3 (3/log2(4) = 1.5): 8.5 / 9.392789
    assert relevance.ndcg(["a", "b", "c"], GRADES) == pytest.approx(8.5 / IDEAL, abs=1e-6)
    assert relevance.ndcg(["a", "c", "d"], GRADES) == pytest.approx(1.0)
    assert relevance.ndcg(["d", "c", "a"], GRADES) == pytest.approx((1 + 3 / math.log2(3) + 7 / 2) / IDEAL)
    assert relevance.ndcg([], GRADES) == 0.0
    assert relevance.ndcg(["x", "y"], GRADES) == 0.0


def test_ndcg_counts_only_the_first_k():
    ranked = [f"x{i}" for i in range(10)] + ["a"]
    assert relevance.ndcg(ranked, GRADES) == 0.0
    assert relevance.ndcg(ranked, GRADES, k=11) == pytest.approx((7 / math.log2(12)) / IDEAL)


def test_ndcg_ideal_is_cut_at_k_too():
    grades = {f"d{i}": 1 for i in range(12)}  # twelve relevant, ten slots: ten of them is perfect
    assert relevance.ndcg([f"d{i}" for i in range(10)], grades) == pytest.approx(1.0)


def test_recall_by_hand():
    assert relevance.recall(["a", "b", "c"], GRADES) == pytest.approx(2 / 3)
    assert relevance.recall(["b"], GRADES) == 0.0
    twelve = {f"d{i}": 1 for i in range(12)}
    assert relevance.recall([f"d{i}" for i in range(10)], twelve) == 1.0  # min(10, 12) relevant possible
    assert relevance.recall([f"d{i}" for i in range(5)], twelve) == 0.5
    assert relevance.recall(["a"] + [f"x{i}" for i in range(9)] + ["c"], GRADES) == pytest.approx(1 / 3)


def test_reciprocal_rank_by_hand():
    assert relevance.reciprocal_rank(["a"], GRADES) == 1.0
    assert relevance.reciprocal_rank(["x", "y", "d"], GRADES) == pytest.approx(1 / 3)
    assert relevance.reciprocal_rank([f"x{i}" for i in range(10)] + ["a"], GRADES) == 0.0


def test_scores_average_and_name_the_misses():
    judged = [relevance.Judged("q1", "topic", {"a": 3}), relevance.Judged("q2", "topic", {"b": 1})]
    found = relevance.scores(judged, {"q1": ["x", "a"], "q2": ["y"]})
    assert found["queries"]["q1"] == pytest.approx({"ndcg": 7 / math.log2(3) / 7, "recall": 1.0, "mrr": 0.5})
    assert found["mean"] == pytest.approx({"ndcg": (1 / math.log2(3)) / 2, "recall": 0.5, "mrr": 0.25})
    assert found["missed"] == ["q2"]


def test_the_judged_set_is_large_and_varied():
    judged = relevance.load()
    assert len(judged) >= 80
    kinds = {j.kind for j in judged}
    assert {"citation", "no-diacritics", "inflection", "synonym", "name", "place", "misspelling"} <= kinds
    assert all(j.grades and max(j.grades.values()) >= 1 for j in judged)
    assert any(j.query == "hcj 45 2025" for j in judged) and any(j.query == "45/2025" for j in judged)


def test_a_malformed_judgement_is_named(tmp_path):
    path = tmp_path / "judged.yml"
    path.write_text("- {q: buget, kind: topic, judged: {/hotarari/2025/45/: 4}}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="entry 1 \\('buget'\\)"):
        relevance.load(path)
