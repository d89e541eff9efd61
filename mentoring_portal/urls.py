"""Root URL configuration of the mentoring portal."""

from django.contrib import admin
from django.urls import include, path

from apps.core.views import favicon

admin.site.site_header = "Наставник.Школа — администрирование"
admin.site.site_title = "Наставник.Школа"

handler403 = "apps.core.views.error_403"
handler404 = "apps.core.views.error_404"
handler500 = "apps.core.views.error_500"

urlpatterns = [
    path("", include("apps.accounts.urls")),
    path("organizations/", include("apps.accounts.organization_urls")),
    path("staff/import/", include("apps.staff.urls_import")),
    path("staff/", include("apps.staff.urls")),
    path("orders/", include("apps.orders.urls")),
    path("pairs/", include("apps.pairs.urls")),
    path("programs/", include("apps.programs.urls")),
    path("training/", include("apps.training.urls")),
    path("monitoring/", include("apps.monitoring.urls")),
    path("banks/", include("apps.banks.urls")),
    path("partners/", include("apps.partners.urls")),
    path("territory/", include("apps.territory.urls")),
    path("council/", include("apps.council.urls")),
    path("allowances/", include("apps.allowances.urls")),
    path("risks/", include("apps.risks.urls")),
    path("public/", include("apps.public.urls")),
    path("notifications/", include("apps.notifications.urls")),
    path("audit/", include("apps.audit.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon),
]
