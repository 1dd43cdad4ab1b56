"""Shared fixtures: build the real site, or a copy of the project with edited data."""
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts import copy_project  # noqa: F401 - the tests' copy of the project, shared with scripts/

ROOT = Path(__file__).resolve().parent.parent

# The published address that the tests build the site with, as IT does (mkdocs.yml has no default).
SITE_URL = "https://vardgivarwebben.example.se/avbrottsrutin-lifecare-sp/"

MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def build(project: Path, *extra_args, config="mkdocs.yml", site_url=None) -> Build:
    """Run a strict MkDocs build of `project` into its own site folder, published at `site_url` if given."""
    site = project / "site-under-test"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    result = subprocess.run(
        MKDOCS + ["build", "--strict", "--config-file", str(project / config), "--site-dir", str(site), *extra_args],
        cwd=project, env=env, capture_output=True, text=True, timeout=120,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The real site, built once per test run from a copy of the repository."""
    result = build(copy_project(tmp_path_factory.mktemp("site") / "project"), site_url=SITE_URL)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh copy of the project for one test to edit."""
    return copy_project(tmp_path / "project")
