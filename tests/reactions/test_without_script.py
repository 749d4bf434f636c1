"""A reader without script: the box is a plain form, and each tap lands on a page that
shows what it did, in the language of the story, with the way back."""

import re

import pytest
from django.test import Client

from reactions.models import Reaction
from tests.factories import ArticleFactory
from tests.reactions.conftest import api_url

pytestmark = pytest.mark.django_db

BROWSER = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def form_tap(client, article, kind, *, next_url=None, **extra):
    """What a browser sends when the reader presses a reaction button without script."""
    next_url = article.get_absolute_url() if next_url is None else next_url
    return client.post(api_url(article), {"kind": kind, "next": next_url}, headers=BROWSER, **extra)


def pressed(html: str) -> list[str]:
    """The kinds whose buttons show as chosen."""
    buttons = re.findall(r'<button class="reaction"[^>]*>', html)
    return [re.search(r'value="([^"]+)"', b)[1] for b in buttons if 'aria-pressed="true"' in b]


def status(html: str) -> str:
    return re.search(r'<p class="reactions-status"[^>]*>(.*?)</p>', html, re.S)[1]


def test_a_tap_lands_on_a_page_with_the_new_counts_and_the_choice_marked(client, article):
    response = form_tap(client, article, "haha")
    assert response.status_code == 303
    assert response["Location"].startswith(api_url(article) + "?")
    assert Reaction.objects.get().kind.slug == "haha"

    # Not the story page: the browser may show its kept copy of that, with the old counts.
    page = client.get(response["Location"], headers=BROWSER)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert pressed(html) == ["haha"]
    assert status(html) == "اخترت: مضحك. العدد الآن 1."
    assert 'data-count="1">1</span>' in html
    assert f'href="{article.get_absolute_url()}"' in html  # back to the story
    assert article.title in html
    assert '<meta name="robots" content="noindex">' in html


def test_from_the_result_page_the_reader_changes_and_takes_back(client, article):
    page = client.post(
        api_url(article), {"kind": "like", "next": article.get_absolute_url()}, follow=True,
        headers=BROWSER,
    )  # fmt: skip
    assert pressed(page.content.decode()) == ["like"]
    page = form_tap(client, article, "sad", follow=True)
    assert pressed(page.content.decode()) == ["sad"]
    page = form_tap(client, article, "sad", follow=True)
    html = page.content.decode()
    assert pressed(html) == []
    assert status(html) == "سحبت تفاعلك: حزين. العدد الآن 0."  # as the script says it
    assert not Reaction.objects.exists()
    # Coming back later, with nothing just taken back.
    later = client.get(api_url(article), {"next": article.get_absolute_url()}, headers=BROWSER)
    assert status(later.content.decode()) == "لم تختر تفاعلًا مع هذا المقال."


def test_an_english_reader_gets_english_whatever_the_browser_asks_for(client, article):
    english_story = "/en" + article.get_absolute_url()
    page = form_tap(client, article, "love", next_url=english_story, follow=True,
                    HTTP_ACCEPT_LANGUAGE="ar")  # fmt: skip
    html = page.content.decode()
    assert '<html lang="en" dir="ltr"' in html
    assert status(html) == "You chose Love. The count is now 1."
    assert f'href="{english_story}"' in html
    # The language switch shows the story in Arabic, not this page.
    assert f'name="next" value="{english_story}"' in html


def test_a_next_pointing_elsewhere_is_replaced_by_the_story(client, article):
    for evil in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        page = form_tap(client, article, "like", next_url=evil, follow=True)
        html = page.content.decode()
        assert "evil" not in html and "javascript:" not in html
        assert f'href="{article.get_absolute_url()}"' in html
        form_tap(client, article, "like", next_url=evil)  # take it back for the next round


def test_a_refusal_is_a_readable_page_in_the_story_language_with_the_way_back(client, kinds):
    closed = ArticleFactory(reactions_closed=True)
    english_story = "/en" + closed.get_absolute_url()
    response = form_tap(client, closed, "like", next_url=english_story)
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="en" dir="ltr"' in html
    assert "Reactions are closed on this article" in html
    assert f'href="{english_story}#reactions"' in html


def test_too_many_taps_say_so_in_english_with_the_way_back(client, article, settings):
    settings.REACTIONS_RATE_LIMIT_READER = "2/60"
    settings.REACTIONS_RATE_LIMIT_IP = "0"
    english_story = "/en" + article.get_absolute_url()
    for _ in range(2):
        assert form_tap(client, article, "like", next_url=english_story).status_code == 303
    response = form_tap(client, article, "like", next_url=english_story)
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    html = response.content.decode()
    assert '<html lang="en" dir="ltr"' in html
    assert "Too many reactions" in html
    assert f"Try again in {response['Retry-After']} seconds" in html
    assert f'href="{english_story}#reactions"' in html


def test_a_post_without_a_kind_asks_for_a_reaction_not_a_field(client, article):
    response = client.post(api_url(article), {"next": article.get_absolute_url()}, headers=BROWSER)
    assert response.status_code == 400
    html = response.content.decode()
    assert "اختر أحد التفاعلات" in html
    assert "kind" not in re.sub(r"<[^>]+>", "", html)  # no field name in the words


def test_a_form_in_another_charset_is_a_readable_page_with_the_way_back(client, article):
    response = client.generic(
        "POST",
        api_url(article),
        data="kind=like".encode("utf-16"),
        content_type="application/x-www-form-urlencoded; charset=utf-16",
        headers=BROWSER,
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert "اختر أحد التفاعلات" in html
    assert "Bad Request" not in html


def test_the_result_page_of_a_story_that_is_gone_is_a_404_page(kinds):
    response = Client().get(api_url(987654321) + "?next=/en/", headers=BROWSER)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="en" dir="ltr"' in response.content.decode()


def test_scripts_still_get_json_from_the_same_address(client, article):
    form_tap(client, article, "wow")
    body = client.get(api_url(article), headers={"accept": "application/json"}).json()
    assert body["mine"] == "wow"
    assert Client().get(api_url(article)).json()["counts"]["wow"] == 1  # Accept: */*


@pytest.mark.parametrize(
    ("accept", "html"),
    [
        ("text/*", True),
        ("text/html;q=0.9, application/json;q=0.5", True),
        ("application/json, text/html;q=0.1", False),
        ("*/*", False),
        ("", False),
    ],
)
def test_the_answer_follows_what_the_tap_accepts(client, article, accept, html):
    """Only a request that prefers HTML lands on the result page; the script's JSON taps
    (no HTML in their Accept header) skip reading it."""
    response = client.post(
        api_url(article), {"kind": "like"}, content_type="application/json",
        headers={"accept": accept},
    )  # fmt: skip
    if html:
        assert response.status_code == 303
    else:
        assert response.status_code == 200
        assert response.json()["mine"] == "like"
