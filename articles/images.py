"""Lead images: what is accepted, and what is kept of an upload.

Only JPEG, PNG and WebP within size and pixel limits are accepted, and a story's lead
image must be large enough to fill its place on the pages. Every accepted upload is
re-encoded with its orientation applied and no metadata kept, so a reporter's GPS
position in EXIF never reaches the site.
"""

from __future__ import annotations

import io
import warnings
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# A camera's JPEG that carries more pictures after the photo (a depth map, a preview: the
# Multi-Picture Format) is a JPEG to everyone; Pillow names it MPO. Its photo is kept.
SAME_FORMAT = {"MPO": "JPEG"}


def _open(file) -> Image.Image:
    file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(file)
        image.load()
    return image


def validate_news_image(file) -> None:
    """Field validator: a clear form error for anything the newsroom will not publish.

    Only a new upload is checked. The stored image (a committed FieldFile) was checked
    when it came in, and its file is closed by then: every later save of the story would
    fail on it.
    """
    _validate(file)


def validate_lead_image(file) -> None:
    """``validate_news_image``, and at least ``NEWSROOM_LEAD_IMAGE_MIN_SIZE`` pixels: a
    smaller image would be blown up, blurred, across the story page and its cards."""
    _validate(file, min_size=settings.NEWSROOM_LEAD_IMAGE_MIN_SIZE)


def _validate(file, min_size: tuple[int, int] | None = None) -> None:
    if getattr(file, "_committed", False):
        return
    max_bytes = settings.NEWSROOM_IMAGE_MAX_BYTES
    if file.size is not None and file.size > max_bytes:
        raise ValidationError(
            _("حجم الصورة %(size)s يتجاوز الحد المسموح به (%(limit)s).")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(max_bytes)},
            code="image_too_large",
        )
    try:
        file.seek(0)
        with Image.open(file) as probe:
            fmt, (width, height) = SAME_FORMAT.get(probe.format, probe.format), probe.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("الملف ليس صورة صالحة. الصيغ المقبولة: JPEG وPNG وWebP."), code="invalid_image"
        ) from exc
    if fmt not in ALLOWED_FORMATS:
        raise ValidationError(
            _("صيغة الصورة %(format)s غير مقبولة. الصيغ المقبولة: JPEG وPNG وWebP.")
            % {"format": fmt},
            code="image_format",
        )
    if width * height > settings.NEWSROOM_IMAGE_MAX_PIXELS:
        raise ValidationError(
            _("أبعاد الصورة %(width)s×%(height)s أكبر من المسموح به.")
            % {"width": width, "height": height},
            code="image_too_many_pixels",
        )
    if min_size and (width < min_size[0] or height < min_size[1]):
        raise ValidationError(
            _(
                "الصورة صغيرة: عرضها %(width)s بكسل وارتفاعها %(height)s بكسل. "
                "أقل ما تقبله الصورة الرئيسية عرض %(min_width)s بكسل وارتفاع %(min_height)s بكسل."
            )
            % {
                "width": width,
                "height": height,
                "min_width": min_size[0],
                "min_height": min_size[1],
            },
            code="image_too_small",
        )
    try:
        # Decode it all. The context manager, not close(): Pillow 13's close() also closes
        # a PNG's underlying upload, which the form still needs.
        with _open(file):
            pass
    except (OSError, ValueError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(_("الصورة تالفة أو غير مكتملة."), code="image_truncated") from exc
    finally:
        file.seek(0)


# A 16-bit greyscale PNG (a scan, a satellite or medical picture) is opened in these modes,
# whose values go up to 65,535: converted to colour as they are, all but the darkest tenth
# of the picture came out white in its renditions.
SIXTEEN_BIT_GREY = {"I;16", "I;16L", "I;16B", "I;16N", "I"}


def _eight_bit_grey(image: Image.Image) -> Image.Image:
    """The picture in 8-bit grey, each value scaled from 0-65,535 down to 0-255."""
    return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")


def clean_upload(file, name: str) -> ContentFile:
    """Return the image re-encoded upright, without EXIF or other metadata."""
    image = _open(file)
    fmt = SAME_FORMAT.get(image.format, image.format)
    fmt = fmt if fmt in ALLOWED_FORMATS else "JPEG"
    image = ImageOps.exif_transpose(image)
    if image.mode in SIXTEEN_BIT_GREY:
        image = _eight_bit_grey(image)
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    options = {"quality": 88, "optimize": True} if fmt in {"JPEG", "WEBP"} else {"optimize": True}
    # Saving without exif=/icc_profile= drops them; Pillow copies no metadata unasked.
    image.save(buffer, format=fmt, **options)
    stem = PurePath(name).stem or "image"
    return ContentFile(buffer.getvalue(), name=f"{stem}.{ALLOWED_FORMATS[fmt]}")
