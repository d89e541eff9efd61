"""Filters of the pair list; the mentor choices are the mentors of the organisation's pairs (its own
and the distance mentors of other organisations)."""

import django_filters

from apps.banks.models import MentorEntry
from apps.core.queries import in_ids
from apps.staff.pickers import NamesakeChoiceIterator

from .models import Direction, Form, MentoringGroup, MentoringType


class GroupFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label="Статус", choices=MentoringGroup.Status.choices)
    form = django_filters.ChoiceFilter(label="Форма", choices=Form.choices)
    type = django_filters.ChoiceFilter(label="Вид", choices=MentoringType.choices, method="filter_type")
    direction = django_filters.ChoiceFilter(label="Направление", choices=Direction.choices)
    mentor = django_filters.ModelChoiceFilter(
        label="Наставник", queryset=MentorEntry.objects.none(), empty_label="все"
    )

    class Meta:
        model = MentoringGroup
        fields = ["status", "form", "type", "direction", "mentor"]

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.form.fields["mentor"]
        field.queryset = (
            # Own mentors with groups, and distance mentors of other organisations in this one's groups.
            # By the ids of the organisation's pairs: a join and DISTINCT read every bank entry of the region.
            MentorEntry.objects.filter(
                in_ids("pk", MentoringGroup.objects.filter(organization=organization).values("mentor_id"))
            )
            .select_related("person", "year")
            .order_by("person__last_name", "person__first_name")
        )
        field.label_from_instance = lambda entry: f"{entry.person.full_name}, {entry.year.label}"
        field.iterator, field.person_of = NamesakeChoiceIterator, lambda entry: entry.person

    def filter_type(self, queryset, name, value):
        return queryset.filter(types__contains=[value])
