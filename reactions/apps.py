from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReactionsConfig(AppConfig):
    name = "reactions"
    verbose_name = _("تفاعلات القراء")

    def ready(self) -> None:
        from reactions import signals  # noqa: F401
