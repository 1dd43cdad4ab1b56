"""mkdocs.yml: what MkDocs would read without a word, or answer in English, is said in Swedish first."""
import os
import subprocess
import sys

import pytest

from tests.data import build_fails


def _preflight(project):
    env = dict(os.environ)
    env.pop("SITE_URL", None)
    return subprocess.run([sys.executable, "-m", "lifecare_site.preflight"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=60)


def _edit(project, old, new):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("old,new,words", [
    # Someone adds a plugin at the end, under a second "plugins:": the macros plugin would be gone.
    ("nav:\n", "plugins:\n  - offline\n\nnav:\n", '"plugins" står två gånger (rad '),
    ("hooks:\n  - lifecare_site/hooks.py\n", "", '"lifecare_site/hooks.py" saknas under hooks'),
    ("  macros:\n    module_name: macros\n", "  macro:\n    module_name: macros\n", '"macros" saknas under plugins'),
    ("  - Start: index.md\n", "  -\tStart: index.md\n", "indrag görs med mellanslag, inte med tabb"),
    ("  - Start: index.md\n", "  - Start: index.md: x\n", "mkdocs.yml, rad "),
    ("  - md_in_html\n", "", '"md_in_html" saknas under markdown_extensions'),
], ids=["plugins-twice", "no-hooks", "no-macros", "tab", "two-colons", "no-md-in-html"])
def test_make_checks_mkdocs_yml_before_mkdocs_reads_it(project, old, new, words):
    _edit(project, old, new)
    result = _preflight(project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith("Fel: mkdocs.yml") and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_the_real_mkdocs_yml_passes(project):
    result = _preflight(project)
    assert result.returncode == 0 and not result.stderr, result.stderr


@pytest.mark.parametrize("old,new,words", [
    ("hooks:\n  - lifecare_site/hooks.py\n", "", '"lifecare_site/hooks.py" saknas under hooks'),
    ("nav:\n", "extra:\n  generator: true\n\nnav:\n", '"extra" står två gånger'),
], ids=["no-hooks", "extra-twice"])
def test_a_build_without_make_refuses_the_same(project, old, new, words):
    _edit(project, old, new)
    build_fails(project, "mkdocs.yml", words)
