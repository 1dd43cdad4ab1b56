"""make build's own command (lifecare_site.build): what it does before MkDocs starts, to make each build cheaper."""
import subprocess
import sys

from tests.conftest import ROOT


def _run(code):
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_requests_is_imported_only_when_something_uses_it():
    result = _run(
        "import sys\n"
        "from lifecare_site.build import defer_import\n"
        "defer_import('requests')\n"
        "import mkdocs_macros.util\n"  # imports requests at the top, for a function that fetches a web address
        "print('urllib3' in sys.modules)\n"
        "import requests\n"
        "print(requests.exceptions.RequestException.__name__, 'urllib3' in sys.modules)\n"
        "print(mkdocs_macros.util.requests.get is sys.modules['requests'].get)\n")
    assert result.returncode == 0, result.stderr
    # Not loaded by the import statement; the real module, whole, on first use, also through the plugin's reference.
    assert result.stdout.split("\n")[:3] == ["False", "RequestException True", "True"]


def test_a_module_that_is_not_installed_is_left_alone():
    result = _run("import sys\nfrom lifecare_site.build import defer_import\n"
                  "defer_import('no_such_module_here')\nprint('no_such_module_here' in sys.modules)")
    assert result.returncode == 0 and result.stdout.strip() == "False", result.stderr


def test_our_modules_are_compiled_once_for_the_next_builds(tmp_path):
    from scripts import copy_project
    project = copy_project(tmp_path / "project")
    result = subprocess.run([sys.executable, "-c", "from lifecare_site.build import compile_own_code; compile_own_code()"],
                            cwd=project, capture_output=True, text=True, timeout=60,
                            env={"PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    compiled = {path.name.split(".")[0] for path in (project / "lifecare_site" / "__pycache__").glob("*.pyc")}
    modules = {path.stem for path in (project / "lifecare_site").glob("*.py")}
    assert modules <= compiled
    assert list((project / "__pycache__").glob("macros.*.pyc"))
