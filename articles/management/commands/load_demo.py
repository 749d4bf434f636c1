"""Load the demo newsroom: sections, authors, Arabic stories, images, a login per role."""

import io
import json
import random
from datetime import timedelta
from pathlib import Path

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFilter

from articles.models import Article, Author, Section
from articles.roles import EDITORS, MODERATORS, REPORTERS

CONTENT = Path(__file__).resolve().parents[2] / "demo" / "content.json"
ACCOUNTS = [
    # username, password, group, superuser
    ("editor", "demo-editor-2026", EDITORS, False),
    ("reporter", "demo-reporter-2026", REPORTERS, False),
    ("moderator", "demo-moderator-2026", MODERATORS, False),
    ("admin", "demo-admin-2026", None, True),
]
PALETTES = [
    ((22, 48, 92), (180, 60, 50)),
    ((24, 80, 64), (220, 170, 60)),
    ((70, 30, 90), (40, 150, 180)),
    ((120, 40, 30), (240, 200, 140)),
    ((30, 30, 40), (90, 160, 120)),
]


def demo_image(seed: str, palette: int) -> ContentFile:
    """An abstract 1600×900 JPEG, different for every story, drawn here with Pillow."""
    rng = random.Random(seed)
    top, bottom = PALETTES[palette % len(PALETTES)]
    width, height = 1600, 900
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    overlay = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    shapes = ImageDraw.Draw(overlay)
    for _step in range(14):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(60, 360)
        colour = (*(rng.randrange(256) for _c in range(3)), rng.randrange(40, 120))
        if rng.random() < 0.5:
            shapes.ellipse([x - r, y - r, x + r, y + r], fill=colour)
        else:
            shapes.rectangle([x - r, y - r // 3, x + r, y + r // 3], fill=colour)
    overlay = overlay.filter(ImageFilter.GaussianBlur(6))
    image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name=f"{seed}.jpg")


class Command(BaseCommand):
    help = _("يحمّل غرفة أخبار تجريبية: أقسام وكتّاب وأخبار عربية وحساب لكل دور.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("التحميل حتى مع إيقاف وضع التطوير (لا تستخدمه على موقع حي)."),
        )
        parser.add_argument(
            "--no-images",
            action="store_true",
            help=_("دون توليد الصور (أسرع، للاختبارات)."),
        )

    def handle(self, *args, force=False, no_images=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "يرفض load_demo العمل مع إيقاف DEBUG كي لا تصل كلمات المرور التجريبية "
                    "إلى موقع حي. استخدم --force إن كنت متأكدًا."
                )
            )
        data = json.loads(CONTENT.read_text(encoding="utf-8"))
        with transaction.atomic():
            users = self.load_accounts()
            created = self.load_articles(data, users, with_images=not no_images)
        self.stdout.write(self.style.SUCCESS(_("الأخبار التجريبية: %(n)d جديدة.") % {"n": created}))
        self.stdout.write(_("حسابات التجربة (لوحة الإدارة: /admin/):"))
        for username, password, group, _superuser in ACCOUNTS:
            self.stdout.write(f"  {username:<10} {password:<22} {group or 'superuser'}")

    def load_accounts(self) -> dict[str, object]:
        User = get_user_model()
        users = {}
        for username, password, group, superuser in ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"is_staff": True, "is_superuser": superuser},
            )
            if created:
                user.set_password(password)
                user.save()
            if group:
                user.groups.add(Group.objects.get(name=group))
            users[username] = user
        return users

    def load_articles(self, data: dict, users: dict, *, with_images: bool = True) -> int:
        sections = {}
        for item in data["sections"]:
            sections[item["slug"]], _created = Section.objects.update_or_create(
                slug=item["slug"],
                defaults={
                    "name": item["name"],
                    "order": item["order"],
                    "description": item.get("description", ""),
                },
            )
        authors = {}
        for item in data["authors"]:
            authors[item["slug"]], _created = Author.objects.update_or_create(
                slug=item["slug"], defaults={"name": item["name"], "bio": item.get("bio", "")}
            )
        authors_by_index = list(authors.values())
        if authors_by_index and not authors_by_index[0].user_id:
            authors_by_index[0].user = users["reporter"]
            authors_by_index[0].save()

        now = timezone.now()
        status_map = {
            "published": Article.Status.PUBLISHED,
            "scheduled": Article.Status.PUBLISHED,
            "draft": Article.Status.DRAFT,
            "in_review": Article.Status.REVIEW,
        }
        section_order = list(sections)
        created = 0
        for item in data["articles"]:
            if Article.objects.filter(title=item["title"]).exists():
                continue
            status = status_map[item["status"]]
            article = Article(
                title=item["title"],
                deck=item["deck"],
                agency=item.get("agency", ""),
                city=item.get("city", ""),
                body=item["body"],
                section=sections[item["section"]],
                status=status,
                publish_at=(
                    now - timedelta(hours=item["hours_ago"])
                    if status == Article.Status.PUBLISHED
                    else None
                ),
                image_caption=item.get("image_caption", ""),
                image_credit=item.get("image_credit", ""),
                image_alt=item.get("image_alt", ""),
                created_by=users["reporter"]
                if status != Article.Status.PUBLISHED
                else users["editor"],
            )
            if with_images:
                article.image = demo_image(item["key"], section_order.index(item["section"]))
            # Its first revision, as a story added in the admin has: the history starts
            # with it, and two editors' edits are told apart from the start (conflicts.py).
            with reversion.create_revision():
                reversion.set_user(article.created_by)
                reversion.set_comment(json.dumps([{"added": {}}]))  # «أُضيف.», as Django's
                article.save()
                article.authors.set([authors[slug] for slug in item["authors"]])
                article.tags.set(item["hashtags"])
            created += 1
        return created
