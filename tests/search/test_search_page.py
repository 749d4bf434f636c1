from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.search import parse_query
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return [a.title for a in response.context["results"]]


def search(client, **params):
    return client.get("/search/", params)


def test_prefixed_query_finds_bare_and_definite_forms(client):
    definite = ArticleFactory(title="انطلاق المشاورات في موسكو", body="<p>نص</p>", deck="")
    bare = ArticleFactory(title="جولة مشاورات جديدة", body="<p>نص</p>", deck="")
    ArticleFactory(title="مباراة كرة القدم", body="<p>نص</p>", deck="")
    assert set(titles(search(client, q="والمشاورات"))) == {definite.title, bare.title}


def test_spelling_variants_and_diacritics_match(client):
    article = ArticleFactory(title="القمة الإفريقية تبحث الأمن الغذائي", deck="", body="<p>نص</p>")
    for q in ("الافريقيه", "القِمّة", "الامن", "الغـذائي"):
        assert titles(search(client, q=q)) == [article.title], q


def test_title_outranks_body_and_recency_breaks_ties(client):
    old = timezone.now() - timedelta(days=5)
    in_body = ArticleFactory(title="خبر أول", deck="", body="<p>حديث عن الموانئ</p>")
    in_title_old = ArticleFactory(title="الموانئ تستعد", deck="", body="<p>نص</p>", publish_at=old)
    in_title_new = ArticleFactory(title="الموانئ تتوسع", deck="", body="<p>نص</p>")
    assert titles(search(client, q="الموانئ")) == [
        in_title_new.title,
        in_title_old.title,
        in_body.title,
    ]


def test_hashtags_authors_and_section_are_searchable(client):
    article = ArticleFactory(title="خبر", deck="", body="<p>نص</p>", hashtags=["الاقتصاد_الأخضر"])
    assert titles(search(client, q="#الاقتصاد_الأخضر")) == [article.title]
    assert titles(search(client, q="الأخضر")) == [article.title]


def test_tag_change_updates_the_index_at_once(client):
    article = ArticleFactory(title="خبر", deck="", body="<p>نص</p>")
    assert titles(search(client, q="تضخم")) == []
    article.tags.add("التضخم")
    assert titles(search(client, q="تضخم")) == [article.title]
    article.tags.clear()
    assert titles(search(client, q="تضخم")) == []


def test_phrases_and_exclusions(client):
    both = ArticleFactory(title="الأمن الغذائي أولوية", deck="", body="<p>نص</p>")
    apart = ArticleFactory(title="الأمن في المنطقة والأمن المائي", deck="", body="<p>نص</p>")
    assert titles(search(client, q='"الأمن الغذائي"')) == [both.title]
    assert titles(search(client, q="الأمن -الغذائي")) == [apart.title]


def test_only_published_stories_are_found(client):
    ArticleFactory(title="مسودة عن الموانئ", status=Article.Status.DRAFT, publish_at=None)
    ArticleFactory(title="مجدول عن الموانئ", publish_at=timezone.now() + timedelta(days=1))
    ArticleFactory(title="مؤرشف عن الموانئ", status=Article.Status.ARCHIVED)
    public = ArticleFactory(title="منشور عن الموانئ")
    assert titles(search(client, q="الموانئ")) == [public.title]


def test_filters_by_section_and_dates(client):
    economy = SectionFactory(slug="اقتصاد", name="اقتصاد")
    recent = ArticleFactory(title="الموانئ الحديثة", section=economy)
    ArticleFactory(title="الموانئ القديمة", publish_at=timezone.now() - timedelta(days=40))
    assert titles(search(client, q="الموانئ", section="اقتصاد")) == [recent.title]
    start = (timezone.now() - timedelta(days=3)).date().isoformat()
    assert titles(search(client, q="الموانئ", start=start)) == [recent.title]
    bad = search(client, q="الموانئ", start="2026-05-01", end="2026-01-01")
    assert bad.status_code == 200
    assert "تاريخ النهاية يسبق" in bad.content.decode()
    # Only the filter's error: the words typed were fine.
    assert "من حرفين" not in bad.content.decode()


def test_dates_typed_with_arabic_indic_digits_filter_too(client):
    recent = ArticleFactory(title="الموانئ الحديثة")
    ArticleFactory(title="الموانئ القديمة", publish_at=timezone.now() - timedelta(days=40))
    start = (timezone.now() - timedelta(days=3)).date().isoformat()
    eastern = start.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    response = search(client, q="الموانئ", start=eastern)
    assert titles(response) == [recent.title]
    assert "أدخل تاريخ" not in response.content.decode()


