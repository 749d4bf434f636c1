"""Spellings readers type that the stories spell otherwise, and words too common to search.

Each test is a search a reader made: hamza on another carrier («مسئول» for «مسؤول»), a
Persian or Urdu keyboard («الساحلی»), text pasted in presentation forms («ﻻ»), and queries
made only of «في» or «ال».
"""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles import search
from articles.arabic import LETTER_FOLD, normalize
from articles.models import Article, TaggedArticle
from articles.search import highlight, parse_query
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

TOO_SHORT = "اكتب كلمة من حرفين على الأقل لنبحث عنها."
TOO_COMMON = "كلمات مثل «في» و«من» أشيع من أن نبحث عنها وحدها"


def titles(response):
    return [a.title for a in response.context["results"]]


def search_page(client, q):
    return client.get("/search/", {"q": q})


def run_reindex_migration(name: str) -> None:
    """``rebuild`` of data migration ``name``, with the models as they stood at it."""
    migration = importlib.import_module(f"articles.migrations.{name}")
    migration.rebuild(
        MigrationExecutor(connection).loader.project_state(("articles", name)).apps, None
    )


def index_as_an_older_release_did(article, title: str) -> None:
    """Store the vector of ``title`` as ``article``'s: what an older normalisation built."""
    old = search.document_vector(title=title, deck="", tags=[], body_html="", extra=[])
    Article.objects.filter(pk=article.pk).update(search_vector=old)


def story(title, body="نص الخبر"):
    return ArticleFactory(title=title, deck="", body=f"<p>{body}</p>", agency="", city="")


# 1. Hamza on a carrier


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["مسئول", "مسؤول", "مسءول", "المسئولين"])
def test_mas_ul_is_found_whichever_hamza_the_reader_types(client, q):
    official = story("مسؤول في الوزارة يكشف الأرقام")
    egyptian = story("المسئولون يجتمعون غدا")
    story("اجتماع الحكومة الأسبوعي")
    assert set(titles(search_page(client, q))) == {official.title, egyptian.title}


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["رءيس", "رئيس", "الرئيس"])
def test_ra_is_is_found_whichever_hamza_the_reader_types(client, q):
    president = story("الرئيس يستقبل الوفد")
    story("الوزير يستقبل الوفد")
    assert titles(search_page(client, q)) == [president.title]


@pytest.mark.parametrize(
    ("written", "typed", "marked"),
    [
        ("قال مسؤول في الوزارة", "مسئول", "قال <mark>مسؤول</mark> في الوزارة"),
        ("قال المسئولون", "مسؤولين", "قال <mark>المسئولون</mark>"),
        ("الرئيس يصل", "رءيس", "<mark>الرئيس</mark> يصل"),
        ("هيئة الأمم", "هيءة", "<mark>هيئة</mark> الأمم"),
    ],
)
def test_the_snippet_marks_the_story_s_own_spelling(written, typed, marked):
    assert highlight(written, parse_query(typed).words) == marked


@pytest.mark.django_db
def test_a_hashtag_typed_with_another_hamza_leads_to_it(client):
    ArticleFactory(hashtags=["المسؤولية_الاجتماعية"])
    response = client.get("/tag/المسئولية_الاجتماعية/")
    assert response.status_code == 302
    assert client.get(response["Location"], follow=True).status_code == 200


def test_the_sql_fold_of_hashtags_is_the_python_one():
    source, target = LETTER_FOLD
    assert len(source) == len(target)
    assert all(normalize(a) == b for a, b in zip(source, target, strict=True))
    assert source.translate(str.maketrans(source, target)) == normalize(source)


# 2. Persian and Urdu keyboards


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["الساحلی", "الساحلي"])
def test_a_persian_keyboard_yeh_finds_the_arabic_one(client, q):
    coast = story("الشريط الساحلي يستعد للموسم")
    story("مباراة في العاصمة")
    assert titles(search_page(client, q)) == [coast.title]


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["کرة القدم", "کرۃ القدم", "كرة القدم"])
def test_keheh_and_urdu_teh_marbuta_find_the_arabic_letters(client, q):
    football = story("كرة القدم النسائية تتقدم")
    story("السلة النسائية تتقدم")
    assert titles(search_page(client, q)) == [football.title]


@pytest.mark.django_db
def test_a_story_typed_on_a_persian_keyboard_is_found_in_arabic(client):
    pasted = story("مباحثات في طهران", body="وصل وزیر الخارجیة إلی الکویت")
    assert titles(search_page(client, "وزير الخارجية الكويت")) == [pasted.title]


# 3. Presentation forms


@pytest.mark.django_db
def test_a_query_pasted_in_presentation_forms_finds_the_letters(client):
    players = story("اللاعبون يعودون إلى التدريب")
    story("المدربون يعودون")
    assert titles(search_page(client, "ﺍﻟﻼﻋﺒﻮﻥ")) == [players.title]
    assert titles(search_page(client, "الﻻعبون")) == [players.title]


