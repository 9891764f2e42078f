"""Lab 3's app: renders a page with Django's template engine, configured in code (no project needed)."""

import django
from django.conf import settings

settings.configure(TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}])
django.setup()

from django.template import engines  # noqa: E402

if __name__ == "__main__":
    page = engines["django"].from_string("<h1>{{ title|upper }}</h1>").render({"title": "no critical cves"})
    print(page, "django", django.get_version())
