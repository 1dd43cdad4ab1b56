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


def test_what_was_remembered_comes_back_whole_or_not_at_all(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.recall("k", "prepared") is None
    cache.remember("k", "prepared", {"infos": ["rad"], "n": 1})
    assert cache.recall("k", "prepared") == {"infos": ["rad"], "n": 1}
    # Cut off (a full disk, a build stopped while writing elsewhere) or not ours: not kept.
    path = tmp_path / "avbrottsrutin-lifecare-sp" / "prepared-k.pickle"
    path.write_bytes(path.read_bytes()[:5])
    assert cache.recall("k", "prepared") is None
    path.write_bytes(b"not a pickle")
    assert cache.recall("k", "prepared") is None
    # Nothing half-written is left beside the kept values.
    assert [p.name for p in path.parent.iterdir()] == ["prepared-k.pickle"]


def test_remembered_values_are_kept_for_the_keys_in_use_only(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "avbrottsrutin-lifecare-sp"
    for n in range(cache.KEPT + 3):
        cache.remember(f"k{n}", "prepared", n)
        os.utime(folder / f"prepared-k{n}.pickle", ns=(10 + n, 10 + n))
    cache.remember("last", "prepared", "x")
    kept = sorted(folder.glob("prepared-*.pickle"))
    assert len(kept) == cache.KEPT and cache.recall("last", "prepared") == "x" and cache.recall("k0", "prepared") is None


def test_a_value_that_cannot_be_written_is_simply_not_kept(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    cache.remember("k", "prepared", 1)
    assert cache.recall("k", "prepared") is None
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache.remember("k", "prepared", lambda: None)  # cannot be pickled
    assert cache.recall("k", "prepared") is None
    assert not [p for p in (tmp_path / "avbrottsrutin-lifecare-sp").iterdir()]
