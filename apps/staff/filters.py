"""Filters, search and sorting of the staff registry. The queryset comes from ``selectors.person_list``
(already scoped to one organisation, with the consent and bank annotations these filters use)."""

import django_filters
from django import forms
from django.db.models import Q

from .models import Person, Position, Subject
from .selectors import filter_by_name


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Поиск по ФИО",
        method="search",
        widget=forms.TextInput(attrs={"placeholder": "Фамилия, имя или отчество", "type": "search"}),
    )
    position = django_filters.ModelChoiceFilter(
        label="Должность", queryset=Position.objects.none(), empty_label="Все должности"
    )
    subject = django_filters.ModelChoiceFilter(
        label="Предмет или направление",
        field_name="subjects",
        queryset=Subject.objects.none(),
        empty_label="Все предметы",
        distinct=False,
        method="filter_subject",
    )
    category = django_filters.ChoiceFilter(
        label="Категория",
        field_name="qualification_category",
        choices=Person.Category.choices,
        empty_label="Любая категория",
    )
    experience_min = django_filters.NumberFilter(
        label="Пед. стаж от, лет",
        field_name="pedagogical_experience_years",
        lookup_expr="gte",
        min_value=0,
        widget=forms.NumberInput(attrs={"min": 0, "max": 80}),
    )
    experience_max = django_filters.NumberFilter(
        label="до, лет",
        field_name="pedagogical_experience_years",
        lookup_expr="lte",
        min_value=0,
        widget=forms.NumberInput(attrs={"min": 0, "max": 80}),
    )
    education = django_filters.ChoiceFilter(
        label="Образование",
        choices=[("pedagogical", "педагогическое"), ("other", "непедагогическое")],
        empty_label="Любое образование",
        method="filter_education",
    )
    bank = django_filters.ChoiceFilter(
        label="Банк (текущий год)",
        choices=[
            ("mentor", "в банке наставников"),
            ("mentee", "в банке наставляемых"),
            ("any", "в любом банке"),
            ("none", "ни в одном банке"),
        ],
        empty_label="Все",
        method="filter_bank",
    )
    consent = django_filters.ChoiceFilter(
        label="Согласие на обработку ПДн",
        choices=[
            ("valid", "действует"),
            ("missing", "не оформлено"),
            ("withdrawn", "отозвано, ждёт уничтожения"),
            ("destroyed", "данные уничтожены"),
        ],
        empty_label="Все",
        method="filter_consent",
    )
    external = django_filters.ChoiceFilter(
        label="Сотрудник",
        choices=[("no", "работник организации"), ("yes", "внешний участник")],
        empty_label="Все",
        method="filter_external",
    )
    ordering = django_filters.OrderingFilter(
        label="Сортировка",
        empty_label="По фамилии",
        fields=(
            ("last_name", "name"),
            ("position__sort_order", "position"),
            ("pedagogical_experience_years", "experience"),
            ("hire_date", "hired"),
            ("created_at", "added"),
        ),
        # django-filter looks an ascending label up by the model field, a descending one by «-param».
        field_labels={
            "last_name": "по фамилии",
            "-name": "по фамилии (Я–А)",
            "position__sort_order": "по должности",
            "-position": "по должности (обратно)",
            "pedagogical_experience_years": "по стажу (сначала молодые)",
            "-experience": "по стажу (сначала опытные)",
            "hire_date": "по дате приёма",
            "-hired": "по дате приёма (сначала новые)",
            "created_at": "по дате внесения",
            "-added": "по дате внесения (сначала новые)",
        },
    )

    class Meta:
        model = Person
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["position"].queryset = Position.objects.order_by("sort_order", "name")
        self.filters["subject"].queryset = Subject.objects.order_by("sort_order", "name")

    @property
    def qs(self):
        # A stable order after any sorting, so pages do not overlap.
        qs = super().qs
        ordering = list(qs.query.order_by)
        if ordering and not any(o.lstrip("-") == "pk" for o in ordering):
            qs = qs.order_by(*ordering, "last_name", "first_name", "patronymic", "pk")
        return qs

    def search(self, queryset, name, value):
        return filter_by_name(queryset, value)

    def filter_subject(self, queryset, name, value):
        return queryset.filter(subjects=value) if value else queryset

    def filter_education(self, queryset, name, value):
        if value == "pedagogical":
            return queryset.filter(education_pedagogical=True)
        if value == "other":
            return queryset.filter(education_pedagogical=False)
        return queryset

    def filter_bank(self, queryset, name, value):
        return {
            "mentor": lambda: queryset.filter(in_mentor_bank=True),
            "mentee": lambda: queryset.filter(in_mentee_bank=True),
            "any": lambda: queryset.filter(Q(in_mentor_bank=True) | Q(in_mentee_bank=True)),
            "none": lambda: queryset.filter(in_mentor_bank=False, in_mentee_bank=False),
        }.get(value, lambda: queryset)()

    def filter_consent(self, queryset, name, value):
        return {
            "valid": lambda: queryset.filter(has_valid_consent=True),
            "missing": lambda: queryset.filter(consents__isnull=True),
            "withdrawn": lambda: queryset.filter(has_valid_consent=False, has_withdrawn_consent=True),
            "destroyed": lambda: queryset.filter(has_valid_consent=False, data_destroyed=True),
        }.get(value, lambda: queryset)()

    def filter_external(self, queryset, name, value):
        if value in ("yes", "no"):
            return queryset.filter(is_external=value == "yes")
        return queryset
