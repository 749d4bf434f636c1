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


@pytest.mark.parametrize("size", [(1, 1), (479, 900), (1600, 269)], ids=["1x1", "narrow", "low"])
def test_too_small_lead_image_is_refused_naming_the_minimum(client, editor, settings, size):
    png = image_file(fmt="PNG", size=size).read()
    response = post_article(client, editor, upload(png, "small.png", "image/png"))
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["image"]
    width, height = size
    assert error == (
        f"الصورة صغيرة: عرضها {width} بكسل وارتفاعها {height} بكسل. "
        "أقل ما تقبله الصورة الرئيسية عرض 480 بكسل وارتفاع 270 بكسل."
    )
    assert not Article.objects.exists()
    assert media_files(settings) == []


def test_lead_image_of_the_minimum_size_is_accepted(client, editor):
    jpeg = image_file(size=(480, 270)).read()
    assert post_article(client, editor, upload(jpeg, "small.jpg")).status_code == 302
    assert Article.objects.get().image_width == 480


def test_an_author_photo_may_be_smaller_than_a_lead_image(admin_client):
    """Shown at 96 pixels: a 200-pixel portrait is plenty."""
    from articles.models import Author

    photo = upload(image_file(size=(200, 200)).read(), "portrait.jpg")
    response = admin_client.post(
        "/admin/articles/author/add/", {"name": "سلمى الحداد", "slug": "salma", "photo": photo}
    )
    assert response.status_code == 302
    assert Author.objects.get().photo


def test_good_webp_is_accepted(client, editor):
    response = post_article(
        client, editor, upload(image_file(fmt="WEBP").read(), "photo.webp", "image/webp")
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.image.name.endswith(".webp")
    assert article.image_renditions


def png_bomb(width: int, height: int) -> bytes:
    """A valid 1-bit PNG declaring ``width``×``height`` pixels, all black: tiny on disk,
    gigantic once decoded (30,000² is 900 million pixels from about 100 KB)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def media_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("side", [12_000, 30_000], ids=["over-our-limit", "over-pillows-limit"])
def test_decompression_bomb_is_refused_without_decoding(client, editor, settings, side):
    bomb = png_bomb(side, side)
    assert len(bomb) < 200_000
    response = post_article(client, editor, upload(bomb, "bomb.png", "image/png"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"]
    assert not Article.objects.exists()
    assert media_files(settings) == []


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [
        (b"<!doctype html><script>alert(1)</script>", "photo.webp", "image/webp"),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "a.png", "image/png"),
        (b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>", "a.svg", "image/svg"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "scan.jpg", "image/jpeg"),
        (b"GIF89a<script>alert(1)</script>", "anim.gif", "image/gif"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "broken.png", "image/png"),
    ],
    ids=["html-as-webp", "svg-as-png", "svg", "pdf-as-jpg", "gif-script", "png-header-only"],
)
def test_disguised_files_are_refused_and_nothing_is_stored(
    client, editor, settings, content, name, content_type
):
    response = post_article(client, editor, upload(content, name, content_type))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"]
    assert not Article.objects.exists()
    assert media_files(settings) == []


def test_truncated_png_is_refused(client, editor, settings):
    png = image_file(fmt="PNG", size=(800, 450)).read()
    response = post_article(client, editor, upload(png[: len(png) // 2], "cut.png", "image/png"))
    assert response.context["adminform"].form.errors["image"]
    assert not Article.objects.exists()
    assert media_files(settings) == []


def test_empty_file_is_refused(client, editor, settings):
    response = post_article(client, editor, upload(b"", "empty.jpg"))
    assert response.context["adminform"].form.errors["image"]
    assert media_files(settings) == []


def test_png_named_jpg_is_accepted_and_stored_under_its_true_type(client, editor):
    png = image_file(fmt="PNG", size=(800, 450)).read()
    response = post_article(client, editor, upload(png, "photo.jpg", "image/jpeg"))
    assert response.status_code == 302
    assert Article.objects.get().image.name.endswith(".png")


def camera_jpeg_with_a_second_picture() -> bytes:
    """A JPEG as some phones and cameras write it: the photo, then a second picture (a
    depth map or a preview) in the Multi-Picture Format, which Pillow calls MPO."""
    from PIL import Image

    photo = Image.new("RGB", (800, 450), (30, 90, 200))
    depth = Image.new("RGB", (400, 225), (128, 128, 128))
    buffer = io.BytesIO()
    photo.save(buffer, format="MPO", save_all=True, append_images=[depth])
    return buffer.getvalue()


def test_a_camera_jpeg_with_a_second_picture_is_accepted_as_its_photo(client, editor):
    from PIL import Image

    content = camera_jpeg_with_a_second_picture()
    assert content[:3] == b"\xff\xd8\xff"  # a JPEG file, as the phone names it
    response = post_article(client, editor, upload(content, "IMG_2041.jpg"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.image.name.endswith(".jpg")
    with article.image.open() as stored, Image.open(stored) as image:
        assert (image.format, image.size) == ("JPEG", (800, 450))
        assert image.getpixel((400, 225)) == pytest.approx((30, 90, 200), abs=3)
    assert article.image_renditions


def test_polyglot_jpeg_is_re_encoded_so_its_payload_is_gone(client, editor, settings):
    jpeg = image_file(size=(800, 450)).read() + b"<script>alert(1)</script><html>"
    response = post_article(client, editor, upload(jpeg, "photo.jpg"))
    assert response.status_code == 302
    stored = media_files(settings)
    assert stored and all(b"<script" not in path.read_bytes() for path in stored)


def test_hostile_file_names_are_tamed(client, editor, settings):
    png = image_file(fmt="PNG", size=(800, 450)).read()
    hostile_name = "../../../etc/\u202egnp.exe.png"
    response = post_article(client, editor, upload(png, hostile_name, "image/png"))
    assert response.status_code == 302
    name = Article.objects.get().image.name
    assert name.startswith("articles/") and ".." not in name and "\u202e" not in name
    assert all(settings.MEDIA_ROOT in path.parents for path in media_files(settings))


def test_a_story_saves_again_keeping_its_image_without_a_new_upload(client, editor, settings):
    """The stored image is not checked again on every save: it was when it came in."""
    assert post_article(client, editor, upload(image_file().read(), "photo.jpg")).status_code == 302
    article = Article.objects.get()
    stored, files = article.image.name, media_files(settings)
    response = client.post(
        f"/admin/articles/article/{article.pk}/change/",
        {
            "title": "خبر مع صورة بعد التعديل",
            "slug": article.slug,
            "deck": "",
            "agency": "عين للأنباء",
            "city": "الرباط",
            "body": "<p>نص الخبر بعد التعديل</p>",
            "section": article.section_id,
            "tags": "",
            "language": "ar",
            "status": "published",
            "edit_version": article.version,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.title == "خبر مع صورة بعد التعديل"
    assert article.status == Article.Status.PUBLISHED
    assert article.image.name == stored
    assert media_files(settings) == files  # no second copy of the upload
