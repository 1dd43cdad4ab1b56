"""While serving, a data error shows in the browser, and the site comes back when the file is fixed."""
import contextlib
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


def _wait_for(url, text, seconds=60, without=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        html = _get(url)
        if html and text in html and (without is None or without not in html):
            return html
        time.sleep(0.5)
    raise AssertionError(f"{text!r} never appeared at {url}; last page: {html!r}"[:2000])


def _serve(project):
    """`mkdocs serve` of a project copy on a free port; returns (process, base URL)."""
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    # As make serve runs it.
    server = subprocess.Popen([sys.executable, "-m", "lifecare_site.serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return server, f"http://127.0.0.1:{port}/"


@contextlib.contextmanager
def _served(project, absent=("Traceback",)):
    """The server of `_serve` for the length of a with block; afterwards its output must hold none of `absent`."""
    server, base = _serve(project)
    try:
        yield base
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert not [text for text in absent if text in output], output


@pytest.mark.parametrize("path,old,new,words", [
    # A wrong number in a data file.
    ("data/contacts.yml", "phone: 060-16 31 00", "phone: 060-16 31 0O", ['data/contacts.yml, rad', 'post "timra"', 'bokstaven "O"']),
    # A macro called without its argument in a page.
    ("docs/kommun.md", "{{ checklist(\"kommun\") }}", "{{ checklist(\"kommun\") }}\n\n{{ phone() }}",
     ["docs/kommun.md, rad", "makrot phone() anropas med fel argument"]),
    # A number put together by a macro expression, seen only once the page is rendered.
    ("docs/kommun.md", "{{ checklist(\"kommun\") }}", "{{ checklist(\"kommun\") }}\n\nRing {{ \"0611\" ~ \"-800 01\" }}.",
     ['docs/kommun.md: sidan visar telefonnumret "0611-800 01"']),
    # A typo in a fragment: a macro fails while the page renders (the server once stopped for good).
    ("lifecare_site/fragments/phone.html", "entry.phone_display", "entry.phone_dispaly",
     ["kunde inte byggas: ett fel i mallen lifecare_site/fragments/phone.html"]),
    # Page settings that are never closed.
    ("docs/kommun.md", "# {{ role_title", "---\ntitle: Kommun\n\n# {{ role_title", ["docs/kommun.md, rad 1: sidinställningarna"]),
])
def test_an_error_shows_on_the_page_and_goes_when_fixed(project, path, old, new, words):
    edited = project / path
    good = edited.read_text(encoding="utf-8")
    assert old in good
    edited.write_text(good.replace(old, new, 1), encoding="utf-8")
    with _served(project) as base:
        url = base + "kommun/"
        text = read(_wait_for(url, "Fel i data"))[0]
        for word in words:
            assert word in text, word
        edited.write_text(good, encoding="utf-8")
        _wait_for(url, "Kommunal vård och omsorg</h1>", without="Fel i data")


@pytest.mark.parametrize("old,new,words", [
    ("\nnav:\n", "\nnav:\n  - [trasig\n", ["mkdocs.yml, rad", "filen går inte att läsa"]),
    ("site_name: Avbrottsrutin Lifecare SP\n", "site_name: Avbrottsrutin Lifecare SP\nuse_directory_urls: kanske\n",
     ["mkdocs.yml: en inställning är fel", "use_directory_urls"]),
    # The macros plugin dropped by a second "plugins:": pages would show their calls as text.
    ("\nnav:\n", "\nplugins:\n  - search\n\nnav:\n", ["mkdocs.yml, rad", '"plugins" står två gånger']),
    # The two settings files inheriting each other: MkDocs would end in Python's RecursionError.
    ("site_name: Avbrottsrutin", "INHERIT: mkdocs.offline.yml\nsite_name: Avbrottsrutin", ["oändlig ring", "INHERIT"]),
], ids=["broken-yaml", "bad-setting", "second-plugins", "inherit-loop"])
def test_a_broken_mkdocs_yml_while_serving_shows_an_error_page_and_never_hangs(project, old, new, words):
    config = project / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    assert old in good
    with _served(project, absent=("Traceback", "An error happened during the rebuild")) as base:
        url = base + "kommun/"
        _wait_for(url, "Kommunal vård och omsorg</h1>")
        config.write_text(good.replace(old, new, 1), encoding="utf-8")
        html = _wait_for(url, "Fel: webbplatsen kan inte byggas")
        for word in words:
            assert word in read(html)[0], word
        # Every other address answers too, at once, with the same page.
        assert "Fel: webbplatsen kan inte byggas" in (_get(base + "blanketter/kommun/") or "")
        config.write_text(good, encoding="utf-8")
        _wait_for(url, "Kommunal vård och omsorg</h1>")


def test_a_number_typed_into_a_template_while_serving_shows_the_error_page_not_the_number(project):
    template = project / "overrides" / "partials" / "copyright.html"
    good = template.read_text(encoding="utf-8")
    with _served(project) as base:
        url = base + "kommun/"
        _wait_for(url, "Kommunal vård och omsorg</h1>")
        template.write_text(good + "<p>Jour: 060-12 34 56</p>\n", encoding="utf-8")
        text = read(_wait_for(url, "Fel: webbplatsen kan inte byggas"))[0]
        assert 'den publicerade sidan visar telefonnumret "060-12 34 56"' in text, text
        assert "Jour: 060-12 34 56" not in text
        template.write_text(good, encoding="utf-8")
        _wait_for(url, "Kommunal vård och omsorg</h1>", without="Fel: webbplatsen")


def test_a_mkdocs_yml_broken_before_the_server_starts_shows_the_error_page_until_it_is_fixed(project):
    # MkDocs cannot start its server without a readable mkdocs.yml: a stand-in on the same address shows the error.
    config = project / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "  x: [\n", encoding="utf-8")
    with _served(project) as base:
        text = read(_wait_for(base + "kommun/", "Fel: webbplatsen kan inte byggas", seconds=30))[0]
        assert "mkdocs.yml, rad " in text and "filen går inte att läsa" in text, text
        config.write_text(good, encoding="utf-8")
        _wait_for(base + "kommun/", "Kommunal vård och omsorg</h1>")


def test_a_docs_folder_removed_and_put_back_is_watched_again(project):
    import shutil
    with _served(project) as base:
        url = base + "kommun/"
        _wait_for(url, "Kommunal vård och omsorg</h1>")
        shutil.move(project / "docs", project / "docs-undan")
        # While docs/ is gone the server says so rather than showing the old site.
        _wait_for(url, "Fel: webbplatsen kan inte byggas")
        shutil.move(project / "docs-undan", project / "docs")
        _wait_for(url, "Kommunal vård och omsorg</h1>", without="Fel: webbplatsen")
        page = project / "docs" / "kommun.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nTESTRAD efter återställningen.\n", encoding="utf-8")
        _wait_for(url, "TESTRAD efter återställningen.")


def test_a_link_to_a_folder_above_docs_shows_its_error_and_the_server_keeps_answering(project):
    # The watcher would walk docs/upp/docs/upp/… for ever: no rebuild, no answer, memory growing.
    with _served(project) as base:
        url = base + "kommun/"
        _wait_for(url, "Kommunal vård och omsorg</h1>")
        (project / "docs" / "upp").symlink_to("..")
        _wait_for(url, "docs/upp: är en länk till en mapp", seconds=30)
        (project / "docs" / "upp").unlink()
        page = project / "docs" / "kommun.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nTESTRAD efter länken.\n", encoding="utf-8")
        _wait_for(url, "TESTRAD efter länken.", seconds=30)


def test_the_unchanged_site_serves_every_page_without_an_error(project):
    # The scan's quoted numbers on "Om rutinen" once showed as an error under make serve only.
    with _served(project, absent=("ERROR", "Traceback")) as base:
        for path in ("om-rutinen/", "kommun/", "telefonnummer/", "rutinen/"):
            html = _wait_for(base + path, "</html>")
            assert "Fel i data" not in html and "Fel: webbplatsen" not in html, path


def test_the_watcher_does_not_walk_into_a_linked_folder(project):
    # The server's own watcher, as make serve sets it up: it sees docs/upp, and nothing under it.
    import watchdog.utils.dirsnapshot as dirsnapshot

    from lifecare_site import serve
    (project / "docs" / "upp").symlink_to("..")
    server = serve._Server(lambda: None, host="127.0.0.1", port=0, root=str(project / "site"))
    try:
        emitter_class = server.observer._emitter_class
        walked = dirsnapshot.DirectorySnapshot(str(project / "docs"), stat=emitter_class.keywords["stat"],
                                               listdir=emitter_class.keywords["listdir"]).paths
    finally:
        server.server_close()
    assert str(project / "docs" / "upp") in walked
    assert not [path for path in walked if "/upp/" in path], sorted(walked)[:5]
