"""While serving, a data error shows in the browser, and the site comes back when the file is fixed."""
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.htmltext import read


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url, text, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        html = _get(url)
        if html and text in html:
            return html
        time.sleep(0.5)
    raise AssertionError(f"{text!r} never appeared at {url}; last page: {html!r}"[:2000])


def _serve(project):
    """`mkdocs serve` of a project copy on a free port; returns (process, base URL)."""
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return server, f"http://127.0.0.1:{port}/"


@pytest.mark.parametrize("path,old,new,words", [
    # A wrong number in a data file.
    ("data/contacts.yml", "phone: 060-16 31 00", "phone: 060-16 31 0O", ['data/contacts.yml, rad', 'post "timra"', 'bokstaven "O"']),
    # A macro called without its argument in a page.
    ("docs/kommun.md", "{{ checklist(\"kommun\") }}", "{{ checklist(\"kommun\") }}\n\n{{ phone() }}",
     ["docs/kommun.md, rad", "makrot phone() anropas med fel argument"]),
])
def test_an_error_shows_on_the_page_and_goes_when_fixed(project, path, old, new, words):
    edited = project / path
    good = edited.read_text(encoding="utf-8")
    assert old in good
    edited.write_text(good.replace(old, new, 1), encoding="utf-8")
    server, base = _serve(project)
    try:
        url = base + "kommun/"
        text = read(_wait_for(url, "Fel i data"))[0]
        for word in words:
            assert word in text, word
        edited.write_text(good, encoding="utf-8")
        html = _wait_for(url, "Kommunal vård och omsorg</h1>")
        assert "Fel i data" not in html
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "Traceback" not in output, output
