"""Remember which exact data passed its JSON Schemas, so an unchanged build need not check (or import) them again.

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
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def passed(key: str) -> bool:
    try:
        return (_folder() / f"schemas-passed-{key}").is_file()
    except OSError:
        return False


def remember_passed(key: str):
    try:
        folder = _folder()
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("schemas-passed-*"):
            old.unlink()
        (folder / f"schemas-passed-{key}").touch()
    except OSError:
        pass
