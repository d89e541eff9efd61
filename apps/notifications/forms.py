from django import forms

from .models import Channel, Notification


class PreferencesForm(forms.Form):
    """One choice of channel per kind of notification."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Notification.Kind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label[:1].upper() + label[1:],
                choices=Channel.choices,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
