"""The commands behind make pdf, make offline, make bench, make parity and make firefox; run as python -m scripts.<name>
from the project folder, so the project is importable without changing sys.path.

Here also the one copy of the project that the tests, the benchmark and the parity check build from."""
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Everything a build reads, and the commands that build.
PARTS = ["docs", "overrides", "data", "lifecare_site", "macros.py", "mkdocs.yml", "mkdocs.offline.yml", "scripts"]


def copy_project(target: Path) -> Path:
    """A copy of everything the build reads, to build or edit without touching the repository. docs/pdf/ is left
    out: its PDFs are made from the repository (make pdf), not from the copy."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__", ".cache", "pdf"))
        elif source.exists():
            shutil.copy2(source, target / part)
    return target
