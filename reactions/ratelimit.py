"""Fixed-window rate limits on Django's cache (Redis when configured, shared by all
app processes). A cache that is down lets requests through: losing rate limiting for a
while is better than refusing every reader."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)


def parse_rate(rate: str) -> tuple[int, int] | None:
    """``"30/60"`` → (30 requests, per 60 seconds); ``"0"`` or empty → no limit."""
    count, _, window = (rate or "0").partition("/")
    limit, seconds = int(count or 0), int(window or 60)
    if limit <= 0 or seconds <= 0:
        return None
    return limit, seconds


def hit(limits: Iterable[tuple[str, str, str]]) -> int | None:
    """Count one request against each ``(scope, ident, rate)``; the longest wait among
    those over their limit, else None.

    With Redis (``newsroom.redis_cache``), every counter is counted in one round trip.
    """
    now = time.time()
    windows = []  # (cache key, limit, seconds, window)
    for scope, ident, rate in limits:
        parsed = parse_rate(rate)
        if parsed is None or not ident:
            continue
        limit, seconds = parsed
        window = int(now // seconds)
        windows.append((f"reactions:rl:{scope}:{ident}:{window}", limit, seconds, window))
    if not windows:
        return None
    try:
        cache = caches[settings.REACTIONS_RATE_LIMIT_CACHE]
        timeouts = {key: seconds + 1 for key, _limit, seconds, _window in windows}
        if hasattr(cache, "incr_many"):
            counts = cache.incr_many(timeouts)
        else:
            counts = {}
            for key, timeout in timeouts.items():
                # add() is a no-op when the key exists: only the window's first request sets it.
                cache.add(key, 0, timeout=timeout)
                counts[key] = cache.incr(key)
    except Exception:
        logger.warning("Reaction rate limit cache unavailable; letting the request through.")
        return None
    waits = [
        max(1, int((window + 1) * seconds - now) + 1)
        for key, limit, seconds, window in windows
        if counts[key] > limit
    ]
    return max(waits, default=None)
