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
