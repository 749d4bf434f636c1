import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from articles.models import Article
from tests.factories import ArticleFactory, image_file

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def exif_with_gps_and_rotation():
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # stored sideways: must be turned upright
    exif[0x010F] = "ReporterPhone"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (33.0, 30.0, 0.0), 3: "E", 4: (36.0, 17.0, 0.0)})
    return exif


def test_exif_and_gps_are_removed_and_orientation_applied():
    upload = image_file(size=(1200, 800), exif=exif_with_gps_and_rotation())
    with Image.open(io.BytesIO(upload.read())) as original:
        assert original.getexif().get_ifd(GPS_IFD)
    upload.seek(0)

    article = ArticleFactory(image=upload)
    with default_storage.open(article.image.name) as stored, Image.open(stored) as image:
        assert not image.getexif()
        assert "exif" not in image.info
        assert image.size == (800, 1200)  # the rotation was applied, not lost
    assert (article.image_width, article.image_height) == (800, 1200)


def test_renditions_are_made_once_in_webp_and_listed_in_srcset(client):
    article = ArticleFactory(image=image_file(size=(1600, 900)))
    widths = [r["width"] for r in article.image_renditions]
    assert widths == [480, 800, 1200]
    for rendition in article.image_renditions:
        with default_storage.open(rendition["name"]) as f, Image.open(f) as image:
            assert image.format == "WEBP"
            assert image.width == rendition["width"]

    article.title = "عنوان جديد"
    article.save()
    assert [r["name"] for r in Article.objects.get(pk=article.pk).image_renditions] == [
        r["name"] for r in article.image_renditions
    ]
    html = client.get(article.get_absolute_url()).content.decode()
    assert "480w" in html
    assert "1200w" in html


def test_small_image_gets_a_single_rendition():
    article = ArticleFactory(image=image_file(size=(300, 200)))
    assert [r["width"] for r in article.image_renditions] == [300]


@pytest.mark.parametrize(
    ("width", "expected"), [(800, [480, 800]), (1000, [480, 800, 1000]), (2400, [480, 800, 1200])]
)
def test_renditions_reach_the_image_own_width(width, expected):
    """A column wider than 480 pixels gets the sharpest copy there is, not 480w stretched."""
    article = ArticleFactory(image=image_file(size=(width, width // 2)))
    assert [r["width"] for r in article.image_renditions] == expected


def test_a_transparent_png_stays_transparent_in_its_renditions():
    buffer = io.BytesIO()
    logo = Image.new("RGBA", (600, 300), (0, 0, 0, 0))
    logo.paste((20, 110, 90, 255), (100, 50, 500, 250))
    logo.save(buffer, format="PNG")
    article = ArticleFactory(image=ContentFile(buffer.getvalue(), name="logo.png"))
    for rendition in article.image_renditions:
        with default_storage.open(rendition["name"]) as f, Image.open(f) as image:
            image = image.convert("RGBA")
            assert image.getpixel((0, 0))[3] == 0  # the corner is still see-through
            assert image.getpixel((image.width // 2, image.height // 2))[3] == 255


def sixteen_bit_grey_png(width: int, height: int) -> bytes:
    """A 16-bit greyscale PNG (as scanners and satellite pictures come), dark on the left
    and light on the right: each column's value climbs from 0 to 65,535."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" + b"".join(struct.pack(">H", 65535 * x // (width - 1)) for x in range(width))
    header = struct.pack(">IIBBBBB", width, height, 16, 0, 0, 0, 0)
    pixels = zlib.compress(row * height)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_a_16_bit_grey_picture_keeps_its_greys_in_its_renditions():
    """Its renditions were white from a tenth of the way across: 16-bit values were cut
    at 255 rather than scaled."""
    png = sixteen_bit_grey_png(800, 450)
    with Image.open(io.BytesIO(png)) as source:
        assert source.mode == "I;16"
    article = ArticleFactory(image=ContentFile(png, name="scan.png"))
    assert article.image_renditions
    for rendition in article.image_renditions:
        with default_storage.open(rendition["name"]) as f, Image.open(f) as image:
            grey = image.convert("L")
            row = [grey.getpixel((grey.width * x // 4, grey.height // 2)) for x in (0, 1, 2)]
            assert row == pytest.approx([0, 64, 128], abs=6), row
            assert grey.getpixel((grey.width - 1, grey.height // 2)) > 245
