"""Numbers the newsroom's way: Eastern Arabic digits on Arabic pages when configured."""

import re

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

EASTERN = re.compile("[٠-٩]")


def test_western_digits_by_default(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'data-numbering="latn"' in html
    assert str(article.publish_at.year) in html


def test_eastern_digits_in_dates_and_counts_when_configured(client, settings):
    settings.NEWSROOM_EASTERN_ARABIC_DIGITS = True
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'data-numbering="arab"' in html
    year = str(article.publish_at.year).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert year in html  # the publication date
    assert 'class="reaction-count" data-count="0">٠<' in html  # the box's counts

    english = client.get("/en" + article.get_absolute_url()).content.decode()
    assert 'data-numbering="latn"' in english
    times = re.findall(r"<time[^>]*>([^<]*)</time>", english)
    assert times
    assert not any(EASTERN.search(t) for t in times)


def test_recent_times_are_marked_for_relative_display(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<time data-relative" in html
    assert "js/times.js" in html


def eastern(number) -> str:
    return str(number).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def test_home_page_times_use_the_chosen_digits(client, settings):
    settings.NEWSROOM_EASTERN_ARABIC_DIGITS = True
    in_latest, _lead = ArticleFactory(), ArticleFactory()  # the newer one leads
    html = client.get("/").content.decode()
    times = re.findall(r"<time[^>]*>([^<]*)</time>", html)
    # The latest list's time of day, as the lead's and the cards' dates.
    assert any(eastern(f"{timezone.localtime(in_latest.publish_at):%H:%M}") in t for t in times)
    assert not any(re.search("[0-9]", t) for t in times), times


def test_search_result_count_uses_the_chosen_digits(client, settings, monkeypatch):
    settings.NEWSROOM_EASTERN_ARABIC_DIGITS = True
    for _ in range(13):
        ArticleFactory(title="أسعار النفط")
    summary = re.compile(r'<p class="search-summary" role="status">([^<]*)</p>')
    html = client.get("/search/", {"q": "النفط"}).content.decode()
    assert summary.search(html).group(1) == f"{eastern(13)} نتيجة."
    assert f"صفحة {eastern(1)} من {eastern(2)}" in html  # as the pages were already

    monkeypatch.setattr("articles.search.MAX_CANDIDATES", 10)
    html = client.get("/search/", {"q": "النفط"}).content.decode()
    assert summary.search(html).group(1).startswith(f"أكثر من {eastern(10)} نتيجة")

    english = client.get("/en/search/", {"q": "النفط"}).content.decode()
    assert summary.search(english).group(1).startswith("More than 10 ")
