"""Forms of the council's meetings: the choices are always the organisation's own (members, programs,
pairs, people); the services check them again, so a crafted POST with a foreign id is refused."""

from django import forms

from apps.core.forms import DateInput
from apps.staff.pickers import person_label
from apps.territory.models import Award

from . import selectors
from .models import AgendaItem


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class MeetingForm(forms.Form):
    date = forms.DateField(label="Дата заседания", widget=DateInput())
    place = forms.CharField(label="Место проведения", max_length=200, required=False)
    chair = UserChoiceField(label="Председатель", queryset=None, required=False, empty_label="— не выбран —")
    secretary = UserChoiceField(label="Секретарь", queryset=None, required=False, empty_label="— не выбран —")

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        members = selectors.council_members(organization)
        self.fields["chair"].queryset = members
        self.fields["secretary"].queryset = members


class AttendanceForm(forms.Form):
    members = UserMultipleChoiceField(
        label="Присутствовали члены совета",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    invited = forms.CharField(
        label="Приглашённые",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="По одному на строке: фамилия, имя, отчество — должность. Например: «Соловьёва Елена "
        "Петровна — заместитель директора».",
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = selectors.council_members(organization)

    def clean_invited(self) -> list[tuple[str, str]]:
        rows = []
        for line in (self.cleaned_data.get("invited") or "").splitlines():
            name, _, position = line.replace("–", "—").partition("—")
            if not position:
                name, _, position = line.partition(" - ")
            if name.strip():
                rows.append((name.strip(), position.strip()))
        return rows


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label="Вид вопроса", choices=AgendaItem.Kind.choices)
    question = forms.CharField(label="Вопрос", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    speaker = UserChoiceField(label="Докладчик", queryset=None, required=False, empty_label="— не выбран —")
    speaker_name = forms.CharField(
        label="Или приглашённый докладчик",
        max_length=200,
        required=False,
        help_text="Фамилия, имя, отчество полностью.",
    )
    program = forms.ModelChoiceField(
        label="Программа",
        queryset=None,
        required=False,
        empty_label="— не выбрана —",
        help_text="Для утверждения — программа на согласовании, для корректировки — действующая, "
        "для банка программ — завершённая.",
    )
    group = forms.ModelChoiceField(
        label="Пара (группа)", queryset=None, required=False, empty_label="— не выбрана —"
    )
    person = forms.ModelChoiceField(
        label="Педагог", queryset=None, required=False, empty_label="— не выбран —"
    )
    nomination = forms.CharField(
        label="Награда или конкурс",
        max_length=300,
        required=False,
        help_text="Например: «грамота за наставничество» или «муниципальный конкурс «Педагог года»».",
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = selectors.staff_users(organization)
        self.fields["program"].queryset = selectors.programs_for_agenda(organization)
        self.fields["program"].label_from_instance = lambda p: (
            f"{p.title} — наставник {p.group.mentor.person.short_name} ({p.get_status_display()})"
        )
        self.fields["group"].queryset = selectors.current_groups(organization).order_by("pk")
        self.fields["group"].label_from_instance = lambda g: f"{g} — наставник {g.mentor.person.short_name}"
        self.fields["person"].queryset = selectors.people(organization).select_related("position")
        self.fields["person"].label_from_instance = person_label


class DecisionForm(forms.Form):
    heard = forms.CharField(
        label="СЛУШАЛИ: о чём доклад",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    discussion = forms.CharField(
        label="ВЫСТУПИЛИ",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Кто выступил и что предложил.",
    )
    text = forms.CharField(label="РЕШИЛИ", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    votes_for = forms.IntegerField(label="За", min_value=0, max_value=200)
    votes_against = forms.IntegerField(label="Против", min_value=0, max_value=200, initial=0)
    votes_abstained = forms.IntegerField(label="Воздержались", min_value=0, max_value=200, initial=0)


class AwardByDecisionForm(forms.Form):
    kind = forms.ChoiceField(label="Вид поощрения", choices=Award.Kind.choices)
    reason = forms.CharField(label="За что", max_length=900)
    on = forms.DateField(label="Дата", widget=DateInput())
