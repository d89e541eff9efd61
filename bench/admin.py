"""The Django admin change lists the benchmark compares the portal's lists with.

The project's own ModelAdmin where there is one, otherwise a plain one showing the columns our page
shows; both with our page's 25 rows per page, so the two pages list the same rows of the same data.
"""

from django.apps import apps
from django.contrib import admin

from .pages import ADMIN_PAGE_SIZE

# Models without a project admin: the columns of our list page, their relations joined like ours.
PLAIN = {
    "staff.Person": {
        "list_display": ["last_name", "first_name", "patronymic", "position", "hire_date"],
        "list_select_related": ["position"],
    },
    "pairs.MentoringGroup": {
        "list_display": ["__str__", "mentor", "form", "status", "year"],
        "list_select_related": ["mentor__person", "year"],
    },
    "programs.Program": {
        "list_display": ["title", "organization", "status", "start", "end"],
        "list_select_related": ["organization"],
    },
}


class BenchAdminSite(admin.AdminSite):
    site_url = None


site = BenchAdminSite(name="bench_admin")


def _register_all() -> None:
    for model, model_admin in admin.site._registry.items():
        site.register(
            model, type(type(model_admin).__name__, (type(model_admin),), {"list_per_page": ADMIN_PAGE_SIZE})
        )
    for label, options in PLAIN.items():
        model = apps.get_model(label)
        if model not in site._registry:
            site.register(
                model,
                type(
                    f"{model.__name__}BenchAdmin",
                    (admin.ModelAdmin,),
                    {"list_per_page": ADMIN_PAGE_SIZE, **options},
                ),
            )


_register_all()
