"""Filters of the program list; the mentor choices are the mentors of the user's organisation."""

import django_filters
from django.db.models import Exists, OuterRef, Q

from apps.banks.models import MentorEntry
from apps.pairs.models import MentoringGroup
from apps.staff.pickers import NamesakeChoiceIterator

from .models import Program


class ProgramFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Название или фамилия участника", method="filter_q")
    status = django_filters.ChoiceFilter(label="Статус", choices=Program.Status.choices, empty_label="все")
    mentor = django_filters.ModelChoiceFilter(
        label="Наставник", queryset=MentorEntry.objects.none(), field_name="group__mentor", empty_label="все"
    )
    stalled = django_filters.BooleanFilter(
        label="Только без активности 30 дней",
        method="filter_stalled",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = Program
        fields = ["q", "status", "mentor"]

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import stall_phrase

        self.form.fields["stalled"].label = f"Только без активности {stall_phrase()}"
        field = self.form.fields["mentor"]
        field.queryset = (
            # EXISTS per entry of the school, not DISTINCT: PostgreSQL sorted the joined rows by every
            # column of the entry and the person, names by the ICU collation (7-10 ms; issue 18).
            MentorEntry.objects.filter(
                Exists(MentoringGroup.objects.filter(mentor=OuterRef("pk"), program__isnull=False)),
                organization=organization,
            )
            .select_related("person")
            # What the choice shows (namesakes: the year of birth, then the subjects), not the whole card.
            .only("person__last_name", "person__first_name", "person__patronymic", "person__birth_date")
            .order_by("person__last_name", "person__first_name")
        )
        field.label_from_instance = lambda entry: entry.person.full_name
        field.iterator, field.person_of = NamesakeChoiceIterator, lambda entry: entry.person

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(group__mentor__person__last_name__icontains=value)
            | Q(group__members__mentee_person__last_name__icontains=value)
        ).distinct()

    def filter_stalled(self, queryset, name, value):
        if not value:
            return queryset
        from datetime import timedelta

        from django.db.models.functions import Coalesce

        from .selectors import STALL_DAYS, last_activity, today

        cutoff = today() - timedelta(days=STALL_DAYS)
        return (
            queryset.exclude(status=Program.Status.FINISHED)
            .filter(start__lte=cutoff)
            .alias(since=Coalesce(last_activity(), "start"))
            .filter(since__lte=cutoff)
        )
