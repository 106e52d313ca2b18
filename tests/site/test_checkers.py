"""Each whole-site checker, fed a deliberately broken site, fails with a
message that names the file (and line) of the fault."""

import pytest

from support import browser, sitechecks

HEAD = ('<!doctype html><html lang="ro"><head><meta charset="utf-8"><title>T</title>\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\'; '
        'object-src \'none\'">\n</head>\n<body>\n')


def write(root, relative, text):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nu_errors_name_file_and_line(tmp_path):
    write(tmp_path, "bun/index.html", HEAD + "<main><p>Bun.</p></main>\n</body></html>\n")
    write(tmp_path, "rau/index.html",
          HEAD + "<main>\n<p>Rău</span>\n<li>fără listă</li>\n</main>\n</body></html>\n")
    errors = sitechecks.nu_errors(tmp_path)
    assert errors and all(e.startswith("rau/index.html:") for e in errors), errors
    assert any(e.startswith("rau/index.html:7:") for e in errors), errors


def test_broken_links_name_page_line_and_target(tmp_path):
    siteurl = "https://example.test/cj"
    write(tmp_path, "index.html", HEAD + '<main id="sus"><a href="/cj/a/">a</a> <a href="a/#sus">a</a>\n'
          '<a href="https://example.test/cj/a/index.html#jos">jos</a> <a href="https://alt.example/x">extern</a>\n'
          '<a href="mailto:x@example.test">mail</a> <a href="#sus">sus</a></main></body></html>\n')
    write(tmp_path, "a/index.html", HEAD + '<main id="sus"><a href="../lipsa/">lipsă</a>\n'
          '<img src="/cj/fisiere/anexa.pdf" alt="x"> <a href="/cj/#nicaieri">ancoră</a>\n'
          '<a href="/alt-site/">afară</a> <a href="#">nimic</a>\n'
          '<link rel="stylesheet" href="/cj/theme/css/lipsa.css"></main></body></html>\n')
    write(tmp_path, "feed.xml", '<feed>\n<link href="https://example.test/cj/a/"/>\n'
          '<link href="https://example.test/cj/sters/"/>\n</feed>\n')
    broken = sitechecks.broken_links(tmp_path, siteurl)
    assert any(b.startswith("index.html:6: <a> „https://example.test/cj/a/index.html#jos”") and "id=\"jos\"" in b
               for b in broken), broken
    expected = ["a/index.html:5: <a> „../lipsa/”", "a/index.html:6: <img> „/cj/fisiere/anexa.pdf”",
                "a/index.html:6: <a> „/cj/#nicaieri”", "a/index.html:7: <a> „/alt-site/”",
                "a/index.html:7: <a> „#”", "a/index.html:8: <link> „/cj/theme/css/lipsa.css”",
                "feed.xml:3: „https://example.test/cj/sters/”"]
    for start in expected:
        assert any(b.startswith(start) for b in broken), (start, broken)
    assert len(broken) == len(expected) + 1, broken


def test_unsafe_markup_names_every_spot(tmp_path):
    write(tmp_path, "bun/index.html", HEAD + '<script type="application/ld+json">{"@type": "Legislation"}</script>\n'
          '<script src="/theme/js/cautare.js"></script><a href="/x/">x</a></body></html>\n')
    write(tmp_path, "rau/index.html", HEAD + '<script>alert(1)</script>\n<img src="x.png" alt="" onerror="alert(1)">\n'
          '<a href=" JaVa\tScript:alert(1)">x</a>\n<iframe src="/x/"></iframe>\n'
          '<p style="color:red">x</p>\n<script type="application/ld+json">{nu e json</script>\n'
          '<script src="https://cdn.example/x.js"></script>\n</body></html>\n')
    write(tmp_path, "fara-csp/index.html", '<!doctype html><html><head><title>x</title></head><body></body></html>')
    problems = sitechecks.unsafe_markup(tmp_path)
    expected = ["rau/index.html:5: inline <script>", "rau/index.html:6: <img> has the event handler attribute onerror",
                "rau/index.html:7: <a href=", "rau/index.html:8: <iframe> element",
                "rau/index.html:9: <p> has an inline style", "rau/index.html:10: <script type=\"application/ld+json\">",
                "rau/index.html:11: <script src=\"https://cdn.example/x.js\">",
                "fara-csp/index.html: no Content-Security-Policy"]
    for start in expected:
        assert any(p.startswith(start) for p in problems), (start, problems)
    assert len(problems) == len(expected), problems


def test_loose_csp_is_named(tmp_path):
    write(tmp_path, "index.html", HEAD.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"))
    assert sitechecks.unsafe_markup(tmp_path) == ["index.html: the Content-Security-Policy allows "
                                                  "'unsafe-inline' scripts"]


def test_tree_differences_name_each_file(tmp_path):
    write(tmp_path, "a/index.html", "x\ny\n")
    write(tmp_path, "a/doar-a.xml", "x")
    write(tmp_path, "a/same.txt", "z")
    write(tmp_path, "b/index.html", "x\nY\n")
    write(tmp_path, "b/doar-b.ics", "x")
    write(tmp_path, "b/same.txt", "z")
    assert sitechecks.tree_differences(tmp_path / "a", tmp_path / "b") == [
        "doar-a.xml: only in the first build", "doar-b.ics: only in the second build",
        "index.html:2: differs: b'y\\n' vs b'Y\\n'"]


@pytest.mark.browser
def test_axe_and_the_browser_name_what_is_wrong(tmp_path):
    write(tmp_path, "theme/css/site.css", "body { color: #bbb; background: #fff; }\n")
    write(tmp_path, "rau/index.html", HEAD.replace("<title>T</title>", "<title>T</title>"
                                                   '<link rel="stylesheet" href="/theme/css/site.css">')
          + '<main><h1>Titlu</h1><p>Text palid.</p><img src="/lipsa.png">\n<input type="text">\n'
          '<script>document.title = "inline"</script></main></body></html>\n')
    with browser.chromium() as chromium, browser.served_site(tmp_path) as base:
        context = chromium.new_context(viewport=browser.PHONE)
        audited = browser.AuditedPage(context)
        audited.visit(base + "rau/")
        violations = audited.axe_violations()
        troubles = audited.troubles
        context.close()
    rules = {v.split(" ", 1)[0] for v in violations}
    assert {"image-alt", "label", "color-contrast"} <= rules, violations
    assert any("Content Security Policy" in t for t in troubles), troubles
    assert any(t.startswith("HTTP 404") and t.endswith("/lipsa.png") for t in troubles), troubles
