"""Settings for the newsroom, read from the environment.

Development defaults let `make run` work with no configuration. With DEBUG off
(production) the site refuses to start without SECRET_KEY and ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NEWSROOM_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if DEBUG:
    SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-not-for-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
elif not SECRET_KEY or not ALLOWED_HOSTS:
    raise ImproperlyConfigured("With DEBUG off, SECRET_KEY and ALLOWED_HOSTS must be set.")

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "newsroom.apps.HashtagsConfig",  # django-taggit
    "reversion",
    "django_prose_editor",
    "articles",
    "reactions",
    "axes",
]

MIDDLEWARE = [
    # ETag and 304s for every page, served from the page cache or not. A 304 carries the
    # validators and caching headers (RFC 9110), not the security headers: the browser
    # keeps those of the copy it holds, which had them.
    "django.middleware.http.ConditionalGetMiddleware",
    # Whole public pages for anonymous readers, ahead of everything else: a hit runs no
    # other middleware. A kept page holds the headers the middleware below gave it when it
    # was rendered (security headers, CSP: the same for every reader, as public pages
    # never carry a nonce), under its scheme and host. What it cannot answer goes on down:
    # another host, plain http where https is required (never kept: it is redirected), a
    # NUL byte, the reactions API, static files.
    "articles.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Inside the CSP middleware: relaxes style-src for the admin's editor only.
    "newsroom.security.AdminContentSecurityPolicyMiddleware",
    # Refuses NUL bytes in the path and query string before any view or query sees them.
    "newsroom.security.RejectNullBytesMiddleware",
    # The reaction box's script requests (anonymous, JSON) go straight to their view from
    # here: the middleware below is for pages.
    "reactions.middleware.ReactionsApiMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Inside the page cache: a page is compressed once, when stored, not on every hit.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsroom.middleware.LanguageInUrlVaryMiddleware",
    "newsroom.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a lockout into the Arabic lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username+address before the password is even checked.
    "newsroom.security.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "newsroom.context_processors.site",
                "articles.context_processors.navigation",
            ],
        },
    },
]

# PostgreSQL only: DATABASE_URL when given, otherwise the embedded server under var/.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "ENGINE": "newsroom.embedded_pg",
            "NAME": os.environ.get("NEWSROOM_DB_NAME", "newsroom"),
            "OPTIONS": {"data_dir": str(VAR_DIR / "postgres")},
        }
    }
    from newsroom.embedded_postgres import exit_cleanly_on_termination

    exit_cleanly_on_termination()  # a killed `make run` stops its server too
if DATABASES["default"]["ENGINE"] not in {
    "django.db.backends.postgresql",
    "newsroom.embedded_pg",
}:
    raise ImproperlyConfigured("The newsroom runs on PostgreSQL only.")
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Fail fast while the database is down (a 503 in seconds, not a worker stuck for minutes).
DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
    "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3"))
)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Statements run five times on a connection are prepared: PostgreSQL parses and plans them
# once. On the hot paths planning cost as much as running (a reaction tap: 1.8 ms of
# database CPU unprepared, 1.0 ms prepared). Prepared statements live in the database
# session: behind a transaction-mode pooler (PgBouncer) set DATABASE_PREPARED_STATEMENTS=0.
if env_bool("DATABASE_PREPARED_STATEMENTS", True):
    DATABASES["default"]["OPTIONS"].update(server_side_binding=True, prepare_threshold=5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every app process: Redis when REDIS_URL is set, otherwise files
# under var/ (shared by the processes of one machine, unlike a per-process memory cache),
# with Django's file cache checking its size once per 100 writes or per batch rather than
# before every write (newsroom/file_cache.py).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "newsroom.redis_cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.file_cache.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
# Public pages: how long readers' browsers and CDNs may keep them, and Django's own copy.
NEWSROOM_PAGE_MAX_AGE = int(os.environ.get("NEWSROOM_PAGE_MAX_AGE", "60"))
NEWSROOM_PAGE_CACHE_TIMEOUT = int(os.environ.get("NEWSROOM_PAGE_CACHE_TIMEOUT", "600"))
NEWSROOM_PAGE_STALE_WHILE_REVALIDATE = 30
# A merge of hashtags from the admin runs in the request, about 4 ms a story (its revisions
# and search documents): each request moves at most this many stories, and the merge page
# comes back for the editor to go on with the rest. `manage.py merge_hashtags` does a
# merge of any size at once.
NEWSROOM_MERGE_IN_ADMIN_LIMIT = int(os.environ.get("NEWSROOM_MERGE_IN_ADMIN_LIMIT", "3000"))
# Part of every kept page's key, so that a deploy never serves pages the previous release
# rendered. Empty: a digest of the project's templates, code, static files and catalogues.
NEWSROOM_RELEASE = os.environ.get("NEWSROOM_RELEASE", "")
# The article page's live part, kept with the story and filled per request (keep/fill).
NEWSROOM_ARTICLE_BOX = "reactions.box"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Arabic first.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("العربية")), ("en", _("English"))]
# Ours, then Arabic for the strings Django's and django-taggit's own Arabic catalogues
# leave untranslated (written by hand; `make messages` does not touch them).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "upstream"]
# Per-language date formats (newsroom/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["newsroom.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Riyadh")

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploads: the image validator gives the reader-facing limit; this caps the request.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
NEWSROOM_IMAGE_MAX_BYTES = int(os.environ.get("NEWSROOM_IMAGE_MAX_BYTES", 10 * 1024 * 1024))
NEWSROOM_IMAGE_MAX_PIXELS = int(os.environ.get("NEWSROOM_IMAGE_MAX_PIXELS", 40_000_000))
NEWSROOM_RENDITION_WIDTHS = (480, 800, 1200)
# A lead image at least as large as the smallest rendition, in the pages' 16:9 frame.
NEWSROOM_LEAD_IMAGE_MIN_SIZE = (480, 270)

SITE_NAME = _("غرفة الأخبار")
# Eastern Arabic digits (٠١٢٣٤٥٦٧٨٩) in dates and counts on Arabic pages, when the
# newsroom's house style wants them; Western digits otherwise.
NEWSROOM_EASTERN_ARABIC_DIGITS = env_bool("NEWSROOM_EASTERN_ARABIC_DIGITS", default=False)

# Tags: Arabic slugs kept; the Arabic comma and leading '#' understood.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = False
TAGGIT_TAGS_FROM_STRING = "articles.hashtags.parse_hashtags"
TAGGIT_CASE_INSENSITIVE = True  # «#Mali» typed after «#mali» is the same hashtag
TAGGIT_STRING_FROM_TAGS = "articles.hashtags.format_hashtags"

LOGIN_URL = "admin:login"

# Security: strict by default in production; `check --deploy` is clean.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# The language switch's cookie (set_language): no script reads it.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy on every response. Public pages use no inline script or style
# at all (their JSON-LD blocks are data, which CSP does not govern), so their header
# never carries a nonce and a cached page is the same for everyone. The admin renders
# its few inline scripts (the prose editor's import map, prepopulated fields) with the
# request's nonce; newsroom.security relaxes style-src there only, because the editor
# (ProseMirror/Tiptap) writes style attributes and a <style> element from script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
NEWSROOM_ADMIN_CSP = {**SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}

# Admin login throttling (django-axes): after AXES_FAILURE_LIMIT failures for one
# username from one address, that pair is locked out for AXES_COOLOFF_MINUTES, even with
# the right password. Counters live in the cache (Redis when configured, shared by every
# app process), not in the database, so no client address is ever stored; the handler
# lets logins through, with a warning, while the cache is down.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "newsroom.security.FailOpenAxesCacheHandler"
AXES_CACHE = os.environ.get("AXES_CACHE", "default")
AXES_ENABLE_ADMIN = False  # nothing is kept in axes' tables with the cache handler
AXES_LOCKOUT_CALLABLE = "newsroom.security.lockout_response"  # Arabic page, 429
# The same client address as the reactions' rate limits: REMOTE_ADDR, or X-Forwarded-For
# behind REACTIONS_TRUSTED_PROXIES only.
AXES_CLIENT_IP_CALLABLE = "reactions.identity.client_ip"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address"]  # masked in axes' log lines

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # axes: its start-up banner is noise; failures and lockouts are warnings.
    "loggers": {"embedded_postgres": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Reactions
# Reader reactions (the reactions app). Rates are "requests/seconds"; "0" turns a limit off.
# Limits live in the cache named here (Redis when configured) so every app process shares
# them; a cache that is down lets taps through. Client addresses come from REMOTE_ADDR, or
# from X-Forwarded-For only when REMOTE_ADDR is one of these proxies (IPs or CIDR ranges).
# Reader ids and address hashes are keyed by REACTIONS_HASH_SECRET (SECRET_KEY when empty),
# so SECRET_KEY can rotate without forgetting every reader's choice; the address key also
# changes every day by itself.
REACTIONS_TRUSTED_PROXIES = env_list("REACTIONS_TRUSTED_PROXIES")
REACTIONS_RATE_LIMIT_IP = os.environ.get("REACTIONS_RATE_LIMIT_IP", "120/60")
REACTIONS_RATE_LIMIT_READER = os.environ.get("REACTIONS_RATE_LIMIT_READER", "30/60")
REACTIONS_RATE_LIMIT_CACHE = os.environ.get("REACTIONS_RATE_LIMIT_CACHE", "default")
REACTIONS_HASH_SECRET = os.environ.get("REACTIONS_HASH_SECRET", "")
REACTIONS_COOKIE_NAME = "newsroom_reader"
REACTIONS_COOKIE_MAX_AGE = 60 * 60 * 24 * 365
# Retention: `purge_reader_data` blanks address hashes and deletes voided reactions
# older than this many days.
REACTIONS_RETENTION_DAYS = int(os.environ.get("REACTIONS_RETENTION_DAYS", "30"))
