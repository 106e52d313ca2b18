"""The project's namespaced settings: each says what it expected when given something else."""

import pytest

from transparency.adapters import settings


@pytest.mark.parametrize("value", ["https://git.example.ro/commit", "git.example.ro/commit/{commit}",
                                   "https://x/{commit}/{commit}", "https://x/{commit}/{sha}", 5, True])
def test_a_commit_address_must_be_http_with_the_commit_once(value):
    with pytest.raises(settings.SettingsError, match="history_commit_url") as raised:
        settings.resolve({"history_commit_url": value})
    assert "{commit}" in str(raised.value) and repr(value) in str(raised.value)


def test_a_commit_address_is_taken_as_given_and_none_by_default():
    assert settings.resolve({})["history_commit_url"] is None
    url = "https://github.com/consiliu/decizii/commit/{commit}"
    assert settings.resolve({"history_commit_url": url})["history_commit_url"] == url
