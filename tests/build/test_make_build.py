"""make build publishes a whole site or none, also when two builds run at once."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.skipif(not shutil.which("make") or not shutil.which("flock"), reason="make and flock are needed")
def test_two_builds_at_once_both_finish_and_leave_one_whole_site(project):
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    command = ["make", "-s", "build", f"BIN={Path(sys.executable).parent}", "SITE_STAMP="]
    first = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    second = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300)
    first_output = first.communicate(timeout=300)[0]
    assert first.returncode == 0 and second.returncode == 0, first_output + second.stdout + second.stderr
    for output in (first_output, second.stdout + second.stderr):
        assert "Traceback" not in output and "Klart: webbplatsen finns i site/." in output
    assert (project / "site" / "index.html").is_file()
    assert not (project / "site" / "site").exists() and not list(project.glob(".site-build.*/"))
    assert not (project / "site.old").exists()


@pytest.mark.skipif(not shutil.which("make") or not shutil.which("flock"), reason="make and flock are needed")
def test_a_refused_build_leaves_the_last_site_as_it_was(project):
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    command = ["make", "-s", "build", f"BIN={Path(sys.executable).parent}", "SITE_STAMP="]
    assert subprocess.run(command, cwd=project, capture_output=True, timeout=300).returncode == 0
    published = (project / "site" / "om-rutinen" / "index.html").read_text(encoding="utf-8")
    # A number that only the finished page shows, so the build is refused after every page was written.
    page = project / "docs" / "om-rutinen.md"
    page.write_text(page.read_text(encoding="utf-8") + '\nRing {{ "0611" ~ "-800 01" }}.\n', encoding="utf-8")
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "Bygget avbröts: rätta felet ovan och kör make build igen. site/ är oförändrad." in result.stdout + result.stderr
    assert (project / "site" / "om-rutinen" / "index.html").read_text(encoding="utf-8") == published
    assert not list(project.glob(".site-build.*/"))


@pytest.mark.skipif(not shutil.which("make") or not shutil.which("flock"), reason="make and flock are needed")
def test_the_published_folder_can_be_read_by_a_web_server_running_as_another_user(project):
    import os
    import stat
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    command = ["sh", "-c", f"umask 022 && make -s build BIN={Path(sys.executable).parent} SITE_STAMP="]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    mode = stat.S_IMODE(os.stat(project / "site").st_mode)
    assert mode == 0o755, oct(mode)


@pytest.mark.skipif(not shutil.which("make") or not shutil.which("flock"), reason="make and flock are needed")
def test_a_site_that_is_a_link_is_refused_not_replaced(project, tmp_path):
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    web_root = tmp_path / "www"
    web_root.mkdir()
    (project / "site").symlink_to(web_root)
    command = ["make", "-s", "build", f"BIN={Path(sys.executable).parent}", "SITE_STAMP="]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert f"Fel: site är en länk (till {web_root}). make build byter ut hela mappen site/" in result.stderr, result.stderr
    assert (project / "site").is_symlink() and not list(web_root.iterdir())
