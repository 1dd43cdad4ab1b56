"""Remember which exact data passed its JSON Schemas (and which templates parsed), so an unchanged build need not
check (or import) them again; and what a build found before its first page (prepare.load), under a key made of
everything that went into it.

Each key is a hash of everything its result was made from (for the schemas: every data file, every schema and
this package's code): any change to any of it does the work again. Only passing results are remembered. A cache
that cannot be read or written just means "check again"."""
import functools
import hashlib
import importlib.metadata
import os
import pickle
import sys
import tempfile
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


# What a check's or a load's result depends on besides the project: the libraries that parse, check and format it.
_LIBRARIES = ("phonenumbers", "PyYAML", "jsonschema", "Jinja2", "MarkupSafe", "segno")


@functools.lru_cache(maxsize=1)
def code_key() -> str:
    """This package's code, the Python running it and the libraries' versions, as one value."""
    digest = hashlib.sha256(sys.version.encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"\0{name} {importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"\0{name} -".encode())
    for path in sorted(_PACKAGE.glob("*.py")):
        digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def recall(key: str, kind: str):
    """What remember() kept under `key`, or None. Our own folder, written only by remember(): anything that cannot be
    read back whole (cut off, another Python, a changed class) is "not kept"."""
    path = _folder() / f"{kind}-{key}.pickle"
    try:
        with path.open("rb") as file:
            value = pickle.load(file)
        os.utime(path)
        return value
    except Exception:  # noqa: BLE001 - a cache that cannot be read means "do it again", whatever the reason
        return None


def remember(key: str, kind: str, value):
    """Keep `value` under `key`, written whole or not at all (a second build at the same time reads either)."""
    written = None
    try:
        folder = _folder()
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=f".{kind}-", delete=False) as file:
            written = file.name
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(written, folder / f"{kind}-{key}.pickle")
        kept = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in kept[KEPT:]:
            old.unlink()
    except Exception:  # noqa: BLE001 - not kept: the next build does the work again
        if written:
            try:
                os.unlink(written)
            except OSError:
                pass
