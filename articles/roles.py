"""The newsroom's roles. Group names are data; rights come from permissions."""

from django.utils.translation import gettext_lazy as _

REPORTERS = "Reporters"
EDITORS = "Editors"
MODERATORS = "Moderators"

ROLE_LABELS = {REPORTERS: _("المراسلون"), EDITORS: _("المحررون"), MODERATORS: _("المشرفون")}

PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user) -> bool:
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)
