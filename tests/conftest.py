import os

import pytest
from hypothesis import settings

# CI replays the same examples on every run (a failure there is reproducible, never a fluke of the
# draw); a developer's run explores new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

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


# Whole-site checks (tests/site/) run on every council below: the shipped
# sample and one written from the contract alone, served under a sub-path.
UNSEEN_SITEURL = "https://primaria.example.test/transparenta"
WHOLE_SITES = ("sample", "unseen")


@pytest.fixture(scope="session")
def unseen_site(tmp_path_factory):
    """tests/fixtures/unseen built strictly under a sub-path, as a sitechecks.BuiltSite."""
    from support.sitechecks import BuiltSite

    output = tmp_path_factory.mktemp("unseen") / "www" / "transparenta"
    content = trees.FIXTURES / "unseen"
    result = trees.build(content, output, epoch=trees.EPOCH_2026_11_25, siteurl=UNSEEN_SITEURL, strict=True)
    assert result.returncode == 0, result.stderr
    return BuiltSite("unseen", content, output, UNSEEN_SITEURL, trees.EPOCH_2026_11_25)


@pytest.fixture(scope="session", params=WHOLE_SITES)
def whole_site(request):
    """Each council of WHOLE_SITES, built once (2026-11-25, Bucharest), as a sitechecks.BuiltSite."""
    from support.sitechecks import BuiltSite

    if request.param == "sample":
        return BuiltSite("sample", trees.ROOT / "content", request.getfixturevalue("sample_site"),
                         "https://example.test", trees.EPOCH_2026_11_25)
    return request.getfixturevalue("unseen_site")
