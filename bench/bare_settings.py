from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare_urls"
