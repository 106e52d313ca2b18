"""Pages: unchanged inputs are not rendered again."""

from transparency.publish import pages
from transparency.build.outputs import OutputFolder
from transparency.publish.routes import Route


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
    output = OutputFolder(tmp_path)
    first = pages.render(routes(("a/", {"x": 1}), ("b/", {"x": 2})), context_of, common, get, output, b"s", {}, 1)
    assert log == [1, 2]
    pages_now = routes(("a/", {"x": 1}), ("b/", {"x": 3}))
    second = pages.render(pages_now, context_of, common, get, output, b"s", first, 1)
    assert log == [1, 2, 3] and (tmp_path / "b/index.html").read_text() == "<p>3S</p>"
    (tmp_path / "a/index.html").write_text("changed by hand")
    third = pages.render(pages_now, context_of, common, get, output, b"s", second, 1)
    assert log == [1, 2, 3, 1] and (tmp_path / "a/index.html").read_text() == "<p>1S</p>"
    # shared context or templates changed
    pages.render(pages_now, context_of, {"site": "T"}, get, output, b"s", third, 1)
    assert log == [1, 2, 3, 1, 1, 3] and (tmp_path / "a/index.html").read_text() == "<p>1T</p>"

