"""Two editors on one story: the late one is stopped, told what the other changed since
they opened it (not their own changes), and keeps what they typed beside the other's."""

import io

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from tests.articles.test_admin_history import ADD, as_shown, history_lines
from tests.articles.test_admin_roles import change_url, form_data
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_editor(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("editor2", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def story(client, editor):
    """A story an editor wrote in the admin."""
    client.force_login(editor)
    client.post(ADD, form_data(SectionFactory(), title="العنوان الأول", deck="الموجز الأول"))
    return Article.objects.get()


def opened(client, article) -> dict:
    """The story's change form as the editor's browser would submit it untouched."""
    return as_shown(client.get(change_url(article)).context["adminform"].form)


def resubmitted(form) -> dict:
    """A form shown again, submitted as it is: its inputs hold the data it was given."""
    return {key: form.data.getlist(key) for key in form.data}


def stale_error(response) -> str:
    assert response.status_code == 200
    return " ".join(response.context["adminform"].form.non_field_errors())


def test_the_late_editor_is_told_only_what_the_other_one_changed(client, story, other_editor):
    a = client.__class__()
    a.force_login(other_editor)
    form_a, form_b = opened(a, story), opened(client, story)

    first = {**form_a, "deck": "موجز المحرر الأول", "tags": "#الساحل_الإفريقي، #نواكشوط"}
    assert a.post(change_url(story), first).status_code == 302
    response = client.post(change_url(story), {**form_b, "title": "عنوان المحرر الثاني"})

    error = stale_error(response)
    assert "عدّل شخص آخر هذا المقال بعد أن فتحته" in error
    assert "الحقول التي غيّرها: الموجز والوسوم." in error
    assert "العنوان" not in error  # the late editor's own change is not blamed on the other
    story.refresh_from_db()
    assert (story.title, story.deck) == ("العنوان الأول", "موجز المحرر الأول")

    # The form shown again holds both changes, and saving it as it is keeps both.
    shown = response.context["adminform"].form
    assert shown["title"].value() == "عنوان المحرر الثاني"
    assert shown["deck"].value() == "موجز المحرر الأول"
    assert shown["tags"].value() == "#الساحل_الإفريقي، #نواكشوط"
    assert client.post(change_url(story), resubmitted(shown)).status_code == 302
    story.refresh_from_db()
    assert (story.title, story.deck) == ("عنوان المحرر الثاني", "موجز المحرر الأول")
    assert sorted(story.tags.names()) == ["الساحل_الإفريقي", "نواكشوط"]


def test_a_field_both_changed_keeps_what_the_late_editor_typed(client, story, other_editor):
    a = client.__class__()
    a.force_login(other_editor)
    form_a, form_b = opened(a, story), opened(client, story)
    a.post(change_url(story), {**form_a, "title": "عنوان المحرر الأول", "status": "published"})

    response = client.post(change_url(story), {**form_b, "title": "عنوان المحرر الثاني"})

    error = stale_error(response)
    assert "الحقول التي غيّرها: العنوان والحالة وموعد النشر." in error
    assert "أُضيف إلى النموذج تعديله في الحالة وموعد النشر،" in error
    assert "غيّرتَ أنت أيضًا العنوان: يعرض النموذج ما كتبتَه أنت" in error
    shown = response.context["adminform"].form
    assert shown["title"].value() == "عنوان المحرر الثاني"
    assert shown["status"].value() == "published"
    story.refresh_from_db()
    assert story.title == "عنوان المحرر الأول"
    assert client.post(change_url(story), resubmitted(shown)).status_code == 302
    story.refresh_from_db()
    assert (story.title, story.status) == ("عنوان المحرر الثاني", "published")


def test_a_stale_form_saves_when_nothing_on_it_has_changed_since(client, story, other_editor):
    a = client.__class__()
    a.force_login(other_editor)
    form_a, form_b = opened(a, story), opened(client, story)
    assert a.post(change_url(story), form_a).status_code == 302  # saved as it was

    response = client.post(change_url(story), {**form_b, "title": "العنوان الثاني"})

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "العنوان الثاني"


def test_the_conflict_is_told_in_the_late_editors_language(client, story, other_editor):
    a = client.__class__()
    a.force_login(other_editor)
    form_a, form_b = opened(a, story), opened(client, story)
    a.post(change_url(story), {**form_a, "deck": "موجز آخر", "city": "القاهرة"})

    response = client.post("/en" + change_url(story), {**form_b, "title": "عنوان آخر"})

    assert "The fields they changed: Deck and City." in stale_error(response)


def test_a_form_opened_before_a_restore_cannot_overwrite_it(client, story):
    """Restoring an old version brought its version number back with it: a form opened
    when the story had that number again was taken to be up to date."""
    first = Version.objects.get_for_object(story).get()
    for title in ("العنوان الثاني", "العنوان الثالث"):
        form = opened(client, story)
        assert client.post(change_url(story), {**form, "title": title}).status_code == 302
    form_opened_at_two = {**form, "edit_version": "2"}  # as a tab left open since then
    url = reverse("admin:articles_article_revision", args=[story.pk, first.pk])
    restore_form = client.get(url).context["adminform"].form
    assert client.post(url, as_shown(restore_form)).status_code == 302
    story.refresh_from_db()
    assert (story.title, story.version) == ("العنوان الأول", 4)

    response = client.post(change_url(story), {**form_opened_at_two, "title": "من نافذة قديمة"})

    assert "عدّل شخص آخر هذا المقال" in stale_error(response)
    story.refresh_from_db()
    assert story.title == "العنوان الأول"


def test_a_restore_after_someone_elses_save_is_stopped(client, story, other_editor):
    first = Version.objects.get_for_object(story).get()
    client.post(change_url(story), {**opened(client, story), "title": "العنوان الثاني"})
    url = reverse("admin:articles_article_revision", args=[story.pk, first.pk])
    restore_form = as_shown(client.get(url).context["adminform"].form)
    a = client.__class__()
    a.force_login(other_editor)
    a.post(change_url(story), {**opened(a, story), "deck": "موجز كتبه الآخر"})

    response = client.post(url, restore_form)

    assert "فلم تُستعد كي لا يضيع تعديله" in stale_error(response)
    story.refresh_from_db()
    assert (story.title, story.deck) == ("العنوان الثاني", "موجز كتبه الآخر")


def test_two_editors_on_a_demo_story(client, editor, other_editor, settings):
    """The demo's stories were saved without a revision: the first conflict on one could
    only be compared with the story as it is now, and blamed the late editor's changes
    on the other one."""
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo", no_images=True, stdout=io.StringIO())
    story = Article.objects.published().first()
    a = client.__class__()
    a.force_login(other_editor)
    client.force_login(editor)
    form_a, form_b = opened(a, story), opened(client, story)

    a.post(change_url(story), {**form_a, "deck": "موجز المحرر الأول"})
    response = client.post(change_url(story), {**form_b, "title": "عنوان المحرر الثاني"})

    error = stale_error(response)
    assert "الحقول التي غيّرها: الموجز." in error
    assert "العنوان" not in error
    history = reverse("admin:articles_article_history", args=[story.pk])
    assert history_lines(client, history) == ["أُضيف.", "تم تغيير الموجز."]


def test_a_hashtag_merged_since_the_story_was_opened_is_not_blamed_on_the_other_editor(
    client, story, editor, other_editor
):
    """#موريتانيا merged into #نواكشوط while both editors had the story open: the story's
    hashtag is the same one by its new name, not a change the other editor made."""
    from taggit.models import Tag

    from articles.hashtag_merge import merge_hashtags

    a = client.__class__()
    a.force_login(other_editor)
    form_a, form_b = opened(a, story), opened(client, story)
    kept = Tag.objects.create(name="نواكشوط", slug="نواكشوط")
    merge_hashtags(keep=kept.pk, merge=[Tag.objects.get(name="موريتانيا").pk], user=editor)

    assert a.post(change_url(story), {**form_a, "deck": "موجز المحرر الأول"}).status_code == 302
    response = client.post(change_url(story), {**form_b, "title": "عنوان المحرر الثاني"})

    error = stale_error(response)
    assert "الحقول التي غيّرها: الموجز." in error
    assert sorted(Article.objects.get().tags.names()) == ["الساحل_الإفريقي", "نواكشوط"]
