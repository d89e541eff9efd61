from django import forms

from apps.core.forms import DateInput
from apps.core.uploads import SCAN, UploadField

from .models import CooperationAgreement, PartnerPerson


class AgreementForm(forms.ModelForm):
    # A plain file input: the stored file's path is no text for the page (the card links the scan).
    scan = UploadField(label="Скан соглашения", kinds=SCAN, required=False, widget=forms.FileInput)

    class Meta:
        model = CooperationAgreement
        fields = [
            "partner_name",
            "partner_kind",
            "partner_inn",
            "number",
            "signed_on",
            "ends_on",
            "subject",
            "scan",
        ]
        widgets = {
            "signed_on": DateInput(),
            "ends_on": DateInput(),
            "subject": forms.Textarea(attrs={"rows": 3}),
            "partner_inn": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }
        help_texts = {
            "partner_name": (
                "Например: ЦНППМ «Институт развития образования», Сургутский педагогический колледж."
            ),
            "subject": (
                "Например: научно-методическое сопровождение наставников, наставники из числа преподавателей."
            ),
        }


class PartnerPersonForm(forms.Form):
    person = forms.ModelChoiceField(label="Педагог из реестра", queryset=None, empty_label="— выберите —")
    role = forms.ChoiceField(
        label="Роль", choices=PartnerPerson.Role.choices, initial=PartnerPerson.Role.MENTOR
    )
    position_at_partner = forms.CharField(
        label="Должность в организации-партнёре", max_length=200, required=False
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda p: p.full_name
