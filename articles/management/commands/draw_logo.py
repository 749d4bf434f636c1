"""Draw static/img/logo.png, the publisher logo that structured data gives search engines.

Search engines want a raster logo (600×60 at most for news publishers), so the site's
SVG mark is redrawn here with Pillow: the red bar of the masthead and the site's name,
shaped right to left when an Arabic font and Pillow's Raqm layout are available.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from PIL import Image, ImageDraw, ImageFont, features

from articles.structured_data import LOGO_PATH, LOGO_SIZE

ACCENT = (179, 18, 31)  # --accent in static/css/site.css
INK = (26, 26, 26)
ARABIC_FONTS = [
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoKufiArabic-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansArabic-Bold.ttf",
]


def arabic_font(size: int) -> ImageFont.FreeTypeFont | None:
    if not features.check("raqm"):
        return None  # without Raqm, Arabic letters would come out unjoined and reversed
    for path in ARABIC_FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)
    return None


def draw_logo(name: str) -> Image.Image:
    width, height = LOGO_SIZE
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    bar_width = 16
    # The masthead's bar, at the start of a right-to-left line.
    draw.rounded_rectangle((width - bar_width, 4, width - 1, height - 5), radius=3, fill=ACCENT)
    font = arabic_font(size=38)
    if font is not None:
        draw.text(
            (width - bar_width - 14, height // 2),
            name,
            font=font,
            fill=INK,
            anchor="rm",
            direction="rtl",
            language="ar",
        )
    return image


class Command(BaseCommand):
    help = "Draw static/img/logo.png, the publisher logo used in structured data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default=str(settings.BASE_DIR / "static" / LOGO_PATH), help="PNG path"
        )

    def handle(self, *args, output, **options):
        with translation.override(settings.LANGUAGE_CODE):
            name = str(settings.SITE_NAME)
        image = draw_logo(name)
        image.save(output, format="PNG", optimize=True)
        self.stdout.write(f"{output}: {image.width}×{image.height}")
