"""Remember which exact data passed its JSON Schemas (and which templates parsed), so an unchanged build need not
check (or import) them again.

The key is a hash of every data file, every schema and this package's code: any change to any of
them checks everything again. Only passing results are remembered. A cache that cannot be read
or written just means "check again"."""
import hashlib
import os
from pathlib import Path

_PACKAGE = Path(__file__).parent


def _folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "avbrottsrutin-lifecare-sp"


def data_key(data_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted([*data_dir.glob("*.yml"), *(data_dir / "schemas").glob("*.json"), *_PACKAGE.glob("*.py")]):
        # A folder or a broken link where a file should be is said by the loader, in Swedish; here it only counts.
        content = path.read_bytes() if path.is_file() else b"(inte en fil)"
        digest.update(path.name.encode() + b"\0" + content + b"\0")
    return digest.hexdigest()


def passed(key: str, kind: str = "schemas") -> bool:
    try:
        # Touched when used, so the keys in use are the ones kept (remember_passed).
        os.utime(_folder() / f"{kind}-passed-{key}")
        return True
    except OSError:
        return False


# How many passing keys are kept: enough that copies of the project (the tests', a colleague's clone, a branch) do
# not push each other's out, few enough that the folder stays small.
KEPT = 32


def remember_passed(key: str, kind: str = "schemas"):
    try:
        folder = _folder()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{kind}-passed-{key}").touch()
        kept = sorted(folder.glob(f"{kind}-passed-*"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in kept[KEPT:]:
            old.unlink()
    except OSError:
        pass


def source_key(root: Path) -> str:
    """A hash of everything a page is made from: data, pages, templates, styles and this code.

    The PDFs record the key they were made from, so a build can tell when they are older than the site."""
    digest = hashlib.sha256()
    parts = [root / "mkdocs.yml", root / "macros.py"]
    for folder in ("data", "docs", "overrides", "lifecare_site"):
        parts += [p for p in (root / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    pdf_folder = root / "docs" / "pdf"
    for path in sorted(p for p in parts if p.exists() and pdf_folder not in p.parents):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
