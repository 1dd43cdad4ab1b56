"""The memory of data that passed its schemas (lifecare_site/cache.py)."""
import os

from lifecare_site import cache


def test_copies_of_the_project_do_not_push_each_others_passing_data_out(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert not cache.passed("a")
    cache.remember_passed("a")
    cache.remember_passed("b")
    assert cache.passed("a") and cache.passed("b") and not cache.passed("c")
    # The oldest unused keys go, the ones in use stay.
    folder = tmp_path / "avbrottsrutin-lifecare-sp"
    for n in range(cache.KEPT + 5):
        cache.remember_passed(f"k{n}")
        os.utime(folder / f"schemas-passed-k{n}", ns=(10 + n, 10 + n))
    for old in ("a", "b"):
        os.utime(folder / f"schemas-passed-{old}", ns=(1, 1))
    assert cache.passed("a")
    cache.remember_passed("new")
    kept = {p.name.removeprefix("schemas-passed-") for p in folder.iterdir()}
    assert len(kept) == cache.KEPT and {"a", "new"} <= kept and "k0" not in kept and "b" not in kept


def test_a_cache_folder_that_cannot_be_written_only_means_check_again(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    cache.remember_passed("a")
    assert not cache.passed("a")
