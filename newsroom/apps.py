from django.utils.translation import gettext_lazy as _
from taggit.apps import TaggitAppConfig


class HashtagsConfig(TaggitAppConfig):
    """django-taggit under the name the newsroom knows it by: the admin's group of hashtags
    reads «الوسوم» («Hashtags» in English), not the library's name ("Taggit")."""

    verbose_name = _("الوسوم")
