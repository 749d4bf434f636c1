"""The file cache used without Redis: checking its size no longer costs a listing of its
folder per write, and it still keeps to its size."""

from pathlib import Path

import pytest
from django.test import override_settings

from articles import pagecache
from newsroom.file_cache import FileBasedCache


def files_in(folder: Path) -> int:
    return len(list(folder.glob("*.djcache")))


@pytest.fixture
def listings(monkeypatch):
    """How many times any file cache listed its folder."""
    seen = []
    list_files = FileBasedCache._list_cache_files

    def counted(cache):
        seen.append(cache)
        return list_files(cache)

    monkeypatch.setattr(FileBasedCache, "_list_cache_files", counted)
    return seen


def test_a_merge_marking_many_pages_changed_lists_the_folder_once(tmp_path, listings):
    caches = {
        "default": {
            "BACKEND": "newsroom.file_cache.FileBasedCache",
            "LOCATION": str(tmp_path),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
    with override_settings(CACHES=caches):
        pagecache.bump([f"story:{n}" for n in range(1_500)])

    assert files_in(tmp_path) == 1_500
    assert len(listings) == 1  # Django's own file cache lists it before each of the 1,500


def test_single_writes_check_the_size_once_in_a_while_and_keep_to_it(tmp_path, listings):
    cache = FileBasedCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 40, "CULL_CHECK_EVERY": 10}})

    for n in range(300):
        cache.set(f"page:{n}", "x" * 100)

    assert len(listings) == 30
    assert files_in(tmp_path) <= 40 + 10
    assert cache.get("page:299") == "x" * 100


def test_a_batch_past_the_limit_is_culled_back_under_it(tmp_path, listings):
    cache = FileBasedCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 40, "CULL_FREQUENCY": 4}})

    cache.set_many({f"generation:{n}": n for n in range(300)}, timeout=None)

    assert len(listings) == 1
    assert files_in(tmp_path) == 40 - 40 // 4  # as full as Django leaves it after a cull
