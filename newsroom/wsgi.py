import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django_application = get_wsgi_application()

# Imported once Django is set up: it reads the page cache.
from newsroom.remembered_pages import RememberedPages  # noqa: E402

application = RememberedPages(django_application)