@pytest.mark.django_db
def test_the_lam_alef_ligature_alone_is_a_word_of_a_quoted_phrase(client):
    refusal = story("لا تراجع عن الإصلاح")
    story("تراجع الأسعار في الأسواق")
    assert titles(search_page(client, '"ﻻ تراجع"')) == [refusal.title]


@pytest.mark.django_db
def test_a_story_pasted_in_presentation_forms_is_found_and_marked(client):
    pasted = story("بيان الوزارة", body="ﺍﺗﻔﺎﻕ ﺍﻟﺴﻼﻡ ﻳﻮﻗﻊ ﺍﻟﻴﻮﻡ")
    response = search_page(client, "اتفاق السلام")
    assert titles(response) == [pasted.title]
    assert "<mark>ﺍﻟﺴﻼﻡ</mark>" in response.content.decode()


def test_the_lam_alef_ligature_is_lam_and_alef():
    assert normalize("ﻻ") == "لا"
    assert parse_query("ﻻعب") == parse_query("لاعب")
    assert parse_query("ﻻ") == parse_query("لا")
    # Only those characters are read in compatibility form: the rest is left as written.
    assert normalize("ﻻ ¹ ﬁ Ⅳ") == "لا ¹ ﬁ Ⅳ"


# 4. Words too common to search


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["ال", "في", "في من", "هذه التي", "على", "ﻻ", "في OR من"])
def test_a_query_of_only_common_words_finds_nothing_and_says_so(client, q):
    story("الحكومة تجتمع في العاصمة", body="ال من على هذه التي")
    response = search_page(client, q)
    assert titles(response) == []
    assert response.context["query"] is None
    html = response.content.decode()
    assert TOO_COMMON in html
    assert TOO_SHORT not in html  # the reader did type words of two letters


@pytest.mark.django_db
def test_common_words_beside_a_real_word_are_left_out(client):
    ports = story("توسعة الموانئ", body="تبدأ الأعمال قريبا")  # no «في»
    story("الحكومة تجتمع في العاصمة")
    assert titles(search_page(client, "في الموانئ")) == [ports.title]
    assert parse_query("في الموانئ").words == ("الموانء",)


@pytest.mark.django_db
def test_common_words_are_kept_in_quoted_phrases(client):
    apart = story("الأمن المائي في المنطقة", body="المنطقة تحت الأمن")
    together = story("الأمن في المنطقة أولوية")
    assert titles(search_page(client, '"الأمن في المنطقة"')) == [together.title]
    assert set(titles(search_page(client, '"في"'))) == {apart.title, together.title}


@pytest.mark.django_db
def test_a_name_that_folds_like_a_common_word_is_still_searched(client):
    """«على» is a preposition; «علي» a name. «آلي» is not «إلى»."""
    ali = story("كريم بن علي يفوز بالسباق")
    robot = story("الإنسان الآلي يدخل المصانع")
    assert titles(search_page(client, "علي")) == [ali.title]
    assert titles(search_page(client, "آلي")) == [robot.title]


@pytest.mark.django_db
def test_the_prepositions_on_and_to_are_not_the_name_ali_or_automatic(client):
    """Folded like other words, «على» would be «علي» and «إلى» «الي»: every story with the
    preposition found by a reader looking for the name or for «آلي», and marked in it."""
    ali = story("كريم بن علي يفوز بالسباق")
    robot = story("الإنسان الآلي يدخل المصانع")
    talks = story(
        "الوزراء يتفقون على خطة للمياه",
        body="وعلى الحكومات أن تنتقل إلى التنفيذ فإلى متى الانتظار",
    )
    assert titles(search_page(client, "علي")) == [ali.title]
    assert titles(search_page(client, "آلي")) == [robot.title]
    # The prepositions are still words of a quoted phrase, with or without a conjunction.
    for phrase in ('"يتفقون على خطة"', '"وعلى الحكومات"', '"تنتقل الى التنفيذ"', '"فإلى متى"'):
        assert titles(search_page(client, phrase)) == [talks.title], phrase
    assert "<mark>" not in highlight(talks.title, parse_query("علي").words)
    assert highlight(ali.title, parse_query("علي").words) == "كريم بن <mark>علي</mark> يفوز بالسباق"


# 5. Stored vectors rebuilt


def _old_vector(article):
    """The vector as the old folding built it (ؤ → و, ئ → ي): what the archive holds."""
    old = str.maketrans({"ؤ": "و", "ئ": "ي"})
    return search.document_vector(
        title=article.title.translate(old),
        deck=article.deck.translate(old),
        tags=[],
        body_html=article.body.translate(old),
        extra=[],
    )


