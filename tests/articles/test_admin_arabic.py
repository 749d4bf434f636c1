"""The add-ons' admin pages in proper Arabic: django-reversion's and django-taggit's own
Arabic catalogues are misspelt, and ours (locale/upstream/) come first."""

import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_history_and_recover_pages_read_correctly(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    recover = client.get(reverse("admin:articles_article_recoverlist")).content.decode()
    assert "استعادة المقالات المحذوفة" in recover
    assert "لا عناصر محذوفة لاستعادتها" in recover
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    for misspelt in ("أستعيد", "إسترجع", "الرئيسيه", "لإسترجاع"):
        assert misspelt not in recover + history.content.decode()


def test_hashtags_are_named_plainly_in_the_menu(client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    assert "أوْسِمه" not in html
    assert "الوسوم" in html


def test_saving_says_saved_not_added(client, superuser):
    """Django's Arabic says «نجحت إضافة» (added) after every edit."""
    section = SectionFactory(name="رياضة", slug="رياضة")
    client.force_login(superuser)
    url = reverse("admin:articles_section_change", args=[section.pk])
    data = {"name": "الرياضة", "slug": "رياضة", "description": "", "order": 3}
    response = client.post(url, data, follow=True)
    messages = [strip_tags(str(message)) for message in response.context["messages"]]
    assert messages == ["حُفظت التعديلات على قسم «الرياضة»."]


def test_an_editor_sees_an_authors_account_but_does_not_pick_one(client, editor, superuser):
    """Picking the account searches the users, which editors may not list (the box said
    only «لا يمكن تحميل النتائج»)."""
    author = AuthorFactory(name="ليلى المنصوري", user=superuser)
    url = reverse("admin:articles_author_change", args=[author.pk])
    client.force_login(editor)
    html = client.get(url).content.decode()
    assert 'name="user"' not in html
    assert superuser.get_username() in html
    client.post(url, {"name": "ليلى المنصوري", "slug": author.slug, "bio": "", "user": ""})
    author.refresh_from_db()
    assert author.user == superuser  # kept
    client.force_login(superuser)
    assert 'name="user"' in client.get(url).content.decode()


def test_list_counts_read_as_arabic(client, editor):
    ArticleFactory.create_batch(3)
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "المقالات: 3 نتائج" in html
    assert "3 المقالات" not in html


def test_list_and_history_headings_are_grammatical(client, editor):
    article = ArticleFactory(title="سد النهضة")
    client.force_login(editor)
    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "اختيار مقال للتعديل" in listing
    assert "اختر مقال لتغييره" not in listing  # «مقالًا» would be needed
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert "سجل التعديلات: \u2068سد النهضة\u2069" in history.content.decode()
    assert "تاريخ التغيير" not in history.content.decode()


def test_headings_naming_a_story_set_its_title_apart(client, editor):
    """An Arabic title with Latin letters in it keeps its order inside the English admin's
    headings (and in the window's title): it is isolated from the sentence around it."""
    article = ArticleFactory(title="المغرب يطلق خدمات 5G تجاريًا")
    client.force_login(editor)
    isolated = "\u2068المغرب يطلق خدمات 5G تجاريًا\u2069"
    story = f"/en/admin/articles/article/{article.pk}"
    history = client.get(f"{story}/history/")
    assert f"<h1>Change history: {isolated}</h1>" in history.content.decode()
    form = client.get(f"{story}/change/")
    assert f"<h2>{isolated}</h2>" in form.content.decode()
    assert f"<title>{isolated} | Change article" in form.content.decode()


def test_the_search_box_is_named_in_the_pages_language(client, editor):
    ArticleFactory()
    client.force_login(editor)
    arabic = client.get(reverse("admin:articles_article_changelist"), {"q": "خبر"})
    html = arabic.content.decode()
    assert 'alt="ابحث"' in html
    assert 'alt="Search"' not in html
    assert "البحث في المقالات" in html
    english = client.get("/en" + reverse("admin:articles_article_changelist"), {"q": "خبر"})
    assert 'alt="Search"' in english.content.decode()


def test_the_hashtags_group_is_named_hashtags_in_english_too(client, editor):
    client.force_login(editor)
    html = client.get("/en" + reverse("admin:index")).content.decode()
    assert "Hashtags" in html
    assert "Taggit" not in html


def test_a_story_that_is_not_there_is_said_in_plain_arabic(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_change", args=[987654]), follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert messages == ["لا يوجد مقال بالمعرّف «987654»، فربما حُذف."]


def test_delete_pages_set_each_story_title_apart(client, editor):
    """«Are you sure you want to delete the article “…”?» and the list of what goes with it
    (hashtags, byline), on the story's delete page and on «delete selected»: an Arabic title
    with «5G» in it keeps its order inside the English sentences."""
    title = "المغرب يطلق خدمات 5G تجاريًا"
    other = "أسعار النفط ترتفع 3% مع تراجع المخزونات"
    story = ArticleFactory(title=title, hashtags=["الجيل_الخامس"])
    second = ArticleFactory(title=other)
    client.force_login(editor)
    page = client.get(f"/en/admin/articles/article/{story.pk}/delete/").content.decode()
    assert f"delete the article “\u2068{title}\u2069”?" in page
    assert f">\u2068{title}\u2069</a>" in page  # «Article: …» links to it
    assert f"Article hashtag: \u2068{title}\u2069 tagged with الجيل_الخامس" in page

    selected = client.post(
        "/en/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": [story.pk, second.pk]},
    ).content.decode()
    assert "Are you sure you want to delete the selected articles?" in selected
    assert f">\u2068{title}\u2069</a>" in selected
    assert f">\u2068{other}\u2069</a>" in selected
    assert f"\u2068{title}\u2069 tagged with" in selected


def test_arabic_delete_page_names_the_story_in_its_sentence(client, editor):
    story = ArticleFactory(title="Gulf ports brace for a busy season?")
    client.force_login(editor)
    page = client.get(f"/admin/articles/article/{story.pk}/delete/").content.decode()
    sentence = re.search(r"<p>([^<]*)</p>", page.split('id="content"')[1]).group(1)
    assert "\u2068Gulf ports brace for a busy season?\u2069" in sentence


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_hashtag_filter_sets_each_hashtag_apart(client, editor, prefix):
    """The stories list's hashtag filter: «#» stays at the start of an Arabic hashtag in the
    English admin (the browser drew it after the name), and of a Latin one in the Arabic."""
    ArticleFactory(hashtags=["الساحل_الإفريقي", "COP31"])
    client.force_login(editor)
    page = client.get(f"{prefix}/admin/articles/article/").content.decode()
    assert ">\u2068#الساحل_الإفريقي\u2069</a>" in page
    assert ">\u2068#COP31\u2069</a>" in page


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_hashtags_list_sets_each_hashtag_apart(client, superuser, prefix):
    """The hashtags admin's own list: «#» stays at the start of an Arabic hashtag in the
    English admin, and of a Latin one in the Arabic."""
    ArticleFactory(hashtags=["الساحل_الإفريقي", "COP31"])
    client.force_login(superuser)
    page = client.get(f"{prefix}/admin/taggit/tag/").content.decode()
    assert "<bdi>#الساحل_الإفريقي</bdi>" in page
    assert "<bdi>#COP31</bdi>" in page
