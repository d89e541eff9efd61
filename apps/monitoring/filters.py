"""Filters of the campaign list; the questionnaire choices are scoped to the organisation."""

import django_filters

from .models import Campaign, Point, QuestionnaireTemplate


class CampaignFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label="Статус", choices=Campaign.Status.choices, empty_label="все")
    point = django_filters.ChoiceFilter(label="Точка программы", choices=Point.choices, empty_label="все")
    template = django_filters.ModelChoiceFilter(
        label="Анкета", queryset=QuestionnaireTemplate.objects.none(), empty_label="все"
    )

    class Meta:
        model = Campaign
        fields = ["status", "point", "template"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["template"].queryset = QuestionnaireTemplate.objects.filter(
            campaigns__organization=organization
        ).distinct()
