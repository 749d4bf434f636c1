"""The story form and the stories list, as an editor types into them and reads them."""

import datetime
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Article
from tests.articles.test_admin_roles import CHANGELIST, form_data
from tests.factories import ArticleFactory, SectionFactory, image_file

pytestmark = pytest.mark.django_db

ADD = "/admin/articles/article/add/"


@pytest.mark.parametrize(
    "typed",
    ["تصوير: وكالة عين", "تصوير : وكالة عين", "Photo: وكالة عين", "تصوير: تصوير: وكالة عين"],
)
def test_a_credit_typed_with_its_label_shows_the_label_once(client, editor, typed):
    client.force_login(editor)
    photo = SimpleUploadedFile("photo.jpg", image_file().read(), content_type="image/jpeg")
    data = form_data(SectionFactory(), status="published", image=photo, image_credit=typed)
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    article = Article.objects.get()
    assert article.image_credit == "وكالة عين"
    html = client.get(article.get_absolute_url()).content.decode()
    credit = re.search(r'<span class="credit"[^>]*>(.*?)</span>', html, re.S).group(1)
    assert credit == '(تصوير: <bdi lang="ar">وكالة عين</bdi>)'


def test_a_credit_without_a_label_is_kept_as_typed():
    article = ArticleFactory.build(image_credit="  مصوّر الوكالة ")
    article.clean()
    assert article.image_credit == "مصوّر الوكالة"


@pytest.mark.parametrize(
    ("day", "time"),
    [("٢٠٩٩-٠١-٠١", "٠٩:٣٠:٠٠"), ("۲۰۹۹-۰۱-۰۱", "۰۹:۳۰"), ("2099-٠١-01", "09:٣٠")],
    ids=["arabic-indic", "persian", "mixed"],
)
def test_publication_time_typed_in_arabic_digits_is_accepted(client, editor, day, time):
    client.force_login(editor)
    data = form_data(SectionFactory(), status="published", publish_at_0=day, publish_at_1=time)
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    article = Article.objects.get()
    assert article.is_scheduled
    local = timezone.localtime(article.publish_at)
    assert (local.date(), local.time()) == (datetime.date(2099, 1, 1), datetime.time(9, 30))


def test_a_publication_time_that_is_no_time_is_still_refused(client, editor):
    client.force_login(editor)
    data = form_data(SectionFactory(), status="published", publish_at_0="٢٠٩٩-١٣-٤٠")
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["publish_at"]
    assert not Article.objects.exists()


def test_a_long_unbroken_title_wraps_in_the_stories_list(client, editor):
    """A 200-letter title without a space would widen its column past the screen."""
    title = "ا" * 200
    ArticleFactory(title=title)
    client.force_login(editor)
    html = client.get(CHANGELIST).content.decode()
    assert re.search(rf'<th class="field-title"><a [^>]*>{title}</a></th>', html)
    assert "/static/css/admin.css" in html

    with open(finders.find("css/admin.css"), encoding="utf-8") as file:
        stylesheet = file.read()
    rule = re.search(r"#result_list \.field-title\s*\{([^}]*)\}", stylesheet)
    assert rule and "overflow-wrap: anywhere" in rule.group(1)


def test_credits_saved_with_their_label_lose_it_once_migrated():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("articles.migrations.0008_credit_without_label")
    labelled = ArticleFactory(image_credit="تصوير: وكالة عين")
    plain = ArticleFactory(image_credit="مصوّر الوكالة")
    Article.objects.filter(pk=labelled.pk).update(image_credit="تصوير: وكالة عين")
    migration.strip_labels(apps, None)
    labelled.refresh_from_db()
    plain.refresh_from_db()
    assert (labelled.image_credit, plain.image_credit) == ("وكالة عين", "مصوّر الوكالة")
