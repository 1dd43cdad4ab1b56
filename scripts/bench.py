"""Benchmark: this site side by side with a default Material for MkDocs site holding the same text.

Usage: python -m scripts.bench   (make bench). Prints a report; a measurement, not a test.

Both sites are built in the same run, interleaved, so the ratio holds on a busy shared machine:
- build CPU (user + sys of the build process), median: a rebuild, and the first build after a change in data/ (with
  nothing remembered from earlier builds, lifecare_site/cache.py);
- the start page as Chromium loads it, search included: bytes (gzip) and requests;
- growth: this site built with 10× and 100× the contacts and 10× the checklist items
  (generated data that passes the schemas).
"""
import gzip
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import yaml

from scripts import ROOT, copy_project
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serve

ROUNDS = 7
COLD_ROUNDS = 3
TARGETS = {"build": 1.3, "weight": 1.0, "growth": 3.0}
GROWTH_CASE = "1 000 kontakter och 2 000 punkter"


def build_cpu(project: Path, site: Path, cache_home: Path = None) -> float:
    """CPU seconds (user + sys) of one strict build of `project`: with the command make build runs where the project
    has it (lifecare_site.build), else MkDocs' own (the default Material site)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    if cache_home is not None:
        env["XDG_CACHE_HOME"] = str(cache_home)
    command = ["lifecare_site.build"] if (project / "lifecare_site" / "build.py").is_file() else ["mkdocs", "build"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", *command, "--strict", "--quiet", "--site-dir", str(site)],
                   check=True, cwd=project, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


class _Article(HTMLParser):
    """The text of a built page's article, as paragraphs, for the default site's Markdown."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.skip, self.lines, self.current = 0, 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if tag in ("script", "style", "svg"):
            self.skip += 1
        if tag in ("p", "li", "h1", "h2", "h3", "tr", "div") and self.current:
            self._flush()

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if tag in ("script", "style", "svg") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip and data.strip():
            self.current.append(data.strip())

    def _flush(self):
        self.lines.append(" ".join(self.current))
        self.current = []


def default_material(target: Path, built: Path) -> Path:
    """A default Material site (language sv, search, no web fonts) with the same pages' text."""
    docs = target / "docs"
    for page in sorted(built.rglob("index.html")):
        relative = page.parent.relative_to(built)
        if str(relative) == ".":
            name = Path("index.md")
        else:
            name = relative.with_suffix(".md")
        reader = _Article()
        reader.feed(page.read_text(encoding="utf-8"))
        reader._flush()
        text = "\n\n".join(re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", line) for line in reader.lines if line)
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text + "\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        "site_name: Jämförelse\ntheme:\n  name: material\n  language: sv\n  font: false\n"
        "plugins:\n  search:\n    lang: sv\n", encoding="utf-8")
    return target


def start_page(site_dir: Path):
    """(requests, gzip bytes) of the start page with everything it loads, search included."""
    from playwright.sync_api import Error, sync_playwright

    base_url, server = serve(site_dir)
    bodies = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()

        def keep(response):
            if urlparse(response.url).netloc == urlparse(base_url).netloc:
                try:
                    bodies[response.url] = response.body()
                except Error:
                    pass

        page.on("response", keep)
        page.goto(base_url)
        page.wait_for_load_state("networkidle")
        browser.close()
    server.shutdown()
    return len(bodies), sum(len(gzip.compress(body, 9)) for body in bodies.values())


