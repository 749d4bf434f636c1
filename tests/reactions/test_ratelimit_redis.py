"""Rate limits on Redis, as production runs them: every counter in one round trip.

A private redis-server, so that nothing else on the machine shares the counters.
"""

import subprocess
import time

import pytest
from django.core.cache import caches
from django.test import Client

from reactions.models import Reaction
from tests.faults.conftest import free_port
from tests.reactions.conftest import tap


@pytest.fixture(scope="module")
def redis_url():
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout \
            != b"PONG\n":  # fmt: skip
        assert time.monotonic() < deadline, "redis-server did not start"
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait()


@pytest.fixture
def redis_limits(settings, redis_url):
    settings.CACHES = {
        **settings.CACHES,
        "limits-redis": {"BACKEND": "newsroom.redis_cache.RedisCache", "LOCATION": redis_url},
    }
    settings.REACTIONS_RATE_LIMIT_CACHE = "limits-redis"
    cache = caches["limits-redis"]
    cache.clear()
    yield cache
    cache.clear()


def test_a_reader_over_the_limit_is_refused_on_redis(client, article, settings, redis_limits):
    settings.REACTIONS_RATE_LIMIT_READER = "3/60"
    settings.REACTIONS_RATE_LIMIT_IP = "100/60"
    for kind in ("like", "love", "wow"):
        assert tap(client, article, kind).status_code == 200
    response = tap(client, article, "sad")
    assert response.status_code == 429
    assert int(response["Retry-After"]) in range(1, 62)
    assert Reaction.objects.get().kind.slug == "wow"
    assert tap(Client(), article, "sad").status_code == 200  # another reader


def test_an_address_over_the_limit_is_refused_on_redis(article, settings, redis_limits):
    settings.REACTIONS_RATE_LIMIT_IP = "2/60"
    for _ in range(2):
        assert tap(Client(), article, "like", REMOTE_ADDR="198.51.100.9").status_code == 200
    response = tap(Client(), article, "like", REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 429
    assert tap(Client(), article, "like", REMOTE_ADDR="198.51.100.10").status_code == 200


def test_counters_expire_with_their_window_and_read_back_as_numbers(redis_limits):
    assert redis_limits.incr_many({"a": 60, "b": 5}) == {"a": 1, "b": 1}
    assert redis_limits.incr_many({"a": 60, "b": 5}) == {"a": 2, "b": 2}
    assert redis_limits.get("a") == 2
    client = redis_limits._cache.get_client()
    assert 0 < client.ttl(redis_limits.make_key("b")) <= 5
    assert 5 < client.ttl(redis_limits.make_key("a")) <= 60
