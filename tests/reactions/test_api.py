"""The JSON endpoint, as the box's script and a plain form post use it."""

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from reactions.identity import client_ip
from reactions.models import Reaction
from tests.factories import ArticleFactory
from tests.reactions.conftest import SLUGS, api_url, tap

pytestmark = pytest.mark.django_db

ARABIC = re.compile(r"[\u0600-\u06ff]")


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["error"] == code
    assert ARABIC.search(body["message"]), body
    assert body["message_en"] and body["message_en"].isascii(), body
    assert "no-store" in response["Cache-Control"]
    return body


def test_get_lists_every_active_kind_with_zeros_and_is_never_cached(client, article):
    response = client.get(api_url(article))
    assert response.status_code == 200
    assert response.json() == {
        "counts": dict.fromkeys(SLUGS, 0),
        "total": 0,
        "mine": None,
        "closed": False,
    }
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers  # looking sets nothing


def test_post_records_and_returns_the_new_document(client, article):
    response = tap(client, article, "love")
    assert response.status_code == 200
    body = response.json()
    assert body["counts"]["love"] == 1
    assert body["total"] == 1
    assert body["mine"] == "love"
    assert "no-store" in response["Cache-Control"]
    assert client.get(api_url(article)).json()["mine"] == "love"


def test_json_body_is_accepted(client, article):
    response = tap(client, article, "wow", as_json=True)
    assert response.status_code == 200
    assert response.json()["mine"] == "wow"


def test_add_move_remove_through_the_api(client, article):
    assert tap(client, article, "like").json()["mine"] == "like"
    moved = tap(client, article, "sad").json()
    assert (moved["mine"], moved["counts"]["like"], moved["counts"]["sad"]) == ("sad", 0, 1)
    removed = tap(client, article, "sad").json()
    assert (removed["mine"], removed["total"]) == (None, 0)
    assert not Reaction.objects.exists()


def test_reader_cookie_is_signed_httponly_lax_and_scoped_to_the_endpoint(client, article, settings):
    response = tap(client, article, "like")
    cookie = response.cookies[settings.REACTIONS_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/reactions/"
    assert cookie["max-age"] == settings.REACTIONS_COOKIE_MAX_AGE
    assert ":" in cookie.value  # signed
    # The stored key is a hash, not the cookie's id.
    stored = Reaction.objects.get().reader_key
    assert len(stored) == 64
    assert stored not in cookie.value


def test_a_forged_cookie_is_a_new_reader(client, article, settings):
    tap(client, article, "like")
    forged = Client()
    forged.cookies[settings.REACTIONS_COOKIE_NAME] = "someone-else:forged-signature"
    body = forged.get(api_url(article)).json()
    assert body["mine"] is None
    assert tap(forged, article, "like").json()["counts"]["like"] == 2


def test_two_readers_each_have_their_own_choice(article):
    alice, bob = Client(), Client()
    tap(alice, article, "love")
    tap(bob, article, "angry")
    assert alice.get(api_url(article)).json()["mine"] == "love"
    assert bob.get(api_url(article)).json()["mine"] == "angry"
    assert Client().get(api_url(article)).json()["total"] == 2


def test_logged_in_reader_is_keyed_by_account_across_browsers(django_user_model, article):
    user = django_user_model.objects.create_user("reader", password="pw-for-tests-only")
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)
    tap(laptop, article, "like")
    assert phone.get(api_url(article)).json()["mine"] == "like"
    assert tap(phone, article, "like").json()["mine"] is None
    assert not Reaction.objects.exists()
    tap(phone, article, "wow")
    assert Reaction.objects.get().user == user


def test_no_raw_address_is_stored(client, article):
    tap(client, article, "like", REMOTE_ADDR="203.0.113.7")
    reaction = Reaction.objects.get()
    assert "203.0.113.7" not in reaction.ip_hash
    assert len(reaction.ip_hash) == 64


# The script's requests skip the page middleware: what that middleware guaranteed holds.
def test_a_tap_for_a_host_the_site_does_not_serve_is_refused(client, article):
    response = tap(client, article, "love", HTTP_HOST="news.attacker.example")
    assert response.status_code == 400
    assert not Reaction.objects.exists()


def test_the_scripts_answers_carry_the_sites_security_headers(client, article):
    for response in (tap(client, article, "love"), client.get(api_url(article))):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "default-src" in response["Content-Security-Policy"]


