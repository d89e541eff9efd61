"""Forms of the risk register; the services hold the rules, the forms only shape the input."""

from django import forms

from apps.core.forms import DateInput

from .catalogue import RiskKind
from .models import RiskEntry


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class EntryForm(forms.ModelForm):
    kind = forms.ChoiceField(label="Риск", choices=RiskKind.choices)
    owner = OwnerChoiceField(label="Ответственный", queryset=None, required=False)

    class Meta:
        model = RiskEntry
        fields = ["kind", "description", "measure", "owner", "due_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "measure": forms.Textarea(attrs={"rows": 5}),
            "due_on": DateInput(),
        }

    def __init__(self, *args, owners, detected: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].empty_label = "— не назначен —"
        if detected:
            # The risk of a detected entry is what the rule found: it does not change.
            self.fields["kind"].disabled = True


class CloseForm(forms.Form):
    result = forms.CharField(
        label="Результат принятых мер",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Что сделано и что изменилось: без этого риск не снимается.",
    )
