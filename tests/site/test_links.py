"""No broken internal link or anchor anywhere in the built site: every href,
src, form action and refresh target inside the site resolves to a file the
build wrote (attachments included), and every #fragment to an id there."""

from urllib.parse import unquote, urlsplit

from support import sitechecks


def test_no_broken_internal_link_or_anchor(whole_site):
    broken = sitechecks.broken_links(whole_site.output, whole_site.siteurl)
    assert not broken, f"{len(broken)} broken links in {whole_site.name}:\n" + "\n".join(broken)


def test_every_attachment_is_linked_from_a_page(whole_site):
    files = {sitechecks.relative(whole_site.output, p) for p in (whole_site.output / "fisiere").rglob("*")
             if p.is_file()}
    assert files, "the council has attachments; none was published"
    linked = {unquote(urlsplit(a["href"]).path).removeprefix(whole_site.root_path)
              for page in sitechecks.html_pages(whole_site.output)
              for a in sitechecks.parse(page).find_all("a", href=True)}
    assert not files - linked, sorted(files - linked)
