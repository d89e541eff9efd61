"""Forms of the territory app; the services hold the rules, the forms only shape the input."""

from django import forms

from apps.banks.models import Area
from apps.staff.models import Person

from .models import DisclosureConsent, RoadmapEvent


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RoadmapEventForm(forms.ModelForm):
    class Meta:
        model = RoadmapEvent
        fields = ["stage", "title", "deadline", "responsible", "expected_result", "document"]
        widgets = {"deadline": DateInput(), "expected_result": forms.Textarea(attrs={"rows": 2})}


class ReturnForm(forms.Form):
    remarks = forms.CharField(
        label="Замечания",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Каждое замечание с новой строки: организация ответит на каждое.",
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label="Ответ на замечание", widget=forms.Textarea(attrs={"rows": 2}))


class ConsentForm(forms.Form):
    person = forms.ModelChoiceField(label="Педагог", queryset=Person.objects.none())
    kind = forms.ChoiceField(label="Вид согласия", choices=DisclosureConsent.Kind.choices)
    signed_on = forms.DateField(label="Дата согласия", widget=DateInput())

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            organization=organization, left_on__isnull=True
        ).order_by("last_name", "first_name")


class RegionalSearchForm(forms.Form):
    q = forms.CharField(label="ФИО, предмет или организация", required=False)
    area = forms.ChoiceField(label="Сильная сторона", required=False, choices=[("", "любая"), *Area.choices])
    free_only = forms.BooleanField(label="Есть свободные места", required=False)
