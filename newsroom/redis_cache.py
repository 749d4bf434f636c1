"""Django's Redis cache, keeping one client object per connection pool.

Django's client builds a new ``redis.Redis`` for every cache operation; each one sets up
redis-py's table of ~170 response callbacks, which cost more than the round trip itself
on a page-cache hit (two operations per page). redis-py clients are thread-safe and share
the pool, so one per pool is enough.
"""

from django.core.cache.backends import redis as django_redis
from django.utils.functional import cached_property


class ReusingRedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class RedisCache(django_redis.RedisCache):
    @cached_property
    def _cache(self):
        return ReusingRedisCacheClient(self._servers, **self._options)

    def incr_many(self, timeouts: dict[str, int]) -> dict[str, int]:
        """Add one to each counter, creating missing ones with their timeout in seconds
        (a counter's expiry is set once, by the request that creates it); the new values.

        One command for them all (a Lua script, atomic), where ``add()`` and ``incr()``
        take three round trips per counter. The values stay readable with ``get()``
        (Django stores integers as themselves).
        """
        keys = [self.make_and_validate_key(key) for key in timeouts]
        values = self._incr_many_script(keys=keys, args=list(timeouts.values()))
        return dict(zip(timeouts, values, strict=True))

    @cached_property
    def _incr_many_script(self):
        return self._cache.get_client(write=True).register_script(INCR_MANY)


INCR_MANY = """
local counts = {}
for i, key in ipairs(KEYS) do
  redis.call('SET', key, 0, 'EX', ARGV[i], 'NX')
  counts[i] = redis.call('INCR', key)
end
return counts
"""
