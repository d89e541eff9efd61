"""Filters of the organisation list, scoped to what the user may see."""

import django_filters
from django.db.models import Q

from .models import Municipality, Organization


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Поиск", method="search")
    municipality = django_filters.ModelChoiceFilter(
        label="Муниципалитет", queryset=Municipality.objects.none(), empty_label="все"
    )
    kind = django_filters.ChoiceFilter(label="Тип", choices=Organization.Kind.choices)

    class Meta:
        model = Organization
        fields = ["q", "municipality", "kind"]

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        if scope is not None:
            self.filters["municipality"].queryset = Municipality.objects.filter(
                pk__in=scope.values("municipality_id")
            )

    def search(self, queryset, name, value):
        return queryset.filter(Q(short_name__icontains=value) | Q(full_name__icontains=value))
