import pytest

from support import trees


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory):
    """The minimal fixture council, built once with a fixed build day."""
    base = tmp_path_factory.mktemp("minimal")
    output = base / "output"
    result = trees.build(trees.FIXTURES / "minimal", output)
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The shipped sample council (content/), built once on 2026-11-25 (Bucharest)."""
    output = tmp_path_factory.mktemp("sample") / "output"
    result = trees.build(trees.ROOT / "content", output, epoch=trees.EPOCH_2026_11_25)
    assert result.returncode == 0, result.stderr
    return output
