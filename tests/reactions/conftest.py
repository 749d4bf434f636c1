import json
from types import SimpleNamespace

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.urls import reverse

from articles.models import Article, Section
from reactions.models import ModerationAction, ReactionKind
from tests.factories import ArticleFactory

# The seeded set, recreated when a transactional test has flushed the migration's rows.
KINDS = [
    ("like", "👍", "أعجبني", "Like"),
    ("love", "❤️", "أحببته", "Love"),
    ("haha", "😂", "مضحك", "Haha"),
    ("wow", "😮", "مدهش", "Wow"),
    ("sad", "😢", "حزين", "Sad"),
    ("angry", "😡", "غاضب", "Angry"),
]
SLUGS = [slug for slug, *_ in KINDS]


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """Rate-limit counters in a cache of the test's own: every test starts with none, and
    nothing else clearing the shared cache (another test run, the dev server) interferes."""
    settings.CACHES = {
        **settings.CACHES,
        "reactions-tests": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    settings.REACTIONS_RATE_LIMIT_CACHE = "reactions-tests"
    caches["reactions-tests"].clear()
    cache.clear()
    yield
    caches["reactions-tests"].clear()


def ensure_kinds() -> dict[str, ReactionKind]:
    result = {}
    for order, (slug, emoji, label_ar, label_en) in enumerate(KINDS, start=1):
        result[slug], _ = ReactionKind.objects.get_or_create(
            slug=slug,
            defaults={"emoji": emoji, "label_ar": label_ar, "label_en": label_en, "order": order},
        )
    return result


@pytest.fixture
def kinds(db) -> dict[str, ReactionKind]:
    return ensure_kinds()


@pytest.fixture
def article(kinds):
    return ArticleFactory()


@pytest.fixture(scope="module")
def committed(django_db_setup, django_db_blocker):
    """Articles committed for real, so other threads, processes and servers see them.

    Made once per module, before any test's transaction begins; the tests using them
    read from the main thread and write only from other connections. (Transactional
    tests would do, but they end by emptying every table, which also wipes the roles and
    kinds that data migrations put in the reused test database.) Deleted afterwards;
    reactions and tallies go with their article.
    """
    with django_db_blocker.unblock():
        kinds = ensure_kinds()
        articles = [ArticleFactory() for _ in range(4)]
        try:
            yield SimpleNamespace(articles=articles, kinds=kinds)
        finally:
            ids = [article.pk for article in articles]
            ModerationAction.objects.filter(article__in=ids).delete()
            Article.objects.filter(pk__in=ids).delete()
            Section.objects.filter(pk__in=[article.section_id for article in articles]).delete()
            connection.close()


def api_url(article_or_id) -> str:
    return reverse("reactions:react", args=[getattr(article_or_id, "pk", article_or_id)])


def tap(client, article, kind, *, as_json=False, headers=None, **extra):
    """A tap as the box's script sends it."""
    headers = {"accept": "application/json", **(headers or {})}
    if as_json:
        return client.post(
            api_url(article),
            data=json.dumps({"kind": kind}),
            content_type="application/json",
            headers=headers,
            **extra,
        )
    return client.post(api_url(article), {"kind": kind}, headers=headers, **extra)
