"""The portal's URLs plus the benchmark's admin site (the comparison change lists) under /bench-admin/."""

from django.urls import path

from mentoring_portal.urls import urlpatterns as portal_urlpatterns

from .admin import site

urlpatterns = [*portal_urlpatterns, path("bench-admin/", site.urls)]
