"""The preview server (`make serve`): a browser dropping a connection is not reported as an error
(CI once saw a traceback in the editor's test from one); any other failure still is."""

import http.server

import pytest

from transparency.adapters.staff import PreviewServer


@pytest.fixture
def server():
    with PreviewServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler) as made:
        yield made


@pytest.mark.parametrize("dropped", [BrokenPipeError, ConnectionResetError, ConnectionAbortedError])
def test_a_connection_the_browser_dropped_is_no_error(server, capsys, dropped):
    try:
        raise dropped()
    except ConnectionError:
        server.handle_error(None, ("127.0.0.1", 1))
    assert capsys.readouterr().err == ""


def test_any_other_failure_is_said_with_its_traceback(server, capsys):
    try:
        raise ValueError("stricat")
    except ValueError:
        server.handle_error(None, ("127.0.0.1", 1))
    said = capsys.readouterr().err
    assert "Traceback" in said and "ValueError: stricat" in said