def test_a_form_post_without_an_accept_header_is_answered_with_pages(client, article):
    story = article.get_absolute_url()
    response = client.post(api_url(article), {"kind": "wow", "next": story})
    assert response.status_code == 303
    page = client.get(response["Location"], headers={"accept": "text/html"})
    assert "اخترت: مدهش" in page.content.decode()
    refused = client.post(api_url(article), {"kind": "no-such-kind", "next": story})
    assert refused.status_code == 400
    assert refused["Content-Type"].startswith("text/html")
    assert f'href="{story}#reactions"' in refused.content.decode()


def test_a_reader_with_a_session_but_not_signed_in_is_an_anonymous_reader(client, article):
    # A session cookie (the language switch, a failed login) takes the pages' road.
    client.cookies["sessionid"] = "not-a-session"
    assert tap(client, article, "sad").json()["mine"] == "sad"
    assert Reaction.objects.get().user is None


# Every bad input: a 4xx JSON answer in Arabic and English, never a 500.


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.ARCHIVED]
)
def test_unpublished_article_is_404(client, kinds, status):
    hidden = ArticleFactory(status=status, publish_at=None if status == "draft" else timezone.now())
    assert_error(client.get(api_url(hidden)), 404, "not_found")
    assert_error(tap(client, hidden, "like"), 404, "not_found")


def test_scheduled_article_is_404(client, kinds):
    scheduled = ArticleFactory(publish_at=timezone.now() + timedelta(hours=2))
    assert_error(tap(client, scheduled, "like"), 404, "not_found")
    assert not Reaction.objects.exists()


@pytest.mark.parametrize("article_id", [0, 987654321, 99999999999999999999999])
def test_unknown_article_is_404(client, kinds, article_id):
    assert_error(client.get(f"/reactions/{article_id}/"), 404, "not_found")
    assert_error(tap(client, article_id, "like"), 404, "not_found")


@pytest.mark.parametrize("kind", ["thumbs", "LIKE", "👍", "x" * 40, "like\x00", "", "ل"])
def test_unknown_kind_or_bad_slug_is_400(client, article, kind):
    response = tap(client, article, kind)
    assert response.status_code == 400
    assert_error(response, 400, response.json()["error"])
    assert response.json()["error"] in {"unknown_kind", "malformed"}


def test_retired_kind_is_400(client, article, kinds):
    kinds["angry"].active = False
    kinds["angry"].save()
    assert_error(tap(client, article, "angry"), 400, "unknown_kind")


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[1, 2]",
        b'"like"',
        b"null",
        b'{"kind": ["like"]}',
        b'{"kind": {"a": 1}}',
        b'{"other": "like"}',
        b"\xff\xfe\x00",
    ],
)
def test_malformed_json_is_400(client, article, body):
    response = client.post(
        api_url(article), data=body, content_type="application/json", headers={"accept": "*/*"}
    )
    assert_error(response, 400, "malformed")


def test_missing_kind_in_a_form_is_400(client, article):
    assert_error(client.post(api_url(article), {"kinds": "like"}), 400, "malformed")


def test_broken_multipart_is_400(client, article):
    response = client.post(
        api_url(article),
        data=b"--xx\r\nContent-Disposition: form-data\r\n\r\nbroken",
        content_type="multipart/form-data; boundary=",
    )
    assert_error(response, 400, "malformed")


@pytest.mark.parametrize("charset", ["utf-16", "latin-1"])
def test_a_form_in_another_charset_is_400_and_records_nothing(client, article, charset):
    """Django refuses to decode a form declared in anything but UTF-8 (BadRequest): the
    answer was Django's bare English «Bad Request (400)» page, not the API's own."""
    response = client.generic(
        "POST",
        api_url(article),
        data="kind=like".encode(charset),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert_error(response, 400, "malformed")
    assert not Reaction.objects.exists()


def test_oversized_body_is_refused(client, article, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post(
        api_url(article),
        data=json.dumps({"kind": "like", "pad": "x" * 5000}),
        content_type="application/json",
    )
    assert_error(response, 413, "too_large")


@pytest.mark.parametrize("method", ["put", "patch", "delete", "options"])
def test_other_methods_are_405(client, article, method):
    response = getattr(client, method)(api_url(article))
    assert_error(response, 405, "method_not_allowed")
    assert "POST" in response["Allow"]


def test_closed_article_refuses_taps_but_shows_counts(client, kinds):
    closed = ArticleFactory(reactions_closed=True)
    assert_error(tap(client, closed, "like"), 403, "closed")
    body = client.get(api_url(closed)).json()
    assert body["closed"] is True
    assert body["total"] == 0


# Cross-site posts are refused; our own pages and non-browser clients are not.


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://evil.example"},
        {"origin": "null"},
        {"origin": "http://testserver.evil.example"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},
        {"origin": "https://evil.example", "sec-fetch-site": "same-origin"},
    ],
)
def test_cross_site_post_is_refused(client, article, headers):
    assert_error(tap(client, article, "like", headers=headers), 403, "cross_site")
    assert not Reaction.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://testserver"},
        {"origin": "http://testserver", "sec-fetch-site": "same-origin"},
        {"sec-fetch-site": "same-origin"},
        {"sec-fetch-site": "none"},
        {},
    ],
)
def test_same_origin_post_is_accepted(client, article, headers):
    assert tap(client, article, "like", headers=headers).status_code == 200


