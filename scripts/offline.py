"""Build the offline pack: the site as files that work from a folder or a USB stick, zipped.

Usage: python -m scripts.offline [output folder]   (default: dist/)
"""
import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from lifecare_site import csp, model, pdfs  # noqa: E402
from lifecare_site.errors import DataError  # noqa: E402

# Material's offline plugin would load this shim from a CDN; we take it from its pinned npm package,
# and check the package against the registry's integrity hash as recorded here.
SHIM_PACKAGE = "iframe-worker@1.0.4"
SHIM_INTEGRITY = "sha512-roeaaI+Lg1LJNfgpCjoRe/+WzEjy9+Z08LoEvu85MCPbBjwm+qXz8Ag5U05lHa6V1CysZyGzE0SOkAtSUA5q7Q=="
SHIM_TARGET = Path("assets/vendor/iframe-worker")


class PackError(Exception):
    """Why the pack could not be built, in Swedish."""


def integrity(data: bytes) -> str:
    """The npm/SRI form of a SHA-512 hash."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def _fetch_shim(workdir: Path, site: Path):
    try:
        subprocess.run(["npm", "pack", SHIM_PACKAGE, "--silent", "--pack-destination", str(workdir)],
                       check=True, cwd=workdir, stdout=subprocess.DEVNULL)
    except (OSError, subprocess.CalledProcessError):
        raise PackError(f"kunde inte hämta {SHIM_PACKAGE} med npm. Kontrollera att npm är installerat och "
                        "att datorn når npm-registret.") from None
    tarball = next(workdir.glob("iframe-worker-*.tgz"))
    if integrity(tarball.read_bytes()) != SHIM_INTEGRITY:
        raise PackError(f"{SHIM_PACKAGE} från npm stämmer inte med kontrollsumman i scripts/offline.py. "
                        "Paketet används inte; ta reda på varför innan du bygger igen.")
    target = site / SHIM_TARGET
    target.mkdir(parents=True)
    with tarfile.open(tarball) as archive:
        for member, name in (("package/shim/index.js", "shim.js"), ("package/LICENSE", "LICENSE")):
            source = archive.extractfile(member)
            (target / name).write_bytes(source.read())


def build(output: Path) -> Path:
    # Validate first: the version names the pack, and a bad file should say so in Swedish.
    data = model.load_all(ROOT / "data", ROOT / "docs")
    version = data.document["version"]
    _, pdf_problem = pdfs.status(ROOT, version, list(data.form_index), (os.environ.get("SITE_URL") or "").rstrip("/"))
    if pdf_problem:
        print(f"OBS: {pdf_problem} Offlinepaketet får bara med de PDF-filer som finns.", file=sys.stderr)
    name = f"avbrottsrutin-lifecare-sp-{version}"
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        site = workdir / name
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        built = subprocess.run([sys.executable, "-m", "lifecare_site.build", "--strict", "--quiet",
                                "--config-file", str(ROOT / "mkdocs.offline.yml"), "--site-dir", str(site)],
                               cwd=ROOT, env=env)
        if built.returncode != 0:
            raise PackError("bygget av webbplatsen misslyckades (se meddelandet ovan). Inget offlinepaket skapades.")
        # (PDFs older than the sources are already left out by the build: they could show an old number.)
        _fetch_shim(workdir, site)
        # The offline plugin adds inline scripts of its own after the build, and the worker shim writes one while
        # the page runs: the policy is made again, with both.
        csp.add_to_site(site, shim=(site / SHIM_TARGET / "shim.js").read_text(encoding="utf-8"))
        # Source maps are for developers; the 404 page and sitemap need a web server.
        for unused in [*site.rglob("*.map"), site / "404.html", site / "sitemap.xml", site / "sitemap.xml.gz"]:
            unused.unlink()
        zipped = workdir / f"{name}.zip"
        with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(site.rglob("*")):
                archive.write(path, path.relative_to(workdir))
        output.mkdir(parents=True, exist_ok=True)
        final = output / zipped.name
        shutil.move(str(zipped), final)
    return final


if __name__ == "__main__":
    try:
        target = build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist")
    except DataError as error:
        for problem in error.problems:
            print(f"FEL: {problem}", file=sys.stderr)
        sys.exit("Offlinepaketet byggdes inte. Rätta felen ovan och kör make offline igen.")
    except PackError as error:
        sys.exit(f"FEL: {error}")
    print(f"Klart: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
