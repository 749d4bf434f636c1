"""A reporter's own story once an editor has published, scheduled or archived it: the
reporter may read it in the admin, not change it. The page reads as the story does and
says why it cannot be changed, where Django showed the body's HTML source."""

import html
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.articles.test_admin_roles import change_url, form_data
from tests.articles.test_conflicts import opened
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

BODY = (
    "<p>قال الجيش إن عشرة جنود قتلوا.</p>"
    "<ul><li><p>عشرة قتلى</p></li><li><p>خمسة جرحى</p></li></ul>"
)


def own_story(reporter, **fields):
    return ArticleFactory(
        created_by=reporter,
        body=BODY,
        hashtags=["مالي", "الساحل_الإفريقي"],
        authors=[AuthorFactory(name="سلمى الحداد"), AuthorFactory(name="عمر الخطيب")],
        **fields,
    )


def row(page: str, name: str) -> str:
    """The read-only value of the form row ``name``."""
    pattern = rf'<div class="form-row[^"]*field-{name}[^"]*">(.*?)</div>\s*</div>'
    found = re.search(pattern, page, re.S)
    assert found, f"no row {name}"
    return found.group(1)


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({}, "منشور"),
        ({"publish_at": timezone.now() + timedelta(days=1)}, "مجدول"),
        ({"status": "archived"}, "مؤرشف"),
    ],
    ids=["published", "scheduled", "archived"],
)
def test_a_reporter_reads_their_story_taken_out_of_their_hands(client, reporter, fields, status):
    story = own_story(reporter, **fields)
    client.force_login(reporter)
    response = client.get(change_url(story))
    assert response.status_code == 200
    page = response.content.decode()

    note = re.search(r'<p class="read-only-note">(.*?)</p>', page, re.S).group(1)
    assert html.unescape(note) == (
        f"هذا المقال «{status}» الآن، فلا يعدّله إلا محرر: يعدّل المراسل مسوّداته وما "
        "أرسله إلى المراجعة. إن رأيت فيه ما يحتاج إلى تصحيح فأخبر به محررًا."
    )
    body = row(page, "body_as_written")
    assert '<div class="story-as-written" dir="rtl" lang="ar">' in body
    assert "<li><p>عشرة قتلى</p></li>" in body  # the list as a list, not its source
    assert "&lt;" not in body
    assert "سلمى الحداد، عمر الخطيب" in row(page, "byline")
    assert "\u2068#الساحل_الإفريقي\u2069، \u2068#مالي\u2069" in row(page, "hashtags")
    # Help on typing in boxes that are not there is left out; what a field means stays.
    assert "يُشتق من العنوان" not in page
    assert "افصل بينها بفاصلة" not in page
    assert "وقت في المستقبل" not in page
    assert "السطر تحت العنوان." in page
    assert 'name="title"' not in page


def test_the_note_and_lists_read_in_english_in_the_english_admin(client, reporter):
    story = own_story(reporter, status="archived")
    client.force_login(reporter)
    page = client.get(f"/en{change_url(story)}").content.decode()
    note = re.search(r'<p class="read-only-note">(.*?)</p>', page, re.S).group(1)
    assert html.unescape(note).startswith("This story is now “Archived”")
    assert "سلمى الحداد, عمر الخطيب" in row(page, "byline")
    # The Arabic story stays right to left inside the English admin.
    assert '<div class="story-as-written" dir="rtl" lang="ar">' in row(page, "body_as_written")


def test_a_story_the_reporter_may_still_change_is_their_form(client, reporter):
    story = own_story(reporter, status="review", publish_at=None)
    client.force_login(reporter)
    page = client.get(change_url(story)).content.decode()
    assert "read-only-note" not in page
    assert "story-as-written" not in page
    assert 'name="title"' in page
    assert "يُشتق من العنوان" in page


def test_an_editor_gets_the_form_of_any_story(client, editor, reporter):
    story = own_story(reporter, status="archived")
    client.force_login(editor)
    page = client.get(change_url(story)).content.decode()
    assert "read-only-note" not in page
    assert 'name="body"' in page


@pytest.mark.parametrize(
    ("status", "said"),
    [("published", "منشور"), ("archived", "مؤرشف")],
    ids=["published", "archived"],
)
def test_a_reporters_late_save_is_refused_keeping_what_they_typed(client, reporter, status, said):
    """The reporter's form was open on their story in review when an editor published (or
    archived) it: their save was a bare «no permission» page and what they typed was gone.
    Now the form comes back holding it, says what happened, and offers no save."""
    story = own_story(reporter, status="review", publish_at=None)
    client.force_login(reporter)
    typed = {**opened(client, story), "deck": "موجز كتبه المراسل", "body": "<p>جملة المراسل.</p>"}

    story.change_status(status)
    story.save()

    response = client.post(change_url(story), typed)
    assert response.status_code == 200
    page = response.content.decode()
    note = re.search(r'<p class="errornote">(.*?)</p>', page, re.S).group(1)
    assert html.unescape(note) == (
        f"صار هذا المقال «{said}» بعد أن فتحته، فلم يُحفظ تعديلك: لا يعدّل المراسل إلا "
        "مسوّداته وما أرسله إلى المراجعة. ما كتبتَه باقٍ أدناه، فانسخ منه ما تحتاج إليه "
        "وأرسله إلى محرر."
    )
    assert "الرجاء تصحيح" not in page  # nothing on the form to correct
    assert 'value="موجز كتبه المراسل"' in page
    assert "جملة المراسل." in page
    for button in ("_save", "_continue", "_addanother"):
        assert f'name="{button}"' not in page
    story.refresh_from_db()
    assert story.status == status
    assert story.deck != "موجز كتبه المراسل"


def test_a_reporter_cannot_save_their_published_story_by_sending_the_form(client, reporter):
    """Sent straight to the server (no form was open): refused the same way, nothing saved."""
    story = own_story(reporter)
    client.force_login(reporter)
    data = {
        **form_data(story.section, title="عنوان غيّره المراسل", status="review"),
        "edit_version": story.version,
    }
    response = client.post(change_url(story), data)
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.title != "عنوان غيّره المراسل"
    assert story.status == "published"


def test_another_reporters_story_stays_out_of_reach(client, reporter, other_reporter):
    story = own_story(other_reporter, status="review", publish_at=None)
    client.force_login(reporter)
    data = {**form_data(story.section), "edit_version": story.version}
    assert client.post(change_url(story), data).status_code == 403
