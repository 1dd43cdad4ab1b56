"""Benchmark: build time, page weight as a browser loads it, and the size of our own JS and CSS.

Usage: python scripts/bench.py   (make bench). Prints a report; a measurement, not a test.
"""
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

BUILDS = 5
PAGES = {"startsidan": "", "en checklista (slutenvård)": "slutenvard/", "en blankett (slutenvård)": "blanketter/slutenvard/"}
TARGETS = {"build_s": 3.0, "start_gzip_kb": 200, "own_js_gzip_kb": 6}


def _kb(size):
    return f"{size / 1024:.1f} KB"


def build_times(site_dir: Path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    times = []
    for _ in range(BUILDS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
                       check=True, cwd=ROOT, env=env)
        times.append(time.perf_counter() - start)
    return times


def page_weights(site_dir: Path):
    from playwright.sync_api import Error, sync_playwright

    base_url, server = serve(site_dir)
    results, foreign = {}, []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            page = browser.new_page()
            bodies = {}

            def keep(response, bodies=bodies):
                if urlparse(response.url).netloc == urlparse(base_url).netloc:
                    try:
                        bodies[response.url] = response.body()
                    except Error:  # a redirect or an aborted request has no body
                        return
                else:
                    foreign.append(response.url)

            page.on("response", keep)
            page.goto(base_url + path)
            page.wait_for_load_state("networkidle")
            raw = sum(len(body) for body in bodies.values())
            zipped = sum(len(gzip.compress(body, 9)) for body in bodies.values())
            results[name] = (len(bodies), raw, zipped)
            page.close()
        browser.close()
    server.shutdown()
    return results, foreign


def own_assets():
    files = sorted((ROOT / "docs" / "assets").rglob("*.*"))
    js = [f for f in files if f.suffix == ".js"]
    css = [f for f in files if f.suffix == ".css"]

    def size(group):
        return sum(f.stat().st_size for f in group), sum(len(gzip.compress(f.read_bytes(), 9)) for f in group)

    return size(js), size(css)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        times = build_times(site_dir)
        median = statistics.median(times)
        print(f"Strikt bygge, median av {BUILDS}: {median:.2f} s (mål ≤ {TARGETS['build_s']} s)"
              f"  [{', '.join(f'{t:.2f}' for t in times)}]")
        weights, foreign = page_weights(site_dir)
    print("\nSidvikt som webbläsaren laddar den (HTML, CSS, JS, bilder, sökindex):")
    for name, (count, raw, zipped) in weights.items():
        print(f"  {name:30} {count:3} filer  {_kb(raw):>10} okomprimerat  {_kb(zipped):>9} gzip")
    (js_raw, js_gzip), (css_raw, css_gzip) = own_assets()
    print("\nVår egen kod:")
    print(f"  JavaScript {_kb(js_raw):>9}  {_kb(js_gzip):>8} gzip (mål ≤ {TARGETS['own_js_gzip_kb']} KB)")
    print(f"  CSS        {_kb(css_raw):>9}  {_kb(css_gzip):>8} gzip")
    print(f"\nAnrop till andra värdar: {len(foreign)}")
    start_gzip = weights["startsidan"][2] / 1024
    met = {
        "bygge ≤ 3 s": median <= TARGETS["build_s"],
        "startsidan ≤ 200 KB gzip": start_gzip <= TARGETS["start_gzip_kb"],
        "egen JS ≤ 6 KB gzip": js_gzip / 1024 <= TARGETS["own_js_gzip_kb"],
        "inga anrop till andra värdar": not foreign,
    }
    print("\nMål: " + "; ".join(f"{name}: {'uppfyllt' if ok else 'EJ uppfyllt'}" for name, ok in met.items()))


if __name__ == "__main__":
    main()
