"""Forms of the allowance basis: the month to prepare, the director's password, a correction's reason."""

from django import forms
from django.utils import timezone

from .periods import month_label

MONTHS_BACK = 13


def month_choices(today=None) -> list[tuple[str, str]]:
    """The current month and the twelve before it, newest first: «2026-11» → «ноябрь 2026 г.»."""
    today = today or timezone.localdate()
    year, month = today.year, today.month
    choices = []
    for _ in range(MONTHS_BACK):
        choices.append((f"{year}-{month:02d}", month_label(year, month).capitalize()))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return choices


class PrepareForm(forms.Form):
    month = forms.ChoiceField(
        label="Месяц", help_text="Основание готовится за наступивший или прошедший месяц."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = month_choices()
        self.fields["month"].choices = choices
        # The last month by default: the basis is usually prepared after the month ends.
        self.fields["month"].initial = choices[1][0]

    def clean_month(self) -> tuple[int, int]:
        year, _, month = self.cleaned_data["month"].partition("-")
        return int(year), int(month)


class ApproveForm(forms.Form):
    password = forms.CharField(
        label="Ваш пароль",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Утверждение подтверждается вводом пароля от учётной записи.",
    )


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label="Причина исправления",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Например: приказ о завершении программы подписан после закрытия месяца.",
    )
