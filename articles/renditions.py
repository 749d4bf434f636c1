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
        image = original.convert("RGB")
    stem = PurePosixPath(name)
    made = []
    for width in settings.NEWSROOM_RENDITION_WIDTHS:
        if width >= image.width and made:
            break
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
    return made


def srcset(renditions: list[dict]) -> str:
    return ", ".join(f"{default_storage.url(r['name'])} {r['width']}w" for r in renditions)
