"""The lead image chosen on a story's form that comes back unsaved stays chosen: the
browser empties a file box on every page, and the image was lost without a word."""

import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article
from tests.articles.test_admin_roles import change_url, form_data
from tests.articles.test_conflicts import opened
from tests.factories import ArticleFactory, SectionFactory, image_file

pytestmark = pytest.mark.django_db

ADD = "/admin/articles/article/add/"
HELD = re.compile(r'<input type="hidden" name="image-held" value="([^"]+)">')


def photo(name="صورة الهجوم.jpg", colour=(20, 110, 90)):
    content = image_file(name, size=(1200, 675), colour=colour).read()
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def shown_again(response) -> tuple[str, str]:
    """The form came back unsaved: its page's held image's key, and the note about it."""
    assert response.status_code == 200
    html = response.content.decode()
    key = HELD.search(html)
    assert key, "the chosen image is not kept with the form"
    note = re.search(r'<p class="held-image">(.*?)</p>', html, re.S).group(1)
    return key.group(1), re.sub(r"<[^>]+>", "", note)


def test_an_image_chosen_on_a_refused_form_is_saved_with_the_story(
    client, reporter, django_capture_on_commit_callbacks
):
    """A reporter forgets the section: the form comes back with the body and the image
    they chose, and saving it again (the file box now empty) saves the image too."""
    client.force_login(reporter)
    section = SectionFactory()
    data = {**form_data(section, body="<p>فقرة أولى</p><ul><li>بند</li></ul>"), "section": ""}
    response = client.post(ADD, {**data, "image": photo()})
    assert "section" in response.context["adminform"].form.errors
    assert not Article.objects.exists()

    key, note = shown_again(response)
    assert "«صورة الهجوم.jpg»" in note
    assert "محفوظة مع النموذج" in note
    assert "لا تحفظها" in note

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD, {**data, "section": section.pk, "image-held": key})
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.image.name.endswith(".jpg")
    with article.image.open() as saved, Image.open(saved) as image:
        assert image.size == (1200, 675)
        assert image.getpixel((10, 10)) == pytest.approx((20, 110, 90), abs=3)
    assert article.image_renditions  # made as for any new upload
    assert "<li>" in article.body
    assert cache.get(f"articles:held-image:{key}") is None  # done with once saved


def test_the_held_image_is_kept_until_the_form_is_saved(client, editor):
    """Refused twice (the section, then the title): still held, under the same key."""
    client.force_login(editor)
    section = SectionFactory()
    data = {**form_data(section), "section": ""}
    key, _ = shown_again(client.post(ADD, {**data, "image": photo()}))
    again, _ = shown_again(client.post(ADD, {**data, "title": "", "image-held": key}))
    assert again == key

    response = client.post(ADD, {**data, "section": section.pk, "image-held": key})
    assert response.status_code == 302
    assert Article.objects.get().image


def test_a_new_image_chosen_instead_replaces_the_held_one(client, editor):
    client.force_login(editor)
    section = SectionFactory()
    data = {**form_data(section), "section": ""}
    key, _ = shown_again(client.post(ADD, {**data, "image": photo("أولى.jpg")}))
    chosen = photo("ثانية.jpg", colour=(200, 30, 30))
    response = client.post(ADD, {**data, "section": section.pk, "image-held": key, "image": chosen})
    assert response.status_code == 302
    assert "ثانية" in Article.objects.get().image.name


def test_ticking_the_box_leaves_the_held_image_out(client, editor):
    client.force_login(editor)
    section = SectionFactory()
    data = {**form_data(section), "section": ""}
    key, _ = shown_again(client.post(ADD, {**data, "image": photo()}))
    response = client.post(
        ADD, {**data, "section": section.pk, "image-held": key, "image-held-drop": "on"}
    )
    assert response.status_code == 302
    assert not Article.objects.get().image


@pytest.mark.parametrize("key", ["expired", "a-key-never-given"])
def test_an_image_no_longer_held_is_asked_for_again(client, editor, key):
    """A form left open past the day its image is kept (or a key that was never one):
    refused with the reason, never saved silently without the image."""
    client.force_login(editor)
    section = SectionFactory()
    data = {**form_data(section), "section": ""}
    if key == "expired":
        key, _ = shown_again(client.post(ADD, {**data, "image": photo()}))
        cache.clear()
    response = client.post(ADD, {**data, "section": section.pk, "image-held": key})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"] == [
        "لم تعد الصورة التي اخترتها من قبل محفوظة مع النموذج. اخترها من جديد."
    ]
    assert not Article.objects.exists()


def test_an_invalid_image_is_not_held(client, editor):
    client.force_login(editor)
    small = SimpleUploadedFile("small.jpg", image_file(size=(200, 100)).read(), "image/jpeg")
    response = client.post(ADD, {**form_data(SectionFactory()), "image": small})
    assert "image" in response.context["adminform"].form.errors
    assert not HELD.search(response.content.decode())


def test_the_late_editor_keeps_the_image_they_chose(client, editor, django_user_model):
    """Two editors: the late one's form comes back with the other's changes beside their
    own, the image they chose included, and saving it keeps both."""
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create_user("editor2", password="x", is_staff=True)
    other.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    client.post(ADD, form_data(SectionFactory(), title="العنوان الأول"))
    article = Article.objects.get()
    late = opened(client, article)

    client.force_login(other)
    first = opened(client, article)
    assert client.post(change_url(article), {**first, "deck": "موجز الأول"}).status_code == 302

    client.force_login(editor)
    response = client.post(change_url(article), {**late, "image": photo()})
    key, _ = shown_again(response)
    form = response.context["adminform"].form
    resent = {name: form.data.getlist(name) for name in form.data}
    response = client.post(change_url(article), {**resent, "image-held": key})
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.deck == "موجز الأول"
    assert article.image.name.endswith(".jpg")


def test_the_saved_image_stays_when_a_form_without_a_new_one_is_refused(client, editor):
    """Nothing is held when nothing was chosen: the story keeps its own image."""
    client.force_login(editor)
    article = ArticleFactory(image=image_file())
    data = {**opened(client, article), "title": ""}
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert not HELD.search(response.content.decode())
    article.refresh_from_db()
    assert article.image
