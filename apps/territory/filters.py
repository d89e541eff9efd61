"""Filters of the territory list and the regional base of mentors, scoped to the user."""

import django_filters
from django.db.models import Exists, OuterRef, Q

from apps.banks.models import Area, MentorStrength
from apps.organizations.models import Municipality, Organization
from apps.staff.models import Person

from .models import Roadmap


class TerritoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Организация", method="search")
    municipality = django_filters.ModelChoiceFilter(
        label="Муниципалитет", queryset=Municipality.objects.none(), empty_label="все"
    )
    kind = django_filters.ChoiceFilter(label="Тип", choices=Organization.Kind.choices, empty_label="все")
    implements = django_filters.ChoiceFilter(
        label="Целевая модель",
        choices=[("yes", "реализуют"), ("no", "не реализуют")],
        method="filter_implements",
        empty_label="все",
    )
    roadmap = django_filters.ChoiceFilter(
        label="Дорожная карта",
        choices=[("none", "нет"), *Roadmap.Status.choices],
        method="filter_roadmap",
        empty_label="все",
    )

    class Meta:
        model = Organization
        fields = ["q", "municipality", "kind", "implements", "roadmap"]

    def __init__(self, *args, scope=None, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        if scope is not None:
            self.filters["municipality"].queryset = Municipality.objects.filter(
                pk__in=scope.order_by().values("municipality_id")
            )

    def search(self, queryset, name, value):
        return queryset.filter(Q(short_name__icontains=value) | Q(full_name__icontains=value))

    def _with_figures(self, queryset):
        """The rows with their figures to filter by (the list itself reads them for its page alone)."""
        from .selectors import current_year, with_territory_figures

        return with_territory_figures(queryset, self.year or current_year())

    def filter_implements(self, queryset, name, value):
        return self._with_figures(queryset).filter(implements=(value == "yes"))

    def filter_roadmap(self, queryset, name, value):
        queryset = self._with_figures(queryset)
        if value == "none":
            return queryset.filter(roadmap_status__isnull=True)
        return queryset.filter(roadmap_status=value)


class RegionalMentorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="ФИО, предмет или организация", method="search")
    area = django_filters.ChoiceFilter(label="Сильная сторона", choices=Area.choices, method="filter_area")
    free_only = django_filters.BooleanFilter(
        label="Только со свободными местами",
        method="filter_free",
        widget=django_filters.widgets.BooleanWidget(),
    )

    def search(self, queryset, name, value):
        value = " ".join(value.lower().replace("ё", "е").split())
        subjects = Person.subjects.through.objects.filter(
            person_id=OuterRef("person_id"), subject__name__icontains=value
        )
        return queryset.filter(
            Q(person__search_name__contains=value)
            | Q(organization__short_name__icontains=value)
            | Exists(subjects)
        )

    def filter_area(self, queryset, name, value):
        return queryset.filter(Exists(MentorStrength.objects.filter(entry=OuterRef("pk"), area=value)))

    def filter_free(self, queryset, name, value):
        return queryset.filter(free__gt=0) if value == "yes" else queryset
