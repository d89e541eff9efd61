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
            "slug",
        ]
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

    def clean_slug(self):
        slug = (self.cleaned_data.get("slug") or "").strip().lower()
        return slug or None
