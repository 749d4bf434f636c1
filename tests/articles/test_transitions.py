"""A status changed on the story's form is said as such, in its history and to the editor
who saved it: «نُشر.», «جُدول للنشر في …», not Django's «تم تغيير الحالة.»."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import strip_tags

from articles.arabic import isolated
from articles.models import Article
from tests.articles.test_admin_history import ADD, as_shown, history_lines
from tests.articles.test_admin_roles import change_url, form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

DRAFT = {"status": Article.Status.DRAFT, "publish_at": None}
REVIEW = {"status": Article.Status.REVIEW, "publish_at": None}
PUBLISHED = {"status": Article.Status.PUBLISHED}
ARCHIVED = {"status": Article.Status.ARCHIVED}
LATER = {"publish_at_0": "2099-01-01", "publish_at_1": "09:00:00"}


def history_url(article) -> str:
    with translation.override("ar"):  # without /en/, which the English requests add
        return reverse("admin:articles_article_history", args=[article.pk])


def saved(client, article, prefix="", **changes) -> list[str]:
    """The story's form opened and saved with ``changes``; the messages then shown."""
    with translation.override("ar"):  # the address without /en/, which prefix adds
        url = prefix + change_url(article)
    data = {**as_shown(client.get(url).context["adminform"].form), **changes}
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain, response.context["adminform"].form.errors
    article.refresh_from_db()
    return [strip_tags(str(m)) for m in response.context["messages"]]


def when(article) -> str:
    return formats.date_format(timezone.localtime(article.publish_at), "DATETIME_FORMAT")


@pytest.mark.parametrize(
    ("before", "changes", "line", "said"),
    [
        (DRAFT, {"status": "published"}, "نُشر.", "نُشر المقال «{title}»."),
        (
            DRAFT,
            {"status": "published", **LATER},
            "جُدول للنشر في {date}.",
            "جُدول المقال «{title}» للنشر في {date}.",
        ),
        (DRAFT, {"status": "review"}, "أُرسل إلى المراجعة.", "أُرسل المقال «{title}» إلى المراجعة."),
        (PUBLISHED, {"status": "draft"}, "أُلغي نشره.", "أُلغي نشر المقال «{title}»."),
        (
            REVIEW,
            {"status": "draft"},
            "أُعيد إلى المسودات.",
            "أُعيد المقال «{title}» إلى المسودات.",
        ),
        (PUBLISHED, {"status": "archived"}, "أُرشف.", "أُرشف المقال «{title}»."),
        (ARCHIVED, {"status": "published"}, "نُشر.", "نُشر المقال «{title}»."),
    ],
)
def test_a_status_changed_on_the_form_is_said(client, editor, before, changes, line, said):
    article = ArticleFactory(**before)
    client.force_login(editor)

    messages = saved(client, article, **changes)

    words = {"title": isolated(article.title), "date": when(article) if article.publish_at else ""}
    assert messages == [said.format(**words)]
    assert history_lines(client, history_url(article)) == [line.format(**words)]


def test_a_scheduled_story_moved_to_another_time_then_published_now(client, editor):
    article = ArticleFactory(publish_at=timezone.now() + timedelta(days=2))
    client.force_login(editor)

    assert saved(client, article, **LATER) == [
        f"جُدول المقال «{isolated(article.title)}» للنشر في {when(article)}."
    ]
    rescheduled = when(article)
    today = timezone.localdate().isoformat()
    assert saved(client, article, publish_at_0=today, publish_at_1="00:00:00") == [
        f"نُشر المقال «{isolated(article.title)}»."
    ]
    assert article.is_public
    assert history_lines(client, history_url(article)) == [
        f"جُدول للنشر في {rescheduled}.",
        "نُشر.",
    ]


def test_the_status_line_comes_with_the_other_changes(client, editor):
    article = ArticleFactory(**DRAFT)
    client.force_login(editor)

    saved(client, article, status="published", deck="موجز جديد", body="<p>نص جديد</p>")
    # A save that leaves the status says the changes were saved, as before.
    assert saved(client, article, title="عنوان جديد") == ["حُفظت التعديلات على مقال «عنوان جديد»."]

    assert history_lines(client, history_url(article)) == [
        "نُشر. تم تغيير الموجز ونص الخبر.",
        "تم تغيير العنوان.",
    ]


def test_a_reporter_sending_a_new_story_for_review_is_told_so(client, reporter):
    client.force_login(reporter)
    response = client.post(ADD, form_data(ArticleFactory().section, status="review"), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        f"أُرسل المقال «{isolated('تقرير من الميدان')}» إلى المراجعة."
    ]
    article = Article.objects.get(created_by=reporter)
    assert article.status == Article.Status.REVIEW


def test_the_status_lines_read_in_the_readers_language(client, editor):
    article = ArticleFactory(**DRAFT)
    client.force_login(editor)

    said = saved(client, article, prefix="/en", status="published", **LATER)
    with translation.override("en"):
        scheduled_for = when(article)
    with translation.override("ar"):
        scheduled_for_ar = when(article)
    assert said == [f"The story “{isolated(article.title)}” was scheduled for {scheduled_for}."]
    saved(client, article, prefix="/en", status="published", publish_at_0="", publish_at_1="")
    saved(client, article, prefix="/en", status="archived")

    with translation.override("ar"):
        assert history_lines(client, history_url(article)) == [
            f"جُدول للنشر في {scheduled_for_ar}.",
            "نُشر.",
            "أُرشف.",
        ]
    with translation.override("en"):
        assert history_lines(client, "/en" + history_url(article)) == [
            f"Scheduled for {scheduled_for}.",
            "Published.",
            "Archived.",
        ]
