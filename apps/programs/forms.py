"""Forms of the program pages: they validate input; the services check the domain rules."""

from django import forms
from django.utils import timezone

from apps.core import locking
from apps.core.forms import DateInput
from apps.core.uploads import DOCUMENTS, UploadField
from apps.pairs.models import GroupMember, MentoringType
from apps.staff.pickers import NamesakeChoiceMixin, disambiguated

from .models import (
    SECTIONS,
    ActivityFormat,
    ActivityKind,
    Competence,
    CompetencePlanItem,
    DeficitPlanItem,
    EndReason,
    EventForm,
    Mode,
    ModelPlanItem,
    Product,
    Program,
    ProgramTemplate,
    Responsible,
    RoadmapEvent,
)
from .selectors import default_event


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(UploadField):
    """Several files in one input, each checked by the portal's upload validator (size, type by content)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, kinds=DOCUMENTS, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ProgramCreateForm(forms.Form):
    title = forms.CharField(label="Название программы", max_length=300)
    start = forms.DateField(label="Начало реализации", widget=DateInput())
    end = forms.DateField(label="Окончание реализации", widget=DateInput(), help_text="От 3 до 12 месяцев.")
    template = forms.ModelChoiceField(
        label="Взять за основу программу из банка",
        queryset=ProgramTemplate.objects.none(),
        required=False,
        empty_label="— составить с нуля —",
    )

    def __init__(self, *args, templates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if templates is not None:
            self.fields["template"].queryset = templates


class ApproveForm(forms.Form):
    """The approval with the protocol of the pedagogical council that considered the program."""

    council_protocol_number = forms.CharField(label="Протокол №", max_length=20, required=False)
    council_protocol_date = forms.DateField(label="от", widget=DateInput(), required=False)


class ProgramForm(forms.Form):
    """The sections; ``version`` is the optimistic lock carried through the form."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label="Название программы", max_length=300)
    mode = forms.ChoiceField(label="Режим работы", choices=Mode.choices)
    mentoring_types = forms.MultipleChoiceField(
        label="Виды наставничества",
        choices=MentoringType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, title in SECTIONS:
            self.fields[name] = forms.CharField(
                label=title,
                required=False,
                max_length=Program._meta.get_field(name).max_length,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version")
        data["mentoring_types"] = list(data["mentoring_types"])
        return data


class _PlanRowForm(locking.LockedFormMixin, forms.ModelForm):
    """A plan row; when it edits a saved row it carries the row's state token."""

    def __init__(self, *args, lock_token: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if lock_token is not None:
            self.add_lock_token(lock_token)


class DeficitItemForm(_PlanRowForm):
    class Meta:
        model = DeficitPlanItem
        fields = ["direction", "deadline", "events", "goal"]
        widgets = {n: forms.Textarea(attrs={"rows": 2}) for n in ("direction", "events", "goal")}


class CompetenceItemForm(_PlanRowForm):
    class Meta:
        model = CompetencePlanItem
        fields = ["competence", "content", "events", "deadline"]
        widgets = {n: forms.Textarea(attrs={"rows": 2}) for n in ("content", "events")}


class ModelItemForm(_PlanRowForm):
    class Meta:
        model = ModelPlanItem
        fields = ["direction", "topics", "forms"]
        widgets = {n: forms.Textarea(attrs={"rows": 2}) for n in ("direction", "topics", "forms")}


PLAN_FORMS = {"deficit": DeficitItemForm, "competence": CompetenceItemForm, "model": ModelItemForm}
PLAN_TITLES = {
    "deficit": "План устранения профессиональных дефицитов",
    "competence": "План работы над повышением системы профессиональных компетенций",
    "model": "План развития модели",
}


class PersonChoice(NamesakeChoiceMixin, forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class EventEditForm(locking.LockedFormMixin, forms.Form):
    title = forms.CharField(label="Мероприятие", max_length=300)
    form = forms.ChoiceField(label="Форма", choices=EventForm.choices)
    start = forms.DateField(label="Дата (начало)", widget=DateInput())
    end = forms.DateField(label="Окончание периода", widget=DateInput(), required=False)
    responsible = forms.ChoiceField(label="Ответственный", choices=Responsible.choices)
    responsible_person = PersonChoice(
        label="Кто из наставляемых", queryset=None, required=False, empty_label="— все наставляемые —"
    )
    responsible_other = forms.CharField(label="Ответственный (если другой)", max_length=200, required=False)
    product = forms.ChoiceField(label="Продукт", choices=Product.choices, required=False)
    expected_result = forms.CharField(
        max_length=2000, label="Ожидаемый результат", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, mentees=None, lock_token: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_person"].queryset = mentees
        if lock_token is not None:
            self.add_lock_token(lock_token)


class EventDoneForm(forms.Form):
    evidence = forms.CharField(
        max_length=2000,
        label="Чем подтверждается выполнение",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Например: «Конспект урока согласован с наставником».",
    )
    reflection = forms.CharField(
        max_length=4000,
        label="Рефлексия (видят только вы, наставник и куратор)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    files = MultipleFileField(label="Файлы")


class CancelForm(forms.Form):
    reason = forms.CharField(
        max_length=1000, label="Причина отмены", widget=forms.Textarea(attrs={"rows": 2})
    )


class MemberChoice(NamesakeChoiceMixin, forms.ModelMultipleChoiceField):
    person_path = "mentee_person"

    def label_from_instance(self, obj):
        return obj.mentee_person.full_name


def event_label(event) -> str:
    return f"{event.start:%d.%m} — {event.title}"


def event_choices(events) -> list:
    """«— без мероприятия —», then the planned events: the overdue ones, then the coming ones."""
    today = timezone.localdate()
    overdue = [(e.pk, event_label(e)) for e in events if e.last_day < today]
    coming = [(e.pk, event_label(e)) for e in events if e.last_day >= today]
    choices: list = [("", "— без мероприятия —")]
    if overdue:
        choices.append(("Просрочено", overdue))
    if coming:
        choices.append(("Предстоящие", coming))
    return choices


class ActivityForm(forms.Form):
    """The quick form: today, 45 minutes, in person and the last kind used are preset."""

    date = forms.DateField(label="Дата", widget=DateInput())
    minutes = forms.IntegerField(label="Минут", min_value=5, max_value=600, initial=45)
    kind = forms.ChoiceField(label="Вид работы", choices=ActivityKind.choices)
    format = forms.ChoiceField(
        label="Формат",
        choices=ActivityFormat.choices,
        widget=forms.RadioSelect,
        initial=ActivityFormat.IN_PERSON,
    )
    event = forms.ModelChoiceField(
        label="Мероприятие дорожной карты", queryset=RoadmapEvent.objects.none(), required=False
    )
    members = MemberChoice(
        label="Участники",
        queryset=GroupMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Не отмечено — все наставляемые пары (группы).",
    )
    notes = forms.CharField(
        max_length=4000, label="Что сделано", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    complete_event = forms.BooleanField(
        label="Отметить мероприятие выполненным",
        required=False,
        initial=True,
        help_text="Заметка станет подтверждением выполнения.",
    )
    files = MultipleFileField(label="Файлы")

    def __init__(self, *args, events=None, last_kind=None, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self.fields["kind"].initial = last_kind or ActivityKind.MEETING
        if events is not None:
            self.fields["event"].queryset = events
        if members is not None:
            self.fields["members"].queryset = members

    def use_loaded_choices(self, *, events=None, members=None):
        """Render the event and member choices from lists already loaded (the same rows as the
        querysets, which still validate what is posted); ``None`` keeps the queryset. Planned
        events come grouped (overdue, then the coming ones), the likeliest one chosen."""
        if events is not None:
            self.fields["event"].choices = event_choices(events)
            self.fields["event"].empty_label = "— без мероприятия —"
            chosen = default_event(events)
            self.fields["event"].initial = chosen.pk if chosen else None
        if members is not None:
            field = self.fields["members"]
            labels = disambiguated(members, field.label_from_instance, field.person_of)
            field.choices = [(m.pk, label) for m, label in zip(members, labels, strict=True)]


class ActivityCorrectForm(ActivityForm):
    """The author's correction of an own entry: its fields without the participants and files."""

    members = None
    files = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complete_event"].initial = False


class CommentForm(forms.Form):
    text = forms.CharField(max_length=4000, label="Комментарий", widget=forms.Textarea(attrs={"rows": 2}))
    private = forms.BooleanField(
        label="Личный: видят только наставляемый, наставник и куратор", required=False
    )


class ChangeForm(forms.Form):
    new_end = forms.DateField(
        label="Новая дата окончания (продление)",
        widget=DateInput(),
        required=False,
        help_text="Общий срок программы с продлением — не более 12 месяцев.",
    )
    new_mode = forms.ChoiceField(
        label="Новый режим работы", choices=[("", "— без изменений —"), *Mode.choices], required=False
    )
    content = forms.CharField(
        max_length=8000,
        label="Содержание деятельности",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    forms_methods = forms.CharField(
        max_length=4000,
        label="Формы и методы работы",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    tasks = forms.CharField(
        max_length=4000, label="Задачи", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    deficit_plan = forms.CharField(
        max_length=20000,
        label="План устранения профессиональных дефицитов",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "class": "font-monospace small"}),
        help_text="Строка — одна строка плана: направление | сроки | мероприятия | цель.",
    )
    competence_plan = forms.CharField(
        max_length=20000,
        label="План работы над повышением компетенций",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "class": "font-monospace small"}),
        help_text="Строка — компетенция | содержание | мероприятия | сроки. Компетенции: "
        + ", ".join(label for _, label in Competence.choices)
        + ".",
    )
    reason = forms.CharField(
        max_length=4000,
        label="Что и почему меняется",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Изменение вступит в силу после согласия всех участников и подписания приказа.",
    )

    def clean_deficit_plan(self):
        return plan_from_text(self.cleaned_data["deficit_plan"], "deficit")

    def clean_competence_plan(self):
        return plan_from_text(self.cleaned_data["competence_plan"], "competence")


PLAN_COLUMNS = {
    "deficit": ["direction", "deadline", "events", "goal"],
    "competence": ["competence", "content", "events", "deadline"],
}


def plan_to_text(rows: list[dict], plan: str) -> str:
    labels = dict(Competence.choices)
    lines = []
    for row in rows:
        values = [labels.get(row[c], row[c]) if c == "competence" else row[c] for c in PLAN_COLUMNS[plan]]
        lines.append(" | ".join(str(v).replace("\n", " ").replace("|", "/") for v in values))
    return "\n".join(lines)


def plan_from_text(text: str, plan: str) -> list[dict] | None:
    """None when the field is empty (the plan does not change); rows otherwise."""
    if not (text or "").strip():
        return None
    by_label = {label.lower(): value for value, label in Competence.choices}
    rows = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("|")]
        if len(cells) != 4:
            raise forms.ValidationError(f"Строка {n}: нужно 4 части через «|», а их {len(cells)}.")
        row = dict(zip(PLAN_COLUMNS[plan], cells, strict=True))
        if plan == "competence":
            value = by_label.get(row["competence"].lower())
            if value is None:
                raise forms.ValidationError(f"Строка {n}: неизвестная компетенция «{row['competence']}».")
            row["competence"] = value
        rows.append(row)
    return rows


class EndForm(forms.Form):
    reason = forms.ChoiceField(
        label="Основание завершения", choices=EndReason.choices, widget=forms.RadioSelect
    )
    explanation = forms.CharField(
        max_length=4000,
        label="Обстоятельства",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Обязательно при досрочном завершении.",
    )
    open_events_note = forms.CharField(
        max_length=2000,
        label="Незакрытые мероприятия: почему не будут проведены",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    survey_asked = forms.BooleanField(label="Участникам предложено итоговое анкетирование", required=False)
    survey_note = forms.CharField(max_length=2000, label="Комментарий об анкетировании", required=False)


class PublishForm(forms.Form):
    title = forms.CharField(label="Название в банке программ", max_length=300)
    visibility = forms.ChoiceField(
        label="Кому видна",
        choices=ProgramTemplate.Visibility.choices,
        initial=ProgramTemplate.Visibility.ORGANIZATION,
    )
