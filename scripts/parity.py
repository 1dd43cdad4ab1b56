"""Parity check: the site built by Zensical, the successor engine, against the MkDocs build.

Usage: python -m scripts.parity   (make parity). Exit 0: the same; 1: a difference (listed); 3: skipped, with
the reason (Zensical could not be installed here).

Zensical 0.0.73 is installed from requirements-zensical.txt into a virtual environment of its own
(.venv-zensical), without MkDocs. Both engines build a copy of the project with the same settings, and:
- the same pages are published, and no file of the project's own (data, macros, fragments, Markdown sources);
- every page's main text (the article: banner, text, checklists, blanketter, tables, document control) and
  footer text (owner, the link to the accessibility statement) is the same, word for word, with the same links;
- our own scripts, styles and images are published by both.
What is not compared, and why (the README says it too): the theme's own files (each engine ships its own build
of the theme), the search index (Zensical writes search.json and ignores the search plugin's `lang`), the
sitemap's .gz copy, and what only the MkDocs build makes in on_post_build: the finished-site checks and the
record of the checklists' boxes (lc-bockar.json)."""
import os
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from scripts import copy_project

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-zensical"
LOCK = ROOT / "requirements-zensical.txt"
# Published by one engine's theme only; not ours to compare.
THEME_ONLY = ("assets/javascripts/bundle.", "assets/javascripts/LICENSE", "assets/javascripts/lunr/",
              "assets/javascripts/workers/", "assets/stylesheets/main.", "assets/stylesheets/palette.",
              "assets/stylesheets/classic/", "assets/stylesheets/modern/", "search/", "search.json",
              "sitemap.xml.gz", "lc-bockar.json")
# Files of the project itself that no engine may publish.
INTERNAL_SUFFIXES = (".md", ".py", ".yml", ".yaml", ".j2")
INTERNAL_NAMES = ("fragments", "data", "lifecare_site", "overrides", "macros")


class Skipped(Exception):
    """Zensical cannot be installed or run here; the message says why, in Swedish."""


def zensical() -> Path:
    """The zensical command in its own environment, installed from the lock file when missing or out of date."""
    command = VENV / "bin" / "zensical"
    stamp = VENV / ".installed"
    if command.exists() and stamp.exists() and stamp.read_text() == LOCK.read_text():
        return command
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True, capture_output=True, timeout=120)
        subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "--require-hashes", "-r",
                        str(LOCK)], check=True, capture_output=True, timeout=600)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        said = getattr(error, "stderr", b"") or b""
        last = said.decode(errors="replace").strip().splitlines()[-1:] or [str(error)]
        raise Skipped(f"Zensical 0.0.73 gick inte att installera från {LOCK.name} ({last[0]}), så jämförelsen med "
                      "Zensical gjordes inte.") from None
    stamp.write_text(LOCK.read_text())
    return command


def _environment():
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    return env


def build_both(work: Path):
    """(MkDocs' site folder, Zensical's site folder), each built from its own copy of the project."""
    command = zensical()
    with_mkdocs, with_zensical = copy_project(work / "mkdocs"), copy_project(work / "zensical")
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", "site"],
                           cwd=with_mkdocs, env=_environment(), capture_output=True, text=True, timeout=300)
    if built.returncode:
        raise RuntimeError(f"MkDocs-bygget misslyckades:\n{built.stdout}{built.stderr}")
    built = subprocess.run([str(command), "build", "--strict", "--config-file", "mkdocs.yml"],
                           cwd=with_zensical, env=_environment(), capture_output=True, text=True, timeout=300)
    if built.returncode:
        raise RuntimeError(f"Zensical-bygget misslyckades:\n{built.stdout}{built.stderr}")
    return with_mkdocs / "site", with_zensical / "site", built.stdout + built.stderr


class _Article(HTMLParser):
    """The text of a page's <article> (Material's and Zensical's main content) and of its footer text (who is behind
    the site, the accessibility statement), as a reader reads it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.skipping, self.words, self.links = 0, 0, [], []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article" or "md-copyright" in classes or self.depth:
            self.depth += tag not in ("input", "br", "img", "hr", "meta", "link", "wbr")
        if self.depth and tag in ("script", "style", "svg"):
            self.skipping += 1
        if self.depth and tag == "a" and dict(attrs).get("href"):
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if self.depth and tag in ("script", "style", "svg") and self.skipping:
            self.skipping -= 1
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skipping:
            self.words += data.split()


def main_text(html: str):
    """(the words, the link targets) of a page's main content and footer text."""
    reader = _Article()
    reader.feed(html)
    return " ".join(reader.words), reader.links


def _files(site: Path):
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def differences(mkdocs_site: Path, zensical_site: Path):
    """Every difference between the two builds that matters, in Swedish; empty when they are the same."""
    found = []
    ours = {f for f in _files(mkdocs_site) if not f.startswith(THEME_ONLY)}
    theirs = {f for f in _files(zensical_site) if not f.startswith(THEME_ONLY)}
    for name in sorted(theirs):
        parts = name.split("/")
        if name.endswith(INTERNAL_SUFFIXES) or any(part in INTERNAL_NAMES for part in parts[:-1]):
            found.append(f"Zensical publicerar projektets egen fil {name}")
    found += [f"bara MkDocs publicerar {name}" for name in sorted(ours - theirs)]
    found += [f"bara Zensical publicerar {name}" for name in sorted(theirs - ours)
              if not any(name in line for line in found)]
    for name in sorted(ours & theirs):
        if not name.endswith(".html"):
            continue
        (one, one_links) = main_text((mkdocs_site / name).read_text(encoding="utf-8"))
        (other, other_links) = main_text((zensical_site / name).read_text(encoding="utf-8"))
        if one_links != other_links:
            gone = [link for link in one_links if link not in other_links] or [l for l in other_links if l not in one_links]
            found.append(f"{name}: länkarna skiljer sig ({', '.join(gone[:3]) or 'ordningen'})")
        if one != other:
            first = next((i for i, (a, b) in enumerate(zip(one, other)) if a != b), min(len(one), len(other)))
            found.append(f"{name}: texten skiljer sig från tecken {first}: MkDocs \"…{one[max(first - 40, 0):first + 60]}…\" "
                         f"– Zensical \"…{other[max(first - 40, 0):first + 60]}…\"")
    return found


def main() -> int:
    try:
        with tempfile.TemporaryDirectory() as work:
            mkdocs_site, zensical_site, said = build_both(Path(work))
            found = differences(mkdocs_site, zensical_site)
            pages = sum(1 for name in _files(mkdocs_site) if name.endswith(".html"))
    except Skipped as skipped:
        print(f"Hoppade över: {skipped}")
        return 3
    if found:
        print("Zensical bygger inte samma webbplats som MkDocs:")
        for line in found:
            print(f"  {line}")
        return 1
    print(f"Samma webbplats med båda motorerna: {pages} sidor med samma text, inga av projektets egna filer publicerade.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
