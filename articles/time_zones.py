"""The newsroom's time zone (settings.TIME_ZONE) named as people say it: by its city,
«الرياض» / "Riyadh", where Django's admin wrote its identifier, «Asia/Riyadh»."""

from django.conf import settings
from django.utils.translation import pgettext_lazy

# The zones of the Arab newsrooms this project is set up for; any other is named by the
# city its identifier ends with (Europe/London: "London"). Translated as cities: «تونس» and
# «الجزائر» are also their countries' names, which English spells otherwise.
CITIES = {
    "Asia/Riyadh": pgettext_lazy("city", "الرياض"),
    "Asia/Dubai": pgettext_lazy("city", "دبي"),
    "Asia/Qatar": pgettext_lazy("city", "الدوحة"),
    "Asia/Kuwait": pgettext_lazy("city", "الكويت"),
    "Asia/Bahrain": pgettext_lazy("city", "المنامة"),
    "Asia/Muscat": pgettext_lazy("city", "مسقط"),
    "Asia/Aden": pgettext_lazy("city", "عدن"),
    "Asia/Baghdad": pgettext_lazy("city", "بغداد"),
    "Asia/Amman": pgettext_lazy("city", "عمّان"),
    "Asia/Damascus": pgettext_lazy("city", "دمشق"),
    "Asia/Beirut": pgettext_lazy("city", "بيروت"),
    "Asia/Gaza": pgettext_lazy("city", "غزة"),
    "Asia/Jerusalem": pgettext_lazy("city", "القدس"),
    "Africa/Cairo": pgettext_lazy("city", "القاهرة"),
    "Africa/Khartoum": pgettext_lazy("city", "الخرطوم"),
    "Africa/Tripoli": pgettext_lazy("city", "طرابلس"),
    "Africa/Tunis": pgettext_lazy("city", "تونس"),
    "Africa/Algiers": pgettext_lazy("city", "الجزائر"),
    "Africa/Casablanca": pgettext_lazy("city", "الدار البيضاء"),
    "Africa/Nouakchott": pgettext_lazy("city", "نواكشوط"),
    "Europe/London": pgettext_lazy("city", "لندن"),
}


def newsroom_city() -> str:
    """The city of the newsroom's time zone, in the active language."""
    return city_of(settings.TIME_ZONE)


def city_of(zone: str) -> str:
    """The city time zone ``zone`` is named after, in the active language."""
    if zone in CITIES:
        return str(CITIES[zone])
    return zone.rsplit("/", 1)[-1].replace("_", " ")
