"""Fixed-window rate limits on Django's cache (Redis when configured, shared by all
app processes). A cache that is down lets requests through: losing rate limiting for a
while is better than refusing every reader."""

from __future__ import annotations

import logging
import time

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


def hit(scope: str, ident: str, rate: str) -> int | None:
    """Count one request of ``ident``; the seconds to wait when over the limit, else None."""
    parsed = parse_rate(rate)
    if parsed is None or not ident:
        return None
    limit, seconds = parsed
    now = time.time()
    window = int(now // seconds)
    key = f"reactions:rl:{scope}:{ident}:{window}"
    try:
        cache = caches[settings.REACTIONS_RATE_LIMIT_CACHE]
        # add() is a no-op when the key exists, so only the window's first request sets it.
        cache.add(key, 0, timeout=seconds + 1)
        count = cache.incr(key)
    except Exception:
        logger.warning("Reaction rate limit cache unavailable; letting the request through.")
        return None
    if count <= limit:
        return None
    return max(1, int((window + 1) * seconds - now) + 1)
