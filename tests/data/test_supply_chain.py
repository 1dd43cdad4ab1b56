"""The whole dependency tree is locked with hashes, and building the site needs no browser."""
import re

from tests.conftest import ROOT


def _locked(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    blocks = re.findall(r"^([A-Za-z0-9_.\-]+)==([^ \\\n]+) \\\n((?:\s+--hash=sha256:[0-9a-f]{64}[ \\]*\n)+)", text, re.M)
    requirements = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    return {name.lower(): version for name, version, _ in blocks}, requirements


def test_every_requirement_is_pinned_with_hashes():
    for name in ("requirements-site.txt", "requirements.txt", "requirements-zensical.txt"):
        pinned, lines = _locked(name)
        assert len(pinned) == len(lines) > 10, name


def test_the_zensical_lock_holds_no_mkdocs():
    # The parity check proves the content layer builds without MkDocs and Material.
    pinned, _ = _locked("requirements-zensical.txt")
    assert pinned["zensical"] == "0.0.73"
    assert not [name for name in pinned if name.startswith("mkdocs")]


def test_the_site_lock_has_no_test_tools_and_the_test_lock_holds_the_site():
    site, _ = _locked("requirements-site.txt")
    everything, _ = _locked("requirements.txt")
    assert "mkdocs" in site and "playwright" not in site and "pytest" not in site
    assert {name: everything.get(name) for name in site} == site


def test_make_build_installs_only_the_site_lock():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^build: \$\(SITE_STAMP\)", makefile, re.M)
    assert "--require-hashes -r requirements-site.txt" in makefile


def test_no_environment_or_link_is_committed():
    # A link to a virtual environment was once committed (.gitignore's ".venv/" ignores only a folder); a checkout
    # then replaced the real environment with it.
    import subprocess
    listed = subprocess.run(["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode != 0:
        import pytest
        pytest.skip("inte en git-utcheckning")
    entries = [line.split(None, 3) for line in listed.stdout.splitlines()]
    assert [path for mode, _, _, path in entries if mode == "120000"] == []
    assert [path for *_, path in entries if path.split("/")[0].startswith(".venv")] == []
