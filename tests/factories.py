import io
from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Section


def image_file(name="photo.jpg", size=(1600, 900), fmt="JPEG", exif=None, colour=(200, 30, 30)):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, colour)
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=fmt, **options)
    return ContentFile(buffer.getvalue(), name=name)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"قسم {n}")
    slug = factory.Sequence(lambda n: f"قسم-{n}")
    order = factory.Sequence(int)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"كاتب رقم {n}")
    slug = factory.Sequence(lambda n: f"كاتب-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"مشاورات جديدة حول الساحل الإفريقي رقم {n}")
    deck = "يلتقي المفاوضون لبحث ملفات الأمن والتنمية في المنطقة."
    agency = "عين للأنباء"
    city = "موسكو"
    body = "<p>انطلقت اليوم جولة جديدة من المشاورات.</p><ul><li>الأمن</li><li>التنمية</li></ul>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def hashtags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.set(extracted)


def bulk_published(section, n, *, title, minutes_ago=1):
    """``n`` published stories in one INSERT, newest first: "<title> 0" is the newest.

    No save() per row (no search vector, no signals): for tests that need an archive.
    """
    now = timezone.now()
    return Article.objects.bulk_create(
        Article(
            title=f"{title} {i}",
            slug=f"{title.replace(' ', '-')}-{i}",
            body="<p>نص</p>",
            section=section,
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(minutes=i + minutes_ago),
        )
        for i in range(n)
    )
