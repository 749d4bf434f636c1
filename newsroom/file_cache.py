"""Django's file cache, checking its size less often.

Django's FileBasedCache lists its whole folder before every write, to see whether it has
reached MAX_ENTRIES (``_cull``). The page cache keeps thousands of entries there, so
the listing cost more than the write: bumping the 1,900 surfaces of a merge of 2,000
stories listed a folder of 2,000 files 1,900 times, 24 s of a 29 s merge.

Here a write checks the size once every CULL_CHECK_EVERY writes of this cache object
(one per thread), and a batch (``set_many``, as ``pagecache.bump`` writes) once for the
whole batch. Between checks the folder may pass MAX_ENTRIES by that many files per
thread; a check then culls as Django does (a random 1/CULL_FREQUENCY of the files), and
after a batch also whatever the batch put past the limit.
"""

import random

from django.core.cache.backends import filebased
from django.core.cache.backends.base import DEFAULT_TIMEOUT


class FileBasedCache(filebased.FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._check_every = max(1, int(params.get("OPTIONS", {}).get("CULL_CHECK_EVERY", 100)))
        self._unchecked_writes = 0
        self._in_batch = False

    def _cull(self):
        if self._in_batch:
            return
        self._unchecked_writes += 1
        if self._unchecked_writes >= self._check_every:
            self._unchecked_writes = 0
            super()._cull()

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        self._in_batch = True
        try:
            failed = super().set_many(data, timeout=timeout, version=version)
        finally:
            self._in_batch = False
        if data:
            self._unchecked_writes = 0
            self._cull_past_the_limit()
        return failed

    def _cull_past_the_limit(self):
        files = self._list_cache_files()
        past = len(files) - self._max_entries
        if past < 0:
            return
        if self._cull_frequency == 0:
            self.clear()
            return
        doomed = min(len(files), past + self._max_entries // self._cull_frequency)
        for name in random.sample(files, doomed):
            self._delete(name)
