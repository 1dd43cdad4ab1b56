"""Make the routine's PDFs (make pdf): the whole routine, the nödpärm, the checklists and every blankett.

Usage: python -m scripts.pdf   Writes docs/pdf/, which the next make build publishes and links.

The site is built as it will be published (SITE_URL included) and each page is printed by Chromium
to a tagged PDF (document language, title, headings and tables as structure, fonts embedded, text
as text), with the page size and the running header and footer from the site's print styles.
"""
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from lifecare_site import model, pdfs, pdfua  # noqa: E402
from lifecare_site.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from lifecare_site.errors import DataError  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _page_url(source: str) -> str:
    path = source[: -len(".md")]
    return "" if path == "index" else path + "/"


def make(root: Path = ROOT):
    data = model.load_all(root / "data", root / "docs")
    site_url = (os.environ.get("SITE_URL") or "").rstrip("/")
    documents = pdfs.documents(data.document["version"], list(data.form_index))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        built = subprocess.run([sys.executable, "-m", "lifecare_site.build", "--strict", "--quiet", "--site-dir", str(tmp / "site")],
                               cwd=root, env=env)
        if built.returncode != 0:
            sys.exit("FEL: bygget av webbplatsen misslyckades (se meddelandet ovan). Inga PDF-filer skapades.")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp / "site")))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        made = tmp / "pdf"
        made.mkdir()
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                for document in documents:
                    page.goto(f"http://127.0.0.1:{server.server_port}/{_page_url(document.page)}")
                    page.wait_for_load_state("networkidle")
                    # A PDF is printed later, on another day: leave the printing date to be filled in by hand.
                    # (Through the CSSOM, as the page's own script does: the page's policy refuses a rewritten <style>.)
                    page.evaluate("""() => {
                      document.documentElement.setAttribute("data-lc-undated", "");
                      document.querySelectorAll("[data-lc-print-date]").forEach(n => { n.textContent = "______________"; });
                      document.querySelectorAll("style[data-lc-print-footer]").forEach(s => {
                        s.sheet.insertRule('@page{@bottom-right{content:"Utskriven: ____________";font:7pt sans-serif}}',
                                           s.sheet.cssRules.length); });
                    }""")
                    page.pdf(path=str(made / document.file), format="A4", print_background=True,
                             tagged=True, outline=True, prefer_css_page_size=True)
                    # What Chromium leaves out of PDF/UA-1 (artifacts, XMP, RoleMap, …): lifecare_site/pdfua.py.
                    pdfua.conform(made / document.file, page.title())
                browser.close()
        finally:
            server.shutdown()
        (made / pdfs.KEY_FILE).write_text(pdfs.made_from(root, site_url) + "\n", encoding="utf-8")
        target = root / pdfs.FOLDER
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(made, target)
    return [target / d.file for d in documents]


if __name__ == "__main__":
    try:
        files = make()
    except DataError as error:
        for problem in error.problems:
            print(f"FEL: {problem}", file=sys.stderr)
        sys.exit("Inga PDF-filer skapades. Rätta felen ovan och kör make pdf igen.")
    for path in files:
        print(f"Klart: {path.relative_to(ROOT)}")
    print("Kör make build (med samma SITE_URL), så länkar webbplatsen till PDF-filerna.")