def test_the_word_as_written_ranks_above_words_of_the_same_stem(client):
    # «الرياض» (Riyadh) and «الرياضة» (sport) share PostgreSQL's arabic stem.
    sport = ArticleFactory(title="الرياضة المدرسية تعود", deck="", body="<p>نص</p>")
    city = ArticleFactory(title="معرض للكتاب", deck="", body="<p>يفتتح المعرض في الرياض.</p>")
    assert titles(search(client, q="الرياض")) == [city.title, sport.title]
    assert titles(search(client, q="بالرياض")) == [city.title, sport.title]
    assert titles(search(client, q="رياضة")) == [sport.title, city.title]


def test_snippet_highlights_the_match_in_the_articles_own_spelling(client):
    ArticleFactory(title="خبر", deck="", body="<p>وصلت الوفود إلى المشاورات الإفريقية صباحًا.</p>")
    html = search(client, q="مشاورات افريقيه").content.decode()
    assert "<mark>المشاورات</mark>" in html
    assert "<mark>الإفريقية</mark>" in html


def test_snippet_keeps_the_punctuation_beside_a_match(client):
    ArticleFactory(title="خبر", deck="", body="<p>ارتفعت أسعار «النفط»، ثم هبطت.</p>")
    html = search(client, q="النفط").content.decode()
    assert "ارتفعت أسعار «<mark>النفط</mark>»، ثم هبطت." in html


@pytest.mark.parametrize("q", ["", "ا", "!!!؟؟،،", "ـــ", "x" * 10_000, "\u202e\u200f", "-الموانئ"])
def test_absurd_queries_get_a_helpful_page(client, q):
    ArticleFactory(title="الموانئ")
    response = search(client, q=q)
    assert response.status_code == 200
    assert 'role="status"' in response.content.decode() or not q


def test_query_syntax():
    assert parse_query("") is None
    assert parse_query("؟!") is None
    assert parse_query("-وحده") is None  # nothing left to find
    assert parse_query("مالي").tsquery == "(مالي)"
    assert parse_query('"الامن الغذائي"').tsquery == "(الامن <-> الغذاءي)"
    assert parse_query("مالي OR النيجر").tsquery == "(مالي) | (النيجر | نيجر)"
    assert parse_query("مالي -النيجر").tsquery == "(مالي) & !(النيجر | نيجر)"
    assert parse_query("في") is None  # only words too common to look for
    assert parse_query("مالي في النيجر").tsquery == "(مالي) & (النيجر | نيجر)"
    assert parse_query('"مالي في النيجر"').tsquery == "(مالي <-> في <-> النيجر)"


def test_search_page_query_count_is_bounded(client, django_assert_max_num_queries):
    for n in range(15):
        ArticleFactory(title=f"الموانئ {n}", authors=[AuthorFactory()])
    with django_assert_max_num_queries(5):
        assert search(client, q="الموانئ").status_code == 200


def test_editors_search_the_admin_with_the_same_engine(client, editor):
    draft = ArticleFactory(title="مسودة عن المشاورات", status=Article.Status.DRAFT, publish_at=None)
    ArticleFactory(title="خبر رياضي", deck="", body="<p>مباراة</p>")
    client.force_login(editor)
    response = client.get("/admin/articles/article/", {"q": "والمشاورات"})
    assert [a.pk for a in response.context["cl"].result_list] == [draft.pk]


def test_snippet_keeps_paragraphs_apart(client):
    ArticleFactory(title="خبر", deck="", body="<p>انتهت الجلسة.</p><p>الموانئ تستعد.</p>")
    html = search(client, q="الموانئ").content.decode()
    assert "انتهت الجلسة. <mark>الموانئ</mark>" in html


@pytest.mark.parametrize(
    ("q", "said", "title"),
    [
        ("ا", "اكتب كلمة من حرفين على الأقل", "البحث — "),
        ("-رياضة -كرة", "أضف كلمة تبحث عنها إلى جانب الكلمات المستبعدة", "البحث — "),
        ("في من", "أشيع من أن نبحث عنها وحدها", "البحث — "),
        ("في -الموانئ", "أشيع من أن نبحث عنها وحدها", "البحث — "),
        ("الموانئ", "نتيجة واحدة.", "نتائج البحث عن «\u2068الموانئ\u2069» — "),
    ],
)
def test_the_page_says_what_is_wrong_with_the_words_typed(client, q, said, title):
    ArticleFactory(title="الموانئ")
    html = search(client, q=q).content.decode()
    assert said in html
    assert f"<title>{title}" in html


