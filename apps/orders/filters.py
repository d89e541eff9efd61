"""Filters of the order list, with choices scoped to the user."""

import django_filters
from django.db.models import Q

from apps.organizations.models import Organization

from .models import Order


class OrderFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="Вид", choices=Order.Kind.choices, empty_label="Все")
    status = django_filters.ChoiceFilter(label="Статус", choices=Order.Status.choices, empty_label="Все")
    year = django_filters.TypedChoiceFilter(label="Год", choices=[], coerce=int)
    organization = django_filters.ModelChoiceFilter(
        label="Организация", queryset=Organization.objects.none(), empty_label="Все"
    )
    # The administrator's scope is every organisation of the portal: a list of thousands of options
    # would cost more than the rest of the page (issue 18), so the name is typed instead.
    organization_name = django_filters.CharFilter(label="Организация", method="by_organization_name")

    class Meta:
        model = Order
        fields = ["kind", "status", "year", "organization", "organization_name"]

    def __init__(self, *args, scope_organizations=None, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [("", "Все"), *((y, str(y)) for y in years)]
        if scope_organizations is not None:
            self.filters["organization"].queryset = scope_organizations

    def by_organization_name(self, queryset, name, value):
        return queryset.filter(
            Q(organization__short_name__icontains=value) | Q(organization__full_name__icontains=value)
        )
