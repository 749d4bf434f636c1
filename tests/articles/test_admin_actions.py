"""The stories list's bulk actions: what they do to each story, what they tell the editor,
and what they leave in each story's history."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def run_action(client, action, articles):
    response = client.post(
        CHANGELIST, {"action": action, "_selected_action": [a.pk for a in articles]}, follow=True
    )
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"]]


def test_publishing_a_scheduled_story_makes_it_public_now(client, editor):
    scheduled = ArticleFactory(publish_at=timezone.now() + timedelta(days=2))
    assert scheduled.is_scheduled
    client.force_login(editor)

    before = timezone.now()
    assert run_action(client, "publish", [scheduled]) == ["نُشر مقال واحد."]

    scheduled.refresh_from_db()
    assert scheduled.is_public
    assert before <= scheduled.publish_at <= timezone.now()
    assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_publishing_a_draft_with_a_future_time_makes_it_public_now(client, editor):
    draft = ArticleFactory(
        status=Article.Status.DRAFT, publish_at=timezone.now() + timedelta(days=1)
    )
    client.force_login(editor)
    run_action(client, "publish", [draft])
    assert Article.objects.published().get() == draft


def test_the_message_counts_only_the_stories_that_changed(client, editor):
    public = ArticleFactory(publish_at=timezone.now() - timedelta(days=3))
    drafts = ArticleFactory.create_batch(2, status=Article.Status.DRAFT, publish_at=None)
    client.force_login(editor)
    version = public.version

    messages = run_action(client, "publish", [public, *drafts])

    assert messages[0] == "نُشر مقالان."
    assert "كان على هذه الحال من قبل" in messages[1] and len(messages) == 2
    public.refresh_from_db()
    # Untouched: its time kept, and an editor with its form open is not told it changed.
    assert public.publish_at < timezone.now() - timedelta(days=2)
    assert public.version == version
    assert Article.objects.published().count() == 3


def test_archiving_archived_stories_changes_nothing(client, editor):
    archived = ArticleFactory(status=Article.Status.ARCHIVED)
    client.force_login(editor)
    messages = run_action(client, "archive", [archived])
    assert len(messages) == 1 and "كان على هذه الحال من قبل" in messages[0]
    assert not Version.objects.get_for_object(archived).exists()


@pytest.mark.parametrize(
    ("action", "story", "history"),
    [
        ("publish", {"status": Article.Status.DRAFT, "publish_at": None}, "نُشر من قائمة المقالات."),
        (
            "publish",
            {"publish_at": timezone.now() + timedelta(days=2)},
            "نُشر من قائمة المقالات قبل موعده المجدول.",
        ),
        ("unpublish", {}, "أُلغي نشره من قائمة المقالات."),
        ("archive", {}, "أُرشف من قائمة المقالات."),
    ],
    ids=["publish-draft", "publish-scheduled", "unpublish", "archive"],
)
def test_each_action_says_what_it_did_in_the_story_history(client, editor, action, story, history):
    article = ArticleFactory(**story)
    client.force_login(editor)
    run_action(client, action, [article])

    version = Version.objects.get_for_object(article).get()
    assert version.revision.get_comment() == history
    assert version.revision.user == editor
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert entry.get_change_message() == history
    assert entry.user == editor

    page = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert history in page.content.decode()
