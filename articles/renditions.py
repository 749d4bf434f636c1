"""Responsive renditions of lead images: several WebP widths, made once per upload."""

from __future__ import annotations

import io
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image


def make_renditions(name: str) -> list[dict]:
    """Write WebP renditions of the stored image ``name``; return their names and sizes."""
    with default_storage.open(name) as source, Image.open(source) as original:
        original.load()
        # WebP keeps an alpha channel: a transparent PNG stays transparent, not black.
        image = original.convert("RGBA" if original.has_transparency_data else "RGB")
    stem = PurePosixPath(name)
    made = []
    for width in settings.NEWSROOM_RENDITION_WIDTHS:
        # Up to the image's own width, never beyond: an 800-pixel image gets an 800w
        # rendition, not only the 480w one stretched across a wide column.
        target = min(width, image.width)
        height = round(image.height * target / image.width)
        buffer = io.BytesIO()
        image.resize((target, height), Image.Resampling.LANCZOS).save(
            buffer, format="WEBP", quality=80, method=4
        )
        out = f"renditions/{stem.parent.name}/{stem.stem}-{target}w.webp"
        made.append(
            {
                "name": default_storage.save(out, ContentFile(buffer.getvalue())),
                "width": target,
                "height": height,
            }
        )
        if target == image.width:
            break
    return made


def srcset(renditions: list[dict]) -> str:
    return ", ".join(f"{default_storage.url(r['name'])} {r['width']}w" for r in renditions)
