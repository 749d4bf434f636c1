"""Reader privacy: no raw client address in any table or any log line.

Readers react, change their minds, get rate-limited, search, hit 404s and send garbage;
editors fail and succeed at logging in and save a story; all from distinctive addresses
(directly, and through a trusted proxy's X-Forwarded-For). Then every row of every table,
cast to text, and every captured log record are searched for those addresses.
"""

import logging

import pytest
from django.db import connection
from django.test import Client

from reactions.models import Reaction, ReactionKind
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

ADDRESSES = ["203.0.113.197", "2001:db8::dead:beef", "198.51.100.233"]
PROXY = "10.9.8.7"


def all_tables() -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def rows_mentioning(text: str) -> dict[str, int]:
    found = {}
    with connection.cursor() as cursor:
        for table in all_tables():
            quoted = connection.ops.quote_name(table)
            cursor.execute(
                f"SELECT count(*) FROM {quoted} AS t WHERE t::text LIKE %s", [f"%{text}%"]
            )
            if count := cursor.fetchone()[0]:
                found[table] = count
    return found


def test_no_raw_address_in_the_database_or_the_logs(caplog, settings, editor):
    settings.REACTIONS_TRUSTED_PROXIES = [PROXY]
    settings.REACTIONS_RATE_LIMIT_READER = "3/60"
    caplog.set_level(logging.DEBUG)
    for slug in ("like", "love"):
        ReactionKind.objects.get_or_create(
            slug=slug, defaults={"emoji": "👍", "label_ar": slug, "label_en": slug}
        )
    article = ArticleFactory(section=SectionFactory())
    api = f"/reactions/{article.pk}/"
    json_headers = {"accept": "application/json"}

    direct, ipv6 = Client(REMOTE_ADDR=ADDRESSES[0]), Client(REMOTE_ADDR=ADDRESSES[1])
    proxied = Client(REMOTE_ADDR=PROXY, headers={"x-forwarded-for": f"{ADDRESSES[2]}, {PROXY}"})
    for reader in (direct, ipv6, proxied):
        reader.get(article.get_absolute_url())
        reader.get(api)
        for kind in ("like", "love", "like", "love", "love"):  # the last two are rate-limited
            reader.post(api, {"kind": kind}, headers=json_headers)
        reader.post(api, {"kind": "nonsense"}, headers=json_headers)
        reader.post(api, "{not json", content_type="application/json")
        reader.post(api, {"kind": "like"}, headers={"origin": "https://evil.example"})
        reader.get("/search/?q=المناخ")
        reader.get("/section/لا-يوجد/")
        reader.get("/section/%00/")
        reader.get("/reactions/999999/")
        for _ in range(6):  # a locked-out guesser
            reader.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert Reaction.objects.exclude(ip_hash="").count() == 3

    editor_client = Client(REMOTE_ADDR=ADDRESSES[0])
    editor_client.post("/admin/login/", {"username": "root-nobody", "password": "x"})
    editor_client.force_login(editor)
    editor_client.get("/admin/articles/article/")

    for address in ADDRESSES:
        assert rows_mentioning(address) == {}, address
        for record in caplog.records:
            assert address not in record.getMessage(), record.getMessage()
            assert address not in str(record.args), record.args
    assert any("AXES" in record.getMessage() for record in caplog.records)  # logs were captured


def test_the_scan_would_find_an_address():
    """The table scan is not vacuous: an address stored anywhere is found."""
    ArticleFactory(title="مصدر من 203.0.113.197")
    assert "articles_article" in rows_mentioning("203.0.113.197")
