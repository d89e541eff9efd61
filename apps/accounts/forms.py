"""Sign-in forms with Russian wording."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label="Логин",
        max_length=150,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}
        ),
    )
    password = forms.CharField(
        label="Пароль", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": "Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock.",
        "inactive": "Учётная запись отключена. Обратитесь к куратору или администратору.",
    }


class CodeLoginForm(forms.Form):
    username = forms.CharField(
        label="Логин",
        max_length=150,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}
        ),
    )
    code = forms.CharField(
        label="Одноразовый код",
        max_length=40,
        help_text="Десять знаков, например ABCDE-23456; дефис и пробелы можно не вводить.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class IdentityInvitationForm(forms.Form):
    snils = forms.CharField(
        label="СНИЛС (необязательно)",
        required=False,
        max_length=20,
        help_text="Если указать, привязать вход сможет только учётная запись поставщика с этим СНИЛС. "
        "Портал хранит не сам СНИЛС, а его ключевой хеш.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "placeholder": "123-456-789 01"}
        ),
    )

    def clean_snils(self):
        value = self.cleaned_data["snils"].strip()
        if not value:
            return ""
        digits = "".join(ch for ch in value if ch.isdigit())
        if len(digits) != 11 or any(not (ch.isdigit() or ch in " -") for ch in value):
            raise forms.ValidationError("СНИЛС — одиннадцать цифр, например 123-456-789 01.")
        if not snils_checksum_ok(digits):
            raise forms.ValidationError("Контрольное число СНИЛС не сходится: проверьте цифры.")
        return digits


def snils_checksum_ok(digits: str) -> bool:
    """The check number of a СНИЛС (the last two digits) from the first nine, as the Pension Fund defines it;
    numbers up to 001-001-998 carry none."""
    body, check = digits[:9], int(digits[9:])
    if int(body) <= 1001998:
        return True
    total = sum(int(d) * (9 - i) for i, d in enumerate(body))
    while total > 101:
        total %= 101
    expected = 0 if total in (100, 101) else total
    return check == expected
