"""Forms of the pairs pages: they validate input; the services check the domain rules."""

from django import forms
from django.utils import timezone

from apps.banks.models import MentorEntry
from apps.core import locking
from apps.core.forms import DateInput
from apps.core.uploads import SCAN, UploadField
from apps.staff.pickers import (
    NamesakeChoiceIterator,
    NamesakeChoiceMixin,
    PersonMultipleChoiceField,
    person_label,
)

from .models import Compatibility, Direction, Form, MentorChange, MentoringType
from .selectors import mentees_for_choice, mentors_not_ready, mentors_with_regional_for_choice

PENDING = "pending-"


class MentorChoiceIterator(NamesakeChoiceIterator):
    """The organisation's own mentors first, then the regional base, as two <optgroup>s; then the mentors
    who cannot be chosen yet, greyed out with the reason, so that a new mentor is not missing silently."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        own, regional = [], []
        for choice in self.choices():
            home = choice[0].instance.organization_id == self.field.home_organization_id
            (own if home else regional).append(choice)
        if own:
            yield ("Наставники организации", own)
        if regional:
            yield ("Наставники региона (дистанционно)", regional)
        if self.field.pending:
            yield (
                "Пока не могут быть выбраны",
                [
                    (f"{PENDING}{entry.pk}", f"{person_label(entry.person)} — {why}")
                    for entry, why in self.field.pending
                ],
            )


class MentorSelect(forms.Select):
    """Greys out the options of mentors who cannot be chosen yet (``MentorChoiceIterator``)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if str(value).startswith(PENDING):
            option["attrs"]["disabled"] = True
        return option


class MentorChoiceField(NamesakeChoiceMixin, forms.ModelChoiceField):
    """A mentor of the organisation or of the regional base (a distance pair, issue 9 §3)."""

    iterator = MentorChoiceIterator
    widget = MentorSelect
    person_path = "person"
    home_organization_id = None
    pending: list = []  # (mentor entry, why it cannot be chosen yet)

    def label_from_instance(self, obj):
        if obj.organization_id == self.home_organization_id:
            return person_label(obj.person)
        position = obj.person.position.name.lower() if obj.person.position_id else ""
        return f"{obj.person.full_name} — {obj.organization.short_name}" + (
            f", {position}" if position else ""
        )


class EntryMultipleChoiceField(PersonMultipleChoiceField):
    person_path = "person"


