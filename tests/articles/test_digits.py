"""Numbers the newsroom's way: Eastern Arabic digits on Arabic pages when configured."""

import re

import pytest

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
