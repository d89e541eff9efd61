"""Filters of the order list, with choices scoped to the user."""

import django_filters

from apps.organizations.models import Organization

from .models import Order


class OrderFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="Вид", choices=Order.Kind.choices, empty_label="Все")
    status = django_filters.ChoiceFilter(label="Статус", choices=Order.Status.choices, empty_label="Все")
    year = django_filters.TypedChoiceFilter(label="Год", choices=[], coerce=int)
    organization = django_filters.ModelChoiceFilter(
        label="Организация", queryset=Organization.objects.none(), empty_label="Все"
    )

    class Meta:
        model = Order
        fields = ["kind", "status", "year", "organization"]

    def __init__(self, *args, scope_organizations=None, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [("", "Все"), *((y, str(y)) for y in years)]
        if scope_organizations is not None:
            self.filters["organization"].queryset = scope_organizations
