"""Pages: unchanged inputs are not rendered again; stale files are removed."""

from transparency import pages
from transparency.routes import Route


def routes(*specs):
    return [Route(path, "t.html", path, lambda context=context: context) for path, context in specs]


def context_of(route):
    return route.context


class Template:
    def __init__(self, log):
        self.log = log

    def render(self, context):
        self.log.append(context["x"])
        return f"<p>{context['x']}{context['site']}</p>"


def test_only_changed_pages_are_rendered_again(tmp_path):
    log = []
    get = lambda name: Template(log)  # noqa: E731
    common = {"site": "S"}
    first = pages.render(routes(("a/", {"x": 1}), ("b/", {"x": 2})), context_of, common, get, tmp_path, b"s", {}, 1)
    assert log == [1, 2]
    pages_now = routes(("a/", {"x": 1}), ("b/", {"x": 3}))
    second = pages.render(pages_now, context_of, common, get, tmp_path, b"s", first, 1)
    assert log == [1, 2, 3] and (tmp_path / "b/index.html").read_text() == "<p>3S</p>"
    (tmp_path / "a/index.html").write_text("changed by hand")
    third = pages.render(pages_now, context_of, common, get, tmp_path, b"s", second, 1)
    assert log == [1, 2, 3, 1] and (tmp_path / "a/index.html").read_text() == "<p>1S</p>"
    # shared context or templates changed
    pages.render(pages_now, context_of, {"site": "T"}, get, tmp_path, b"s", third, 1)
    assert log == [1, 2, 3, 1, 1, 3] and (tmp_path / "a/index.html").read_text() == "<p>1T</p>"


def test_stale_files_and_their_empty_folders_are_removed(tmp_path):
    for name in ("a/b/index.html", "a/c.html", "keep.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    removed = pages.remove_stale(tmp_path, {"a/b/index.html", "keep.html", "gone.html"}, {"keep.html"})
    assert removed == ["a/b/index.html"]
    assert not (tmp_path / "a/b").exists() and (tmp_path / "a/c.html").exists()
