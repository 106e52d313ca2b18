"""Romanian grammar of sentences that templates put together from several values, rendered from the
theme's own templates by Jinja and read back with an HTML parser."""

from pathlib import Path

from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

THEME = Path(__file__).resolve().parents[2] / "theme" / "templates"


def rendered_text(template: str, macro: str, *args) -> BeautifulSoup:
    env = Environment(loader=FileSystemLoader(THEME), autoescape=True)
    html = str(getattr(env.get_template(template).module, macro)(*args))
    return BeautifulSoup(html, "html.parser")


def acts(*citations):
    return [{"url": f"/hotarari/{c.split('/')[1]}/{c.split('/')[0]}/", "citation": c} for c in citations]


def test_one_act_in_force_is_named_in_the_genitive():
    soup = rendered_text("partials/in_force_after.html", "in_force_after", acts("138/2026"))
    assert " ".join(soup.get_text().split()) == "după intrarea în vigoare a Hotărârii nr. 138/2026"
    assert soup.a["href"] == "/hotarari/2026/138/" and soup.a.get_text() == "Hotărârii nr. 138/2026"


def test_several_acts_in_force_are_named_in_the_genitive_plural():
    soup = rendered_text("partials/in_force_after.html", "in_force_after", acts("1/2026", "2/2026", "3/2026"))
    assert " ".join(soup.get_text().split()) == \
        "după intrarea în vigoare a hotărârilor nr. 1/2026, nr. 2/2026 și nr. 3/2026"
    assert [a["href"] for a in soup.select("a")] == ["/hotarari/2026/1/", "/hotarari/2026/2/", "/hotarari/2026/3/"]
