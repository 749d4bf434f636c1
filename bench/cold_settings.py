"""The newsroom with nothing kept: every article page rendered from scratch, as right
after an edit. Measured beside the figures that use the cache."""

from newsroom.settings import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