@pytest.mark.django_db
def test_the_migration_rebuilds_vectors_built_with_the_old_folding(client):
    section = SectionFactory(name="سياسة")
    writer = AuthorFactory(name="سلمى الحداد")
    article = ArticleFactory(
        title="المسؤولون يجتمعون",
        deck="",
        body="<p>نص</p>",
        agency="وكالة الأنباء",
        city="جنيف",
        section=section,
        hashtags=["الرئاسة"],
        authors=[writer],
    )
    fresh = Article.objects.values_list("search_vector", flat=True).get(pk=article.pk)
    Article.objects.filter(pk=article.pk).update(search_vector=_old_vector(article))
    assert titles(search_page(client, "مسئولون")) == []

    run_reindex_migration("0009_reindex_search_hamza_and_presentation_forms")

    assert titles(search_page(client, "مسئولون")) == [article.title]
    # The same vector the model builds, hashtags, author, section and dateline included.
    assert Article.objects.values_list("search_vector", flat=True).get(pk=article.pk) == fresh
    for q in ("#الرئاسة", "الحداد", "سياسة", "جنيف"):
        assert titles(search_page(client, q)) == [article.title], q


@pytest.mark.django_db
def test_rebuilding_goes_through_every_batch():
    articles = [story(f"مسؤول رقم {n}") for n in range(5)]
    Article.objects.update(search_vector=None)
    assert search.rebuild_vectors(Article, TaggedArticle, batch_size=2) == 5
    assert Article.objects.filter(search_vector__isnull=True).count() == 0
    found = Article.objects.search(parse_query("مسئول")).values_list("pk", flat=True)
    assert set(found) == {a.pk for a in articles}


@pytest.mark.django_db
def test_an_idea_is_not_a_ball_nor_actual_ali(client):
    """The ف of «فكرة» and «فعلي» is the root's, not the conjunction: a reader looking for
    football or for the name Ali got every story with an idea or an actual figure."""
    football = story("كرة القدم تجمع العرب في الدوحة")
    idea = story("فكرة جديدة لتمويل المدارس", body="الرقم الفعلي أعلى بكثير وهذا فعليا ما حدث")
    ali = story("كريم بن علي يفوز بالسباق")
    assert titles(search_page(client, "كرة")) == [football.title]
    assert titles(search_page(client, "علي")) == [ali.title]
    assert titles(search_page(client, "فكرة")) == [idea.title]
    assert titles(search_page(client, "الفعلي")) == [idea.title]
    # The conjunction is still taken off other words, and off «على».
    government = story(
        "فالحكومة تقرر خفض الضرائب", body="فقرر البرلمان تأجيل التصويت فعلى الجميع الانتظار"
    )
    assert titles(search_page(client, "الحكومة")) == [government.title]
    assert titles(search_page(client, "قرر")) == [government.title]
    assert titles(search_page(client, '"على الجميع"')) == [government.title]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("migration", "query", "meant", "mistaken", "as_indexed"),
    [
        # «على» indexed as «علي», the name.
        (
            "0013_reindex_search_prepositions_keep_alef_maqsura",
            "علي",
            "كريم بن علي يفوز بالسباق",
            "الوزراء يتفقون على خطة للمياه",
            "الوزراء يتفقون علي خطة للمياه",
        ),
        # «فكرة» (an idea) indexed as «كرة» (a ball) too.
        (
            "0014_reindex_search_roots_beginning_with_fa",
            "كرة",
            "كرة القدم تجمع العرب في الدوحة",
            "فكرة جديدة لتمويل المدارس",
            "فكرة كرة جديدة لتمويل المدارس",
        ),
    ],
    ids=["on-for-ali", "idea-for-ball"],
)
def test_the_migration_rebuilds_what_the_archive_indexed_wrongly(
    client, migration, query, meant, mistaken, as_indexed
):
    meant, mistaken = story(meant), story(mistaken)
    index_as_an_older_release_did(mistaken, as_indexed)  # what the archive holds
    assert set(titles(search_page(client, query))) == {meant.title, mistaken.title}

    run_reindex_migration(migration)

    assert titles(search_page(client, query)) == [meant.title]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("written", "typed"),
    [("COP31", "COP 31"), ("COP 31", "cop31"), ("كوب28", "كوب 28"), ("كوب 28", "كوب28")],
)
def test_a_name_with_a_number_is_found_written_together_or_apart(client, written, typed):
    summit = story(f"قمة {written} تبدأ اليوم", body=f"الوفود تصل إلى {written}")
    story("قمة المناخ المقبلة", body="بعد 31 يوما في مدينة أخرى")
    assert titles(search_page(client, typed)) == [summit.title]
    marked = highlight(summit.title, parse_query(typed).words)
    assert "<mark>" in marked and marked.replace("<mark>", "").replace("</mark>", "") == (
        summit.title
    )