def test_the_heading_says_what_was_looked_for(client):
    ArticleFactory(title="الموانئ تتوسع", deck="", body="<p>نص</p>")
    html = search(client, q="الموانئ").content.decode()
    assert "<h1>نتائج البحث عن «\u2068الموانئ\u2069»</h1>" in html
    english = client.get("/en/search/", {"q": "الموانئ"}).content.decode()
    assert "<h1>Search results for “\u2068الموانئ\u2069”</h1>" in english
    # Nothing searchable typed: the page's own name; a query is shown escaped.
    assert "<h1>البحث في الأخبار</h1>" in search(client, q="في").content.decode()
    tagged = search(client, q="<b>الموانئ</b>").content.decode()
    assert "<h1>نتائج البحث عن «\u2068&lt;b&gt;الموانئ&lt;/b&gt;\u2069»</h1>" in tagged


def test_a_story_found_by_its_byline_shows_the_name_marked(client):
    writer = AuthorFactory(name="سلمى الحداد")
    other = AuthorFactory(name="كريم بن علي")
    ArticleFactory(title="مفاوضات المياه", deck="", body="<p>نص</p>", authors=[writer, other])
    html = search(client, q="الحداد").content.decode()
    # Nothing in the snippet says why the story was found: the byline does.
    assert "<mark>" not in html.split('class="snippet"')[1].split("</p>")[0]
    assert f'href="{writer.get_absolute_url()}"' in html
    assert "سلمى <mark>الحداد</mark></a>" in html
    assert ">كريم بن علي</a>" in html


def test_nothing_found_in_a_section_offers_the_same_words_everywhere(client):
    sport = SectionFactory(name="رياضة")
    ArticleFactory(title="الموانئ تتوسع", deck="", body="<p>نص</p>")
    html = search(client, q="الموانئ", section=sport.slug).content.decode()
    assert "لم نجد أخبارًا تطابق بحثك." in html
    link = '<a href="?q=%D8%A7%D9%84%D9%85%D9%88%D8%A7%D9%86%D8%A6">'
    assert link + "ابحث عن الكلمات نفسها في كل الأقسام وكل التواريخ</a>" in html
    assert titles(client.get("/search/?q=%D8%A7%D9%84%D9%85%D9%88%D8%A7%D9%86%D8%A6")) == [
        "الموانئ تتوسع"
    ]
    # Without filters there is nothing to take away, and no talk of it.
    unfiltered = search(client, q="المطارات").content.decode()
    assert "تحقّق من الإملاء." in unfiltered
    assert "كل الأقسام وكل التواريخ" not in unfiltered
    assert "عوامل التصفية" not in unfiltered


@pytest.mark.parametrize(
    "quoted", ["«الأمن الغذائي»", "“الأمن الغذائي”", "„الأمن الغذائي“", "«الأمن الغذائي"]
)
def test_a_phrase_in_arabic_or_curly_quotes_is_a_phrase(client, quoted):
    """Arabic writes quotations in «»; phones turn a typed '"' into “ or ”."""
    together = ArticleFactory(title="الأمن الغذائي أولوية", deck="", body="<p>نص</p>")
    ArticleFactory(title="الأمن المائي يسبق الاكتفاء الغذائي", deck="", body="<p>نص</p>")
    assert titles(search(client, q=quoted)) == [together.title]
    assert titles(search(client, q="-«الأمن المائي» الغذائي")) == [together.title]


def test_a_story_found_by_its_dateline_shows_it_marked(client):
    ArticleFactory(
        title="مفاوضات المياه", deck="", body="<p>نص</p>", agency="عين للأنباء", city="جنيف"
    )
    ArticleFactory(
        title="قمة المناخ", deck="", body="<p>الوفود في جنيف</p>", agency="وكالة", city="باريس"
    )
    html = search(client, q="جنيف").content.decode()
    assert "<bdi>عين للأنباء – <mark>جنيف</mark></bdi>" in html
    # A dateline that holds none of the words stays off the card.
    assert "باريس" not in html
