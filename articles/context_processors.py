from articles.models import Section


def navigation(request):
    """The sections in the site header, evaluated only when a template asks for them."""
    return {"nav_sections": Section.objects.only("name", "slug").order_by("order", "name")}
