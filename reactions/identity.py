"""Who is reacting: the reader key and the client address hash, never raw identifiers.

Anonymous readers carry a random id in a signed, HttpOnly, SameSite=Lax cookie that only
``/reactions/`` sees (so article pages stay cookie-free and cacheable); accounts are keyed
by their pk. Both are stored as keyed hashes. The client address is hashed with a key that
changes every UTC day: good for rate limits and spotting bursts, useless for tracking.
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac

COOKIE_SALT = "reactions.reader"


@dataclass(frozen=True)
class Reader:
    key: str
    user: object | None = None
    new_cookie: str | None = None  # set on the response when the reader is new


def _hash(salt: str, value: str) -> str:
    secret = settings.REACTIONS_HASH_SECRET or settings.SECRET_KEY
    return salted_hmac(salt, value, secret=secret, algorithm="sha256").hexdigest()


def reader_key_for(*, user_id: int | None = None, anonymous_id: str | None = None) -> str:
    if user_id is not None:
        return _hash("reactions.reader-key", f"u:{user_id}")
    return _hash("reactions.reader-key", f"a:{anonymous_id}")


def current_reader(request: HttpRequest, *, create: bool) -> Reader | None:
    """The reader behind ``request``; a new anonymous id only when ``create`` is true."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return Reader(key=reader_key_for(user_id=user.pk), user=user)
    anonymous_id = request.get_signed_cookie(
        settings.REACTIONS_COOKIE_NAME,
        default=None,
        salt=COOKIE_SALT,
        max_age=settings.REACTIONS_COOKIE_MAX_AGE,
    )
    # A forged or garbled cookie is simply no cookie: the reader starts afresh.
    if anonymous_id and len(anonymous_id) <= 64:
        return Reader(key=reader_key_for(anonymous_id=anonymous_id))
    if not create:
        return None
    anonymous_id = secrets.token_urlsafe(18)
    return Reader(key=reader_key_for(anonymous_id=anonymous_id), new_cookie=anonymous_id)


def remember_reader(request: HttpRequest, response: HttpResponse, reader: Reader) -> None:
    if reader.new_cookie is None:
        return
    response.set_signed_cookie(
        settings.REACTIONS_COOKIE_NAME,
        reader.new_cookie,
        salt=COOKIE_SALT,
        max_age=settings.REACTIONS_COOKIE_MAX_AGE,
        path="/reactions/",
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


@cache
def _trusted_networks(proxies: tuple[str, ...]) -> tuple[ipaddress._BaseNetwork, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parse_ip(value: str) -> ipaddress._BaseAddress | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the nearest untrusted hop of X-Forwarded-For behind trusted proxies.

    Walking X-Forwarded-For from the right and stopping at the first address that is not
    one of our proxies means a client cannot choose its own address by sending the header.
    """
    remote = _parse_ip(request.META.get("REMOTE_ADDR", ""))
    networks = _trusted_networks(tuple(settings.REACTIONS_TRUSTED_PROXIES))
    if remote is None:
        return ""

    def trusted(address: ipaddress._BaseAddress) -> bool:
        return any(address in network for network in networks)

    if not trusted(remote):
        return str(remote)
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    client = remote
    for hop in reversed(hops):
        address = _parse_ip(hop)
        if address is None:
            break
        client = address
        if not trusted(address):
            break
    return str(client)


def ip_hash(ip: str) -> str:
    """A keyed hash of ``ip`` whose key rotates daily (UTC)."""
    if not ip:
        return ""
    day = timezone.now().date().isoformat()
    return _hash(f"reactions.ip-hash.{day}", ip)
