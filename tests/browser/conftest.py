"""Browser fixtures: Debian's Chromium driven by Playwright against the built site on localhost."""
import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import SITE_URL

from lifecare_site.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: F401  (the tests import them from here)
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


# The site is published under this path (site_url in mkdocs.yml); serve it there, as the web server will.
SITE_PATH = urlparse(SITE_URL).path


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path):
        if not path.startswith(SITE_PATH):
            return str(Path(self.directory) / "does-not-exist")
        return super().translate_path("/" + path[len(SITE_PATH):])

    def log_message(self, *args):
        pass


def serve(folder):
    """Serve `folder` under SITE_PATH on a free localhost port; returns (base URL, server)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}{SITE_PATH}", server


@pytest.fixture(scope="session")
def base_url(site):
    url, server = serve(site.site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watched:
    """A page with every request and every uncaught error it caused recorded."""

    def __init__(self, page):
        self.page, self.requests, self.errors, self.console_errors = page, [], [], []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))

    def foreign_requests(self, allowed_origin):
        own = urlparse(allowed_origin)
        return [url for url in self.requests
                if urlparse(url).scheme not in ("data", "blob", "about")
                and (urlparse(url).scheme, urlparse(url).netloc) != (own.scheme, own.netloc)]


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    yield context
    context.close()


@pytest.fixture
def watched(context):
    return Watched(context.new_page())


@pytest.fixture(scope="session")
def offline_pack(tmp_path_factory):
    """The offline pack, built by scripts/offline.py and unzipped; returns the folder with index.html."""
    import subprocess
    import sys
    import zipfile

    from tests.conftest import ROOT

    output = tmp_path_factory.mktemp("offline")
    result = subprocess.run([sys.executable, "-m", "scripts.offline", str(output)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    archive = next(output.glob("avbrottsrutin-lifecare-sp-*.zip"))
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(output / "unzipped")
    (folder,) = (output / "unzipped").iterdir()
    return folder


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    """A page on a 390 px phone, in Swedish and Stockholm time."""
    context = browser.new_context(viewport=PHONE, locale="sv-SE", timezone_id="Europe/Stockholm")
    yield context.new_page()
    context.close()