class GroupForm(forms.Form):
    mentees = EntryMultipleChoiceField(
        label="Наставляемые",
        queryset=None,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Для пары — один наставляемый; для группы — двое и больше.",
    )
    mentor = MentorChoiceField(
        label="Наставник",
        queryset=None,
        help_text="Наставник другой организации региона — дистанционная пара: приказ подписывается здесь.",
    )
    form = forms.ChoiceField(label="Форма наставничества", choices=Form.choices)
    types = forms.MultipleChoiceField(
        label="Виды наставничества", choices=MentoringType.choices, widget=forms.CheckboxSelectMultiple
    )
    direction = forms.ChoiceField(label="Направление работы", choices=Direction.choices)
    planned_start = forms.DateField(label="Плановое начало", widget=DateInput())
    planned_end = forms.DateField(label="Плановое окончание", widget=DateInput())
    goal = forms.CharField(
        max_length=2000, label="Цель и задачи", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    # The mentees' signed agreement to the pair (it names the mentor and the term), uploaded with the
    # new pair instead of person by person on its page (issue 14). Not on the edit form.
    mentee_consent_scan = UploadField(
        label="Скан согласия наставляемых на участие (необязательно)",
        kinds=SCAN,
        required=False,
        help_text="Подписанное наставляемыми согласие на участие с этим наставником: загруженное здесь, "
        "оно вносится каждому наставляемому, и на странице пары его вносить не нужно.",
    )
    mentee_consent_signed_on = forms.DateField(
        label="Дата согласия наставляемых", required=False, widget=DateInput()
    )

    def __init__(self, *args, organization, year, new: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if new:
            today = timezone.localdate()
            self.fields["mentee_consent_signed_on"].initial = today
            self.fields["mentee_consent_signed_on"].widget.attrs["max"] = today.isoformat()
        else:
            del self.fields["mentee_consent_scan"], self.fields["mentee_consent_signed_on"]
        self.fields["mentor"].home_organization_id = organization.pk
        self.fields["mentor"].pending = mentors_not_ready(organization=organization, year=year)
        self.fields["mentor"].queryset = mentors_with_regional_for_choice(
            organization=organization, year=year
        )
        self.fields["mentees"].queryset = mentees_for_choice(organization=organization, year=year)

    def clean(self):
        data = super().clean()
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end <= start:
            self.add_error("planned_end", "Плановое окончание должно быть позже планового начала.")
        signed_on = data.get("mentee_consent_signed_on")
        if data.get("mentee_consent_scan") and not signed_on:
            self.add_error("mentee_consent_signed_on", "Укажите дату, когда наставляемые подписали согласие.")
        elif signed_on and signed_on > timezone.localdate():
            self.add_error("mentee_consent_signed_on", "Дата согласия не может быть в будущем.")
        return data

    def group_kwargs(self) -> dict:
        """The fields of the pair itself (``group_create``, ``group_update_draft``)."""
        consent = {"mentee_consent_scan", "mentee_consent_signed_on"}
        return {name: value for name, value in self.cleaned_data.items() if name not in consent}


class CompatibilityForm(locking.LockedFormMixin, forms.Form):
    compatibility = forms.ChoiceField(label="Оценка совместимости", choices=Compatibility.choices)
    note = forms.CharField(
        max_length=2000,
        label="Заключение",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="О совместимости стилей общения и работы. Сведения о здоровье не вносятся (152-ФЗ ст. 10).",
    )

    def __init__(self, *args, lock_token: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_lock_token(lock_token)


class ConsentUploadForm(forms.Form):
    person = forms.TypedChoiceField(label="Участник", coerce=int)
    signed_on = forms.DateField(label="Дата согласия", widget=DateInput())
    scan = UploadField(label="Скан подписанного согласия", kinds=SCAN)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {p.pk: p for p in people}
        self.fields["person"].choices = [(p.pk, p.full_name) for p in people]


class ConsentScanReplaceForm(forms.Form):
    """A new scan of a paper consent; the previous one stays in the consent's history."""

    signed_on = forms.DateField(label="Дата согласия", widget=DateInput())
    scan = UploadField(label="Новый скан подписанного согласия", kinds=SCAN)


class ReplaceForm(forms.Form):
    member = forms.TypedChoiceField(label="Наставляемый, подавший ходатайство", coerce=int)
    new_mentor = MentorChoiceField(label="Новый наставник", queryset=MentorEntry.objects.none())
    petition_date = forms.DateField(label="Дата ходатайства", widget=DateInput(), initial=timezone.localdate)
    reason = forms.CharField(
        max_length=1000, label="Причина", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, group, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {m.pk: m for m in members}
        self.fields["member"].choices = [(m.pk, m.mentee_person.full_name) for m in members]
        self.fields["new_mentor"].home_organization_id = group.organization_id
        self.fields["new_mentor"].queryset = mentors_with_regional_for_choice(
            organization=group.organization, year=group.year
        ).exclude(pk=group.mentor_id)


class ReleaseForm(forms.Form):
    ground = forms.ChoiceField(
        label="Основание",
        choices=[
            (MentorChange.Ground.MENTOR_APPLICATION, MentorChange.Ground.MENTOR_APPLICATION.label),
            (MentorChange.Ground.EARLY_TERMINATION, MentorChange.Ground.EARLY_TERMINATION.label),
        ],
    )
    document_date = forms.DateField(
        label="Дата заявления (уведомления)", widget=DateInput(), initial=timezone.localdate
    )
    reason = forms.CharField(
        max_length=1000, label="Причина", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CohortDatesForm(forms.Form):
    planned_start = forms.DateField(label="Плановое начало", widget=DateInput())
    planned_end = forms.DateField(label="Плановое окончание", widget=DateInput())

    def clean(self):
        data = super().clean()
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end <= start:
            self.add_error("planned_end", "Плановое окончание должно быть позже планового начала.")
        return data


class AllowanceForm(forms.Form):
    """The mentor's monthly allowance for the pair or group: a sum in roubles or a percentage of the
    salary, exactly one of them (ТК РФ ст. 351.8)."""

    amount = forms.IntegerField(
        label="Сумма доплаты, руб. в месяц",
        required=False,
        min_value=1,
        max_value=1_000_000,
        error_messages={
            "invalid": "Введите сумму целым числом рублей, например 3000.",
            "min_value": "Сумма доплаты должна быть больше нуля.",
            "max_value": "Сумма доплаты не может превышать 1 000 000 рублей.",
        },
    )
    percent = forms.IntegerField(
        label="Или процент должностного оклада",
        required=False,
        min_value=1,
        max_value=100,
        error_messages={
            "invalid": "Введите процент целым числом от 1 до 100.",
            "min_value": "Процент оклада — от 1 до 100.",
            "max_value": "Процент оклада — от 1 до 100.",
        },
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        amount, share = data.get("amount"), data.get("percent")
        if amount is not None and share is not None:
            self.add_error("amount", "Укажите либо сумму, либо процент оклада, но не то и другое.")
        elif amount is None and share is None:
            self.add_error("amount", "Укажите сумму доплаты в рублях или процент оклада.")
        return data