def _letters(n: int) -> str:
    """n as letters (1 → a, 27 → aa): a name with digits in it could read as a number (112)."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _grown(project: Path, contacts: int, items: int) -> Path:
    """`project` with `contacts` municipalities and about `items` checklist items in all.

    New municipalities are copies with new ids, names and numbers; new items are copies of the roles' own items, as
    plain steps (no contact, rule or blankett), in new phases of at most nine."""
    data = project / "data"
    directory = yaml.safe_load((data / "contacts.yml").read_text(encoding="utf-8"))
    group = next(g for g in directory["groups"] if g["id"] == "kommuner")
    base = list(group["entries"])
    # Each copy its own number (the build refuses two contacts with one number), and no IT number of its own.
    group["entries"] = base + [{**{k: v for k, v in e.items() if k != "it_phone"}, "id": f"{e['id']}-{n}",
                                "name": f"{e['name']} {_letters(n)}", "phone": f"08-{500 + n // 100:03d} {n % 100:02d} 00"}
                               for n, e in enumerate((base * (contacts // len(base) + 1))[: contacts - len(base)], start=1)]
    (data / "contacts.yml").write_text(yaml.safe_dump(directory, allow_unicode=True, sort_keys=False), encoding="utf-8")
    lists = yaml.safe_load((data / "checklists.yml").read_text(encoding="utf-8"))
    own = [(role, item) for role in lists["roles"] for phase in role["phases"] for item in phase["items"] if "id" in item]
    count = len(own) + len(lists["shared_items"])
    # Each with its passages (every step names its source), as plain steps.
    copies = [(role, {"id": f"{item['id']}-x{n}", "text": item["text"],
                      **({"source": list(item["source"])} if item.get("source") else {"added": "Mätdata för bench.py."})})
              for n in range(1, items // count + 2) for role, item in own][: max(0, items - count)]
    for role in lists["roles"]:
        mine = [item for owner, item in copies if owner is role]
        role["phases"] += [{"id": f"extra-{n}", "title": f"Fler steg ({n + 1})", "items": mine[i:i + 9]}
                           for n, i in enumerate(range(0, len(mine), 9))]
    (data / "checklists.yml").write_text(yaml.safe_dump(lists, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ours = copy_project(tmp / "ours")
        build_cpu(ours, tmp / "ours-site")  # warm-up: caches and a site to take the text from
        default = default_material(tmp / "default", tmp / "ours-site")
        build_cpu(default, tmp / "default-site")
        ours_cpu, default_cpu = [], []
        for _ in range(ROUNDS):
            ours_cpu.append(build_cpu(ours, tmp / "ours-site"))
            default_cpu.append(build_cpu(default, tmp / "default-site"))
        # The first build after a change in data/: nothing it found before applies (an empty memory, lifecare_site/cache.py).
        first_cpu, default_beside = [], []
        for n in range(COLD_ROUNDS):
            first_cpu.append(build_cpu(ours, tmp / "ours-site", cache_home=tmp / f"empty-cache-{n}"))
            default_beside.append(build_cpu(default, tmp / "default-site"))
        ours_requests, ours_bytes = start_page(tmp / "ours-site")
        default_requests, default_bytes = start_page(tmp / "default-site")
        sizes = {}
        for label, contacts, items in (("10× kontakter (70)", 70, 0), ("100× kontakter (700)", 700, 0),
                                       ("10× punkter (500)", 7, 500), (GROWTH_CASE, 1000, 2000)):
            grown = _grown(copy_project(tmp / f"grown-{contacts}-{items}"), contacts, items)
            build_cpu(grown, tmp / "grown-site")
            sizes[label] = statistics.median(build_cpu(grown, tmp / "grown-site") for _ in range(3))
    build_ratio = statistics.median(ours_cpu) / statistics.median(default_cpu)
    first_ratio = statistics.median(first_cpu) / statistics.median(default_beside)
    weight_ratio = ours_bytes / default_bytes
    print("| mått | den här webbplatsen | Material som standard | kvot |")
    print("| --- | --- | --- | --- |")
    print(f"| strikt bygge, CPU (user+sys), median av {ROUNDS} | {statistics.median(ours_cpu):.2f} s "
          f"| {statistics.median(default_cpu):.2f} s | {build_ratio:.2f}× |")
    print(f"| första bygget efter en ändring i data (inget kontrollerat sedan tidigare), median av {COLD_ROUNDS} "
          f"| {statistics.median(first_cpu):.2f} s | {statistics.median(default_beside):.2f} s | {first_ratio:.2f}× |")
    print(f"| startsidan med allt den laddar, sökning inräknad, gzip | {ours_bytes / 1024:.1f} KiB i {ours_requests} anrop "
          f"| {default_bytes / 1024:.1f} KiB i {default_requests} anrop | {weight_ratio:.2f}× |")
    base = statistics.median(ours_cpu)
    print("\n| tillväxt | bygge, CPU | mot dagens data |")
    print("| --- | --- | --- |")
    for label, seconds in sizes.items():
        print(f"| {label} | {seconds:.2f} s | {seconds / base:.2f}× |")
    worst = sizes[GROWTH_CASE] / base
    met = {f"bygge ≤ {TARGETS['build']}×": build_ratio <= TARGETS["build"],
           f"sidvikt ≤ {TARGETS['weight']}×": weight_ratio <= TARGETS["weight"],
           f"{GROWTH_CASE} ≤ {TARGETS['growth']}×": worst <= TARGETS["growth"]}
    print("\nMål: " + "; ".join(f"{name}: {'uppfyllt' if ok else 'EJ uppfyllt'}" for name, ok in met.items()))
    print(json.dumps({"build_ratio": round(build_ratio, 3), "first_build_ratio": round(first_ratio, 3), "weight_ratio": round(weight_ratio, 3),
                      "growth_worst": round(worst, 3)}))


if __name__ == "__main__":
    main()