def test_trusted_origin_from_settings_is_accepted(client, article, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.news.example"]
    response = tap(client, article, "like", headers={"origin": "https://www.news.example"})
    assert response.status_code == 200


# Rate limits: per address hash and per reader, with Retry-After.


def test_reader_over_the_limit_gets_429_with_retry_after(client, article, settings):
    settings.REACTIONS_RATE_LIMIT_READER = "3/60"
    settings.REACTIONS_RATE_LIMIT_IP = "0"
    for kind in ("like", "love", "wow"):
        assert tap(client, article, kind).status_code == 200
    response = tap(client, article, "sad")
    assert_error(response, 429, "rate_limited")
    assert int(response["Retry-After"]) in range(1, 62)
    assert Reaction.objects.get().kind.slug == "wow"
    # Another reader is not affected.
    assert tap(Client(), article, "sad").status_code == 200


def test_the_refusal_names_the_wait_in_both_languages(client, article, settings, time_machine):
    settings.REACTIONS_RATE_LIMIT_READER = "1/60"
    settings.REACTIONS_RATE_LIMIT_IP = "0"
    time_machine.move_to(timezone.now().replace(second=5, microsecond=0), tick=False)
    assert tap(client, article, "like").status_code == 200
    body = assert_error(tap(client, article, "love"), 429, "rate_limited")
    # The window ends 55 seconds on; Retry-After rounds up by one.
    assert body["message_en"] == "Too many reactions in a short time. Try again in 56 seconds."
    assert body["message"] == "تفاعلات كثيرة في وقت قصير. حاول مجددًا بعد 56 ثانية."
    time_machine.move_to(timezone.now().replace(second=58), tick=False)
    body = assert_error(tap(client, article, "love"), 429, "rate_limited")
    assert body["message_en"].endswith("Try again in 3 seconds.")
    assert body["message"].endswith("حاول مجددًا بعد 3 ثوانٍ.")
    time_machine.move_to(timezone.now().replace(second=59, microsecond=500_000), tick=False)
    body = assert_error(tap(client, article, "love"), 429, "rate_limited")
    assert body["message_en"].endswith("Try again in one second.")
    assert body["message"].endswith("حاول مجددًا بعد ثانية واحدة.")


def test_address_over_the_limit_gets_429_whatever_the_reader(article, settings):
    settings.REACTIONS_RATE_LIMIT_IP = "2/60"
    for _ in range(2):
        assert tap(Client(), article, "like", REMOTE_ADDR="198.51.100.9").status_code == 200
    response = tap(Client(), article, "like", REMOTE_ADDR="198.51.100.9")
    assert_error(response, 429, "rate_limited")
    assert int(response["Retry-After"]) >= 1
    assert tap(Client(), article, "like", REMOTE_ADDR="198.51.100.10").status_code == 200


def test_rate_limit_fails_open_when_the_cache_is_down(client, article, settings):
    settings.CACHES = {
        **settings.CACHES,
        "broken": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                   "LOCATION": "redis://127.0.0.1:1/0"},
    }  # fmt: skip
    settings.REACTIONS_RATE_LIMIT_CACHE = "broken"
    settings.REACTIONS_RATE_LIMIT_READER = "1/60"
    assert tap(client, article, "like").status_code == 200
    assert tap(client, article, "love").status_code == 200


def test_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(rf, settings):
    settings.REACTIONS_TRUSTED_PROXIES = ["10.0.0.0/8"]
    direct = rf.get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(direct) == "203.0.113.5"
    proxied = rf.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4, 10.0.0.9"
    )
    assert client_ip(proxied) == "198.51.100.4"  # the client cannot choose its own address
    garbage = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_ip(garbage) == "10.0.0.2"
    only_proxies = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="10.1.1.1")
    assert client_ip(only_proxies) == "10.1.1.1"


def test_address_hash_rotates_daily(article, time_machine):
    from reactions.identity import ip_hash

    time_machine.move_to("2026-03-01 10:00Z")
    monday = ip_hash("203.0.113.5")
    assert ip_hash("203.0.113.5") == monday
    time_machine.move_to("2026-03-02 10:00Z")
    assert ip_hash("203.0.113.5") != monday
