"""Filters of the territory list and the regional base of mentors, scoped to the user."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL

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

    def _year(self):
        from .selectors import current_year

        return self.year or current_year()

    def filter_implements(self, queryset, name, value):
        """The rows ``regional_report`` (the rule, written once) says implement the target model, or do
        not: their ids read in one query over the rows filtered so far, then one array parameter, not
        the rule's SQL again in every query of the page (its count, its rows, the indicator, the
        breakdown; each would plan it anew)."""
        from .regional_report import implementing_ids

        ids = implementing_ids(organizations=queryset, year=self._year(), implements=(value == "yes"))
        return queryset.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", (ids,)))

    def filter_roadmap(self, queryset, name, value):
        of_year = Roadmap.objects.filter(organization=OuterRef("pk"), year=self._year())
        if value == "none":
            return queryset.exclude(Exists(of_year))
        return queryset.filter(Exists(of_year.filter(status=value)))


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
