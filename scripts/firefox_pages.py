"""Print the pages people print from Firefox too, and compare the page counts with Chromium's (make firefox).

Usage: python -m scripts.firefox_pages

Needs Debian's firefox-esr and npm; puppeteer-core (pinned below) is installed into .firefox-check/ the
first time. Firefox prints no @page margin boxes, so there the document control stands at the end of the
page instead of in a running header (docs/assets/stylesheets/lc.css); the count must still be the same.
Not part of make test: installing Firefox would make CI slower than the check is worth on every run.
"""
import functools
import http.server
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from lifecare_site.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

FIREFOX = "/usr/bin/firefox-esr"
PUPPETEER = "puppeteer-core@24.43.1"
TOOLS = ROOT / ".firefox-check"
# The pages a unit prints: each role's checklist, the phone directory, every blankett.
PAGES = ["slutenvard/", "kommun/", "primarvard/", "telefonnummer/", "checklistor/",
         "blanketter/slutenvard/", "blanketter/kommun/", "blanketter/primarvard/", "blanketter/sip/",
         "blanketter/kuvertetikett/"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _fail(message):
    print(f"Fel: {message}", file=sys.stderr)
    sys.exit(1)


def _pages(pdf_bytes):
    from pypdf import PdfReader
    return len(PdfReader(io.BytesIO(pdf_bytes)).pages)


def main():
    if not Path(FIREFOX).exists():
        _fail(f"Firefox saknas ({FIREFOX}). Installera det med: apt-get install firefox-esr")
    if not shutil.which("npm"):
        _fail("npm saknas. Installera det med: apt-get install npm")
    if not (TOOLS / "node_modules" / "puppeteer-core").is_dir():
        result = subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", PUPPETEER],
                                capture_output=True, text=True)
        if result.returncode != 0:
            _fail(f"kunde inte installera {PUPPETEER} med npm:\n{result.stderr[-2000:]}")
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
                               cwd=ROOT, env=env, capture_output=True, text=True)
        if built.returncode != 0:
            _fail("bygget misslyckades:\n" + built.stdout + built.stderr)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        try:
            output = Path(folder) / "firefox"
            script = TOOLS / "firefox-print.mjs"
            shutil.copy(ROOT / "scripts" / "firefox-print.mjs", script)  # beside its node_modules
            printed = subprocess.run(["node", str(script), str(output)] + [base + page for page in PAGES],
                                     capture_output=True, text=True, timeout=300)
            if printed.returncode != 0:
                _fail("Firefox kunde inte skriva ut sidorna:\n" + printed.stderr[-2000:])
            firefox = [_pages((output / f"{i}.pdf").read_bytes()) for i in range(len(PAGES))]
            from playwright.sync_api import sync_playwright
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                chromium = []
                for path in PAGES:
                    page.goto(base + path)
                    chromium.append(_pages(page.pdf(format="A4", print_background=True)))
                browser.close()
        finally:
            server.shutdown()
    differ = False
    print(f"{'sida':32} Chromium  Firefox")
    for path, ours, theirs in zip(PAGES, chromium, firefox):
        mark = "" if ours == theirs else "  ← skiljer sig"
        differ |= ours != theirs
        print(f"{path:32} {ours:>8}  {theirs:>7}{mark}")
    if differ:
        _fail("Firefox skriver ut några sidor på fler eller färre A4-sidor än Chromium.")
    print("Klart: Firefox skriver ut varje sida på lika många A4-sidor som Chromium.")


if __name__ == "__main__":
    main()
