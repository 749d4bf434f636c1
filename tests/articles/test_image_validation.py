"""Editors get a clear form error for images the newsroom will not take."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from tests.factories import SectionFactory, image_file

pytestmark = pytest.mark.django_db


def upload(content: bytes, name: str, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def post_article(client, user, image):
    client.force_login(user)
    section = SectionFactory()
    return client.post(
        "/admin/articles/article/add/",
        {
            "title": "خبر مع صورة",
            "slug": "",
            "deck": "",
            "agency": "عين للأنباء",
            "city": "الرباط",
            "body": "<p>نص الخبر</p>",
            "image": image,
            "section": section.pk,
            "tags": "",
            "language": "ar",
            "status": "draft",
        },
    )


def gif_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "photo.jpg",
            "صورة صحيحة",
        ),
        (b"<html><body>hello</body></html>", "photo.png", "صورة صحيحة"),
        (gif_bytes(), "photo.jpg", "غير مقبولة"),
        (image_file().read()[:2000], "truncated.jpg", "تالفة"),
    ],
    ids=["svg-as-jpg", "html-as-png", "gif", "truncated"],
)
def test_bad_uploads_get_a_form_error_and_store_nothing(client, editor, content, name, message):
    response = post_article(client, editor, upload(content, name))
    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors["image"])
    assert not Article.objects.exists()


def test_oversized_file_is_refused(client, editor, settings):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 10_000
    big = image_file(size=(2000, 2000), fmt="PNG").read()
    response = post_article(client, editor, upload(big, "big.png", "image/png"))
    assert "يتجاوز الحد" in str(response.context["adminform"].form.errors["image"])
    assert not Article.objects.exists()


def test_too_many_pixels_is_refused(client, editor, settings):
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 1_000_000
    response = post_article(
        client, editor, upload(image_file(size=(1200, 1000)).read(), "wide.jpg")
    )
    assert "أكبر من المسموح" in str(response.context["adminform"].form.errors["image"])
    assert not Article.objects.exists()


def test_good_webp_is_accepted(client, editor):
    response = post_article(
        client, editor, upload(image_file(fmt="WEBP").read(), "photo.webp", "image/webp")
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.image.name.endswith(".webp")
    assert article.image_renditions
