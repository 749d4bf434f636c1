"""«هل تقصد…؟»: a search that finds nothing offers a close spelling that finds something."""

from datetime import timedelta
from html import unescape
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

BODY = "<p>نص</p>"


def search(client, q, prefix="", **params):
    return client.get(f"{prefix}/search/", {"q": q, **params})


def suggestion(response):
    return response.context.get("suggestion")


def follow(client, response, prefix=""):
    return client.get(f"{prefix}/search/?{response.context['suggestion_query']}")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("نواكشوت", "نواكشوط"), ("الجزاير", "الجزائر"), ("موريتنيا", "موريتانيا")],
)
def test_misspelled_place_links_to_the_right_spelling_which_finds_the_story(client, typed, meant):
    story = ArticleFactory(title=f"أمطار غزيرة في {meant} هذا الأسبوع", deck="", body=BODY)
    response = search(client, typed)
    assert list(response.context["results"]) == []
    assert suggestion(response) == meant
    html = unescape(response.content.decode())
    assert "هل تقصد:" in html
    assert f'href="?{urlencode({"q": meant})}"' in html
    assert [a.pk for a in follow(client, response).context["results"]] == [story.pk]


def test_only_the_word_that_finds_nothing_is_replaced(client):
    ArticleFactory(title="انتخابات بلدية في نواكشوط", deck="", body="<p>جولة الإعادة غدا</p>")
    # «الإعادة» is only in the body (not in the vocabulary): it is kept as typed.
    response = search(client, "الإعادة نواكشوت")
    assert suggestion(response) == "الإعادة نواكشوط"
    assert len(follow(client, response).context["results"]) == 1


def test_a_glued_preposition_or_conjunction_is_kept(client):
    story = ArticleFactory(title="أمطار غزيرة في نواكشوط", deck="", body=BODY)
    for typed, meant in (("بنواكشوت", "بنواكشوط"), ("وموريتنيا", "وموريتانيا")):
        if meant == "وموريتانيا":
            story.title = "موريتانيا تستعد"
            story.save()
        response = search(client, typed)
        assert suggestion(response) == meant, typed
        assert len(follow(client, response).context["results"]) == 1


def test_hashtag_section_and_author_names_are_in_the_vocabulary(client):
    author = AuthorFactory(name="محمد ولد الشيخاني")
    ArticleFactory(title="خبر", deck="", body=BODY, authors=[author], hashtags=["الصيد_البحري"])
    assert suggestion(search(client, "الشيخانى ولد")) is None  # found: folding matches it
    assert suggestion(search(client, "الشيخاتي")) == "الشيخاني"
    assert suggestion(search(client, "البحرى الصيدد")) == "البحرى الصيد"


def test_a_query_that_finds_something_shows_no_suggestion(client):
    ArticleFactory(title="أمطار في نواكشوط", deck="", body=BODY)
    ArticleFactory(title="نواكشوت تستضيف معرضا", deck="", body=BODY)
    response = search(client, "نواكشوت")
    assert len(response.context["results"]) == 1
    assert suggestion(response) is None
    assert "هل تقصد" not in response.content.decode()


@pytest.mark.parametrize(
    "q", ["كلبتشزمخ", "zqxvwk", "نوا", "", "ا", "في من", "-نواكشوت", '"نواكشوت"']
)
def test_nonsense_short_or_unsearchable_queries_get_no_suggestion(client, q):
    ArticleFactory(title="أمطار غزيرة في نواكشوط", deck="", body=BODY)
    response = search(client, q)
    assert response.status_code == 200
    assert suggestion(response) is None
    assert "هل تقصد" not in response.content.decode()


def test_suggestion_never_names_a_hidden_story_words(client):
    ArticleFactory(title="زيارة سرية إلى تمبكتو", deck="", body=BODY, status=Article.Status.DRAFT)
    ArticleFactory(
        title="وفد يصل إلى تمبكتو",
        deck="",
        body=BODY,
        publish_at=timezone.now() + timedelta(days=1),  # scheduled
        hashtags=["تمبكتو"],
    )
    for q in ("تمبكتوو", "تنبكتو"):
        response = search(client, q)
        assert suggestion(response) is None, q
        assert "تمبكتو<" not in response.content.decode()


def test_suggestion_keeps_the_page_filters_and_must_find_within_them(client):
    sport, economy = SectionFactory(name="رياضة"), SectionFactory(name="اقتصاد")
    ArticleFactory(title="مهرجان في نواكشوط", deck="", body=BODY, section=economy)
    assert suggestion(search(client, "نواكشوت", section=sport.slug)) is None
    response = search(client, "نواكشوت", section=economy.slug)
    assert suggestion(response) == "نواكشوط"
    assert response.context["suggestion_query"] == urlencode(
        {"q": "نواكشوط", "section": economy.slug}
    )


def test_english_page_sets_the_arabic_suggestion_apart(client):
    ArticleFactory(title="أمطار غزيرة في نواكشوط", deck="", body=BODY)
    html = search(client, "نواكشوت", prefix="/en").content.decode()
    assert "Did you mean:" in html
    assert 'lang="ar">\u2068نواكشوط\u2069</a>?' in html


def test_a_story_published_since_is_known_at_once(client):
    ArticleFactory(title="أمطار غزيرة في نواكشوط", deck="", body=BODY)
    assert suggestion(search(client, "موريتنيا")) is None  # the vocabulary is kept
    draft = ArticleFactory(title="موريتانيا تستعد", deck="", body=BODY, status=Article.Status.DRAFT)
    assert suggestion(search(client, "موريتنيا")) is None
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert suggestion(search(client, "موريتنيا")) == "موريتانيا"


def test_zero_result_page_takes_a_bounded_few_more_queries(client, django_assert_num_queries):
    for n in range(15):
        ArticleFactory(title=f"الموانئ {n} في نواكشوط", authors=[AuthorFactory()])
    # A page that found nothing took 3; a new vocabulary takes 2 more (once in a while).
    with django_assert_num_queries(3 + 2):
        assert suggestion(search(client, "الموانئ زززززز")) is None
    with django_assert_num_queries(3):  # nothing close: no more
        assert suggestion(search(client, "الموانئ زززززز")) is None
    with django_assert_num_queries(3 + 1):  # one word: it found nothing alone; the correction does
        assert suggestion(search(client, "نواكشوت")) == "نواكشوط"
    with django_assert_num_queries(3 + 2):  # and whether each word finds something
        assert suggestion(search(client, "الموانئ نواكشوت")) == "الموانئ نواكشوط"
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(3 + 4):  # the most: the vocabulary built afresh
        assert suggestion(search(client, "الموانئ نواكشوت")) == "الموانئ نواكشوط"


def test_bad_input_never_fails(client):
    for q in ("\x00نواكشوت", "نواكشوت" * 100, "%" * 300, "-", "OR نواكشوت OR", "«نواكشوت»", "#"):
        assert search(client, q).status_code < 500, q
