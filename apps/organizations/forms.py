"""Forms for the organisation's card."""

from django import forms

from .models import Organization


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "full_name",
            "short_name",
            "kind",
            "inn",
            "address",
            "locality",
            "phone",
            "email",
            "website",
            "director_position",
            "director_name",
            "curator_name",
            "mentor_allowance_amount",
            "mentor_allowance_percent",
            "slug",
        ]
        help_texts = {
            "mentor_allowance_amount": "Размер доплаты наставнику, установленный Положением о наставничестве "
            "(коллективным договором): подставляется в новые пары и группы. Заполните сумму или процент.",
        }
        error_messages = {
            "slug": {
                "unique": "Этот адрес уже занят другой организацией: добавьте, например, название города.",
                "invalid": "Только латинские буквы, цифры и дефис, например mbou-sosh-7.",
            }
        }

    def clean_inn(self):
        inn = self.cleaned_data["inn"].strip()
        if inn and (not inn.isdigit() or len(inn) not in (10, 12)):
            raise forms.ValidationError("ИНН состоит из 10 цифр (для организации) или 12 цифр.")
        return inn

    def clean_mentor_allowance_percent(self):
        share = self.cleaned_data.get("mentor_allowance_percent")
        if share is not None and not 1 <= share <= 100:
            raise forms.ValidationError("Процент оклада — от 1 до 100.")
        return share

    def clean_mentor_allowance_amount(self):
        amount = self.cleaned_data.get("mentor_allowance_amount")
        if amount is not None and amount < 1:
            raise forms.ValidationError("Сумма доплаты должна быть больше нуля.")
        return amount

    def clean(self):
        data = super().clean()
        if (
            data.get("mentor_allowance_amount") is not None
            and data.get("mentor_allowance_percent") is not None
        ):
            self.add_error(
                "mentor_allowance_amount", "Укажите либо сумму, либо процент оклада, но не то и другое."
            )
        return data

    def clean_slug(self):
        slug = (self.cleaned_data.get("slug") or "").strip().lower()
        return slug or None
