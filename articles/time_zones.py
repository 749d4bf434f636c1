"""The newsroom's time zone (settings.TIME_ZONE) named as people say it: by its city,
«الرياض» / "Riyadh", where Django's admin wrote its identifier, «Asia/Riyadh»."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# The zones of the Arab newsrooms this project is set up for; any other is named by the
# city its identifier ends with (Europe/London: "London").
CITIES = {
    "Asia/Riyadh": _("الرياض"),
    "Asia/Dubai": _("دبي"),
    "Asia/Qatar": _("الدوحة"),
    "Asia/Kuwait": _("الكويت"),
    "Asia/Bahrain": _("المنامة"),
    "Asia/Muscat": _("مسقط"),
    "Asia/Aden": _("عدن"),
    "Asia/Baghdad": _("بغداد"),
    "Asia/Amman": _("عمّان"),
    "Asia/Damascus": _("دمشق"),
    "Asia/Beirut": _("بيروت"),
    "Asia/Gaza": _("غزة"),
    "Asia/Jerusalem": _("القدس"),
    "Africa/Cairo": _("القاهرة"),
    "Africa/Khartoum": _("الخرطوم"),
    "Africa/Tripoli": _("طرابلس"),
    "Africa/Tunis": _("تونس"),
    "Africa/Algiers": _("الجزائر"),
    "Africa/Casablanca": _("الدار البيضاء"),
    "Africa/Nouakchott": _("نواكشوط"),
    "Europe/London": _("لندن"),
}


def newsroom_city() -> str:
    """The city of the newsroom's time zone, in the active language."""
    return city_of(settings.TIME_ZONE)


def city_of(zone: str) -> str:
    """The city time zone ``zone`` is named after, in the active language."""
    if zone in CITIES:
        return str(CITIES[zone])
    return zone.rsplit("/", 1)[-1].replace("_", " ")
