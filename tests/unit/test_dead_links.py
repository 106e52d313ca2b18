"""Which links of a body lead into the site (publish/links.py), and the address a dead one obviously meant."""

import pytest

from transparency.publish.links import Meant, site_path

ADDRESSES = {"", "hotarari/2025/5/", "hotarari/2025/5/index.html", "teme/sanatate-publica/", "teme/buget/",
             "fisiere/hotarari/2025/anexe/buget-anexa-1.pdf", "proiecte/proiect-parcari/"}


@pytest.mark.parametrize("written, path", [
    ("/hotarari/2025/5/", None), ("/transparenta/hotarari/2025/5/?x=1#art-2", "hotarari/2025/5/"),
    ("/transparenta", ""), ("/transparentax/", None), ("https://EXEMPLU.test/transparenta/teme/s%C4%83n/", "teme/săn/"),
    ("http://exemplu.test/transparenta/despre/", "despre/"), ("https://alt.test/transparenta/x/", None),
])
def test_a_path_below_the_sites_folder_or_its_address_is_the_sites(written, path):
    assert site_path(written, "exemplu.test", "/transparenta/") == path


@pytest.mark.parametrize("path, meant", [
    ("Hotarari/2025/5/index.html", "hotarari/2025/5/"), ("teme/sănătate-publică/", "teme/sanatate-publica/"),
    ("hotarari/5/2025/", "hotarari/2025/5/"), ("proiecte/proiect-parcar/", "proiecte/proiect-parcari/"),
    ("hotarari/2025/999/", None), ("hotarari/2025/55/", None), ("teme/x/", None),
])
def test_the_address_meant_is_only_an_obvious_one(path, meant):
    assert Meant(ADDRESSES).address(path) == meant
