"""What `verify` says when a read fails: why, in Romanian, never taken for a failed build."""

from transparency.publish import site_copy, verify


def test_why_a_read_failed_is_said_in_romanian_with_the_systems_name_in_parentheses():
    import errno
    import http.client
    import socket
    import urllib.error

    said = site_copy.why_unreadable
    assert said(urllib.error.URLError(ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"))) == (
        "niciun server nu răspunde la această adresă, conexiunea a fost refuzată (ECONNREFUSED)")
    assert said(FileNotFoundError(errno.ENOENT, "No such file or directory", "/tmp/x.pem")) == \
        "fișierul nu există (ENOENT)"
    assert said(PermissionError(errno.EACCES, "Permission denied")) == "lipsește dreptul de citire (EACCES)"
    assert said(urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))) == \
        "numele serverului nu a fost găsit (DNS)"
    assert said(TimeoutError("timed out")) == f"serverul nu a răspuns în {site_copy.TIMEOUT} s"
    assert said(http.client.RemoteDisconnected("Remote end closed connection without response")) == \
        "serverul a închis conexiunea fără să răspundă"
    assert said(OSError(errno.EIO, "Input/output error")) == "eroare la citire (EIO)"


def test_a_read_the_system_fails_during_verify_is_said_not_taken_for_a_failed_build(monkeypatch, capsys):
    import errno

    from transparency.adapters import cli

    def failing(*args):
        raise OSError(errno.EIO, "Input/output error", "/copie/index.html")

    monkeypatch.setattr(verify, "verify", failing)
    assert cli.verify("/copie") == 2
    assert capsys.readouterr().err == ("Verificarea a fost oprită: /copie/index.html nu poate fi citit: eroare la "
                                       "citire (EIO)\n")
