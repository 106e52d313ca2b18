"""An SVG attachment is published only when TRANSPARENCY["download_only_types"] allows it, and then
only as a download: a `Content-Disposition: attachment` rule in `_headers` and a `download` link.
(Refused by default: the attack tests/fixtures/attacks/svg-script.)"""

import os
import subprocess
import sys

from bs4 import BeautifulSoup

from support import trees
from support.headers_file import rules
from transparency.publish import hosting

def test_an_allowed_svg_is_published_as_a_download(tmp_path):
    content, conf = trees.download_only_svg_council(tmp_path)
    output = tmp_path / "output"
    result = trees.build(content, output, settings=str(conf), cache=tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    svg = "fisiere/hotarari/2025/anexe/harta.svg"
    assert (output / svg).read_bytes() == (content / "hotarari/2025/anexe/harta.svg").read_bytes()
    assert rules((output / "_headers").read_bytes()) == {"/*": dict(hosting.HEADERS),
                                                         f"/{svg}": {"Content-Disposition": "attachment"}}
    page = BeautifulSoup((output / "proiecte/proiect-harta/index.html").read_text(encoding="utf-8"), "html.parser")
    [link] = page.find_all("a", href=f"/{svg}")
    assert link.has_attr("download")
    pdf = page.find("a", href="/fisiere/hotarari/2025/anexe/buget-anexa-1.pdf")
    assert pdf is None or not pdf.has_attr("download")


def test_make_check_reads_the_same_setting(tmp_path):
    content, conf = trees.download_only_svg_council(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": trees.EPOCH_2025_11_25, "PYTHONPATH": str(trees.ROOT / "plugins")}

    def check(*settings: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "transparency", "check", str(content), "--cache",
                               str(tmp_path / "cache"), *settings], cwd=trees.ROOT, env=env, capture_output=True,
                              text=True, timeout=600)

    allowed, refused = check("--settings", str(conf)), check()
    assert allowed.returncode == 0, allowed.stderr
    assert refused.returncode == 1 and "harta.svg" in refused.stderr, refused.stderr
