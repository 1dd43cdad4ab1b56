"""Build the offline pack: the site as files that work from a folder or a USB stick, zipped.

Usage: python scripts/offline.py [output folder]   (default: dist/)
"""
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Material's offline plugin would load this shim from a CDN; we take it from its pinned npm package.
SHIM_PACKAGE = "iframe-worker@1.0.4"
SHIM_TARGET = Path("assets/vendor/iframe-worker")


def _fetch_shim(workdir: Path, site: Path):
    subprocess.run(["npm", "pack", SHIM_PACKAGE, "--silent", "--pack-destination", str(workdir)],
                   check=True, cwd=workdir, stdout=subprocess.DEVNULL)
    tarball = next(workdir.glob("iframe-worker-*.tgz"))
    target = site / SHIM_TARGET
    target.mkdir(parents=True)
    with tarfile.open(tarball) as archive:
        for member, name in (("package/shim/index.js", "shim.js"), ("package/LICENSE", "LICENSE")):
            source = archive.extractfile(member)
            (target / name).write_bytes(source.read())


def build(output: Path) -> Path:
    version = yaml.safe_load((ROOT / "data" / "document.yml").read_text(encoding="utf-8"))["version"]
    name = f"avbrottsrutin-lifecare-sp-{version}"
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        site = workdir / name
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                        "--config-file", str(ROOT / "mkdocs.offline.yml"), "--site-dir", str(site)],
                       check=True, cwd=ROOT, env=env)
        _fetch_shim(workdir, site)
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
    target = build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist")
    print(f"Klart: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
