"""The build says which numbers changed since the last commit, and printouts show when the phone list changed."""
import datetime
import os
import subprocess

import pytest

from tests.conftest import build
from tests.htmltext import read

COMMITTED = "2026-01-15T10:00:00"


def _git(project, *args):
    env = dict(os.environ, GIT_AUTHOR_DATE=COMMITTED, GIT_COMMITTER_DATE=COMMITTED,
               GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.se",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.se")
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


@pytest.fixture
def checkout(project):
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "Rutinen")
    return project


def _set_phone(project, old, new):
    path = project / "data" / "contacts.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_number_is_reported_as_it_will_be_shown(checkout):
    _set_phone(checkout, "phone: 060-16 31 00", "phone: 060 16 32 00")
    result = build(checkout)
    assert result.returncode == 0, result.output
    assert "Telefonlistan skiljer sig från senaste incheckningen" in result.output
    assert "Timrå kommun: 060-16 31 00 → 060-16 32 00" in result.output
    assert result.output.count(" → ") == 1
    today = datetime.date.today().isoformat()
    assert f"Telefonlistan ändrad {today}" in read(result.page("telefonnummer/index.html"))[0]


def test_nothing_changed_nothing_said_and_the_date_is_the_commit(checkout):
    result = build(checkout)
    assert result.returncode == 0, result.output
    assert "Telefonlistan skiljer sig" not in result.output
    for path in ("telefonnummer/index.html", "nodparm/index.html"):
        assert "Telefonlistan ändrad 2026-01-15" in read(result.page(path))[0], path
    # Every page's printed footer carries it too.
    assert "Telefonlistan ändrad 2026-01-15" in result.page("kommun/index.html")


def test_outside_a_git_checkout_the_build_says_nothing_and_dates_by_the_file(project):
    _set_phone(project, "phone: 060-16 31 00", "phone: 060-16 32 00")
    stamp = datetime.datetime(2026, 2, 3, 12, 0).timestamp()
    os.utime(project / "data" / "contacts.yml", (stamp, stamp))
    result = build(project)
    assert result.returncode == 0, result.output
    assert "Telefonlistan skiljer sig" not in result.output
    assert "Telefonlistan ändrad 2026-02-03" in read(result.page("telefonnummer/index.html"))[0]
