"""Filters of the bank lists; the subject choices are those of the organisation's own staff."""

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef

from apps.core.queries import in_ids
from apps.staff.models import Person, Subject

from .models import Area, Level, MenteeDifficulty, MenteeEntry, MentorEntry, MentorStrength, Petition

YES_NO = [("", "все"), ("true", "да"), ("false", "нет")]


def normalize_name_query(value: str) -> list[str]:
    """«Ёлкина  дарья» → ["елкина", "дарья"]: matched against Person.search_name (lower, ё → е)."""
    return [word for word in value.lower().replace("ё", "е").split() if word]


class _BankFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Поиск по ФИО", method="search")
    area = django_filters.ChoiceFilter(
        label="Направление", choices=Area.choices, empty_label="все", method="by_area"
    )
    level = django_filters.ChoiceFilter(
        label="Уровень не ниже", choices=Level.choices, empty_label="любой", method="by_area"
    )
    subject = django_filters.ModelChoiceFilter(
        label="Предмет",
        queryset=Subject.objects.none(),
        field_name="person__subjects",
        distinct=True,
        empty_label="все",
    )
    needs_rediagnosis = django_filters.ChoiceFilter(
        label="Повторная диагностика", choices=YES_NO[1:], empty_label="все", method="by_rediagnosis"
    )

    marks_model = None

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organization is not None:
            # Unordered: the ids sorted by name cost an ICU sort of the whole staff (issue 18).
            staff = Person.objects.filter(organization=organization).order_by().values("pk")
            taught = Person.subjects.through.objects.filter(in_ids("person_id", staff)).values("subject_id")
            self.filters["subject"].queryset = Subject.objects.filter(pk__in=taught).order_by("name")

    def search(self, queryset, name, value):
        for word in normalize_name_query(value):
            queryset = queryset.filter(person__search_name__contains=word)
        return queryset

    def by_rediagnosis(self, queryset, name, value):
        return queryset.filter(needs_rediagnosis=value == "true")

    def by_area(self, queryset, name, value):
        # Area and level act together (one Exists), in filter_queryset below.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        area = self.form.cleaned_data.get("area")
        level = int(self.form.cleaned_data.get("level") or 0)
        if area or level:
            marks = self.marks_model.objects.filter(entry=OuterRef("pk"))
            if area:
                marks = marks.filter(area=area)
            if level:
                marks = marks.filter(level__gte=level)
            queryset = queryset.filter(Exists(marks))
        return queryset


class MenteeBankFilter(_BankFilter):
    category = django_filters.ChoiceFilter(
        label="Категория", choices=MenteeEntry.Category.choices, empty_label="все"
    )
    status = django_filters.ChoiceFilter(
        label="Статус", choices=MenteeEntry.Status.choices, empty_label="все"
    )
    source = django_filters.ChoiceFilter(
        label="Источник", choices=MenteeEntry.Source.choices, empty_label="все"
    )

    marks_model = MenteeDifficulty

    class Meta:
        model = MenteeEntry
        fields = ["q", "category", "status", "area", "level", "subject", "source", "needs_rediagnosis"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["area"].label = "Затруднение: направление"
        self.filters["level"].label = "Выраженность не ниже"


class MentorBankFilter(_BankFilter):
    status = django_filters.ChoiceFilter(
        label="Статус", choices=MentorEntry.Status.choices, empty_label="все"
    )
    source = django_filters.ChoiceFilter(
        label="Источник", choices=MentorEntry.Source.choices, empty_label="все"
    )
    has_room = django_filters.BooleanFilter(
        label="Может взять наставляемых",
        method="by_room",
        widget=forms.Select(choices=YES_NO),
    )

    marks_model = MentorStrength

    class Meta:
        model = MentorEntry
        fields = ["q", "status", "area", "level", "subject", "source", "needs_rediagnosis", "has_room"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["area"].label = "Сильная сторона: направление"
        self.filters["level"].label = "Уровень не ниже"

    def by_room(self, queryset, name, value):
        """Approved or active mentors whose load is below the number of mentees they accept."""
        if value is None:
            return queryset
        with_room = queryset.filter(status__in=MentorEntry.APPROVED_STATUSES, load__lt=F("max_mentees"))
        if value:
            return with_room
        return queryset.exclude(pk__in=with_room.values("pk"))


class PetitionFilter(django_filters.FilterSet):
    """The curator's list of applications: by status (waiting first by default), kind, channel, year."""

    q = django_filters.CharFilter(label="Поиск по ФИО", method="search")
    status = django_filters.ChoiceFilter(label="Статус", choices=Petition.Status.choices, empty_label="все")
    kind = django_filters.ChoiceFilter(label="Вид", choices=Petition.Kind.choices, empty_label="все")
    channel = django_filters.ChoiceFilter(
        label="Как подано", choices=Petition.Channel.choices, empty_label="все"
    )

    class Meta:
        model = Petition
        fields = ["q", "status", "kind", "channel"]

    def search(self, queryset, name, value):
        for word in normalize_name_query(value):
            queryset = queryset.filter(person__search_name__contains=word)
        return queryset
