"""Forms of the banks: an entry with one row per area (level and comment) in a single form, the
teachers' questionnaires, the reviews and the carry-over decisions."""

from django import forms
from django.utils import timezone

from apps.core import locking
from apps.core.forms import DateInput
from apps.core.uploads import SCAN, UploadField
from apps.staff.models import Person
from apps.staff.pickers import PersonChoiceField

from .models import Area, Level, MenteeEntry, MentorEntry, MentoringForm, Petition
from .services import AreaMark, CarryDecision, MentorAnswers


class AreaGridMixin:
    """Eight rows, one per area: a level (empty: no difficulty / no strength) and a comment."""

    area_level_label = "уровень"
    area_comment_label = "комментарий"
    area_empty_label = "—"

    def add_area_fields(self, marks=None) -> None:
        initial = {m.area: m for m in (marks or [])}
        for area in Area:
            mark = initial.get(area.value)
            self.fields[f"level_{area.value}"] = forms.TypedChoiceField(
                label=f"{area.label}: {self.area_level_label}",
                choices=[("", self.area_empty_label), *Level.choices],
                coerce=int,
                empty_value=None,
                required=False,
                initial=mark.level if mark else None,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"comment_{area.value}"] = forms.CharField(
                label=f"{area.label}: {self.area_comment_label}",
                max_length=500,
                required=False,
                initial=mark.comment if mark else "",
                widget=forms.TextInput(
                    attrs={"class": "form-control form-control-sm", "placeholder": self.area_comment_label}
                ),
            )

    def clean_areas(self, cleaned_data) -> None:
        for area in Area:
            level = cleaned_data.get(f"level_{area.value}")
            comment = (cleaned_data.get(f"comment_{area.value}") or "").strip()
            if comment and level is None:
                self.add_error(f"level_{area.value}", "Укажите уровень или очистите комментарий.")

    def area_marks(self) -> list[AreaMark]:
        data = self.cleaned_data
        return [
            AreaMark(
                area.value, data[f"level_{area.value}"], (data.get(f"comment_{area.value}") or "").strip()
            )
            for area in Area
            if data.get(f"level_{area.value}") is not None
        ]

    def area_rows(self):
        """For the template: (label, level field, comment field) for each area, in the seeds' order."""
        return [(area.label, self[f"level_{area.value}"], self[f"comment_{area.value}"]) for area in Area]

    def area_field_names(self) -> set[str]:
        return {f"{kind}_{area.value}" for area in Area for kind in ("level", "comment")}


class _EntryForm(locking.LockedFormMixin, AreaGridMixin, forms.Form):
    def __init__(self, *args, person_queryset=None, marks=None, lock_token: str | None = None, **kwargs):
        """``lock_token``: an edit form carries the state it was opened on (apps.core.locking)."""
        super().__init__(*args, **kwargs)
        if person_queryset is None:
            self.fields.pop("person", None)
        else:
            self.fields["person"].queryset = person_queryset
        if lock_token is not None:
            self.add_lock_token(lock_token)
        self.add_area_fields(marks)

    def clean(self):
        cleaned = super().clean()
        self.clean_areas(cleaned)
        return cleaned

    def main_fields(self):
        names = self.area_field_names() | {locking.TOKEN_FIELD}
        return [self[name] for name in self.fields if name not in names]


class MenteeEntryForm(_EntryForm):
    area_level_label = "выраженность затруднения"
    area_comment_label = "в чём затруднение"
    area_empty_label = "нет затруднений"

    person = PersonChoiceField(
        label="Педагог",
        queryset=Person.objects.none(),
        help_text="Только педагоги с действующим согласием на обработку персональных данных, "
        "которых ещё нет в банке наставляемых этого года.",
    )
    category = forms.ChoiceField(label="Категория наставляемого", choices=MenteeEntry.Category.choices)
    request = forms.CharField(
        max_length=2000,
        label="Запрос наставляемого (своими словами)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    source = forms.ChoiceField(
        label="Источник сведений", choices=MenteeEntry.Source.choices, initial=MenteeEntry.Source.CURATOR
    )
    needs_rediagnosis = forms.BooleanField(label="Нужна повторная диагностика затруднений", required=False)

    @classmethod
    def initial_for(cls, entry: MenteeEntry) -> dict:
        return {
            "category": entry.category,
            "request": entry.request,
            "source": entry.source,
            "needs_rediagnosis": entry.needs_rediagnosis,
        }

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "category": data["category"],
            "request": data["request"],
            "source": data["source"],
            "needs_rediagnosis": data["needs_rediagnosis"],
            "difficulties": self.area_marks(),
            **self.lock_kwargs(),
        }


class MentorEntryForm(_EntryForm):
    area_level_label = "уровень владения"
    area_comment_label = "чем может помочь"
    area_empty_label = "не указано"

    person = PersonChoiceField(
        label="Педагог",
        queryset=Person.objects.none(),
        help_text="Только педагоги с действующим согласием на обработку персональных данных, "
        "которых ещё нет в банке наставников этого года.",
    )
    max_mentees = forms.IntegerField(
        label="Наибольшее число наставляемых",
        min_value=1,
        max_value=10,
        initial=2,
        error_messages={
            "min_value": "Не меньше одного наставляемого.",
            "max_value": "Не больше десяти наставляемых.",
        },
    )
    mentoring_experience = forms.CharField(
        max_length=4000, label="Опыт наставничества", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirmed_results = forms.CharField(
        max_length=4000,
        label="Подтверждённые результаты",
        required=False,
        help_text="Награды, квалификационная категория, результаты обучающихся, конкурсы",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    motivation = forms.CharField(
        max_length=2000,
        label="Мотивация (почему хочет быть наставником)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    preferred_forms = forms.MultipleChoiceField(
        label="Предпочтительные формы наставничества",
        choices=MentoringForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent_signed_on = forms.DateField(
        label="Дата письменного согласия быть наставником",
        required=False,
        widget=DateInput(),
        help_text="ТК РФ ст. 351.8: наставник назначается только с письменного согласия. "
        "Без даты согласия руководитель не сможет утвердить наставника.",
    )
    consent_document = UploadField(label="Скан согласия", kinds=SCAN, required=False)
    needs_rediagnosis = forms.BooleanField(label="Нужна повторная оценка компетенций", required=False)

    def clean_consent_signed_on(self):
        value = self.cleaned_data.get("consent_signed_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError("Дата согласия не может быть в будущем.")
        return value

    @classmethod
    def initial_for(cls, entry: MentorEntry) -> dict:
        return {
            "max_mentees": entry.max_mentees,
            "mentoring_experience": entry.mentoring_experience,
            "confirmed_results": entry.confirmed_results,
            "motivation": entry.motivation,
            "preferred_forms": entry.preferred_forms,
            "consent_signed_on": entry.consent_signed_on,
            "needs_rediagnosis": entry.needs_rediagnosis,
        }

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "max_mentees": data["max_mentees"],
            "mentoring_experience": data["mentoring_experience"],
            "confirmed_results": data["confirmed_results"],
            "motivation": data["motivation"],
            "preferred_forms": data["preferred_forms"],
            "consent_signed_on": data["consent_signed_on"],
            "consent_document": data.get("consent_document"),
            "needs_rediagnosis": data["needs_rediagnosis"],
            "strengths": self.area_marks(),
            **self.lock_kwargs(),
        }


# --- the teachers' own questionnaires -------------------------------------------------------


class MenteeQuestionnaireForm(_EntryForm):
    """«Хочу наставника»."""

    area_level_label = "насколько трудно"
    area_comment_label = "что именно вызывает затруднение"
    area_empty_label = "затруднений нет"

    person = None
    category = forms.ChoiceField(
        label="К какой категории вы себя относите",
        choices=MenteeEntry.Category.choices,
        widget=forms.RadioSelect,
    )
    request = forms.CharField(
        max_length=2000,
        label="Ваш запрос: с чем вам нужна помощь наставника",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Своими словами: что не получается, чему хотите научиться, какой результат ждёте.",
    )

    def __init__(self, *args, marks=None, **kwargs):
        super().__init__(*args, person_queryset=None, marks=marks, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.area_marks():
            raise forms.ValidationError(
                "Отметьте хотя бы одно направление, в котором испытываете затруднения."
            )
        return cleaned

    @classmethod
    def initial_for(cls, entry: MenteeEntry | None, person: Person) -> dict:
        """The teacher's earlier questionnaire of the year, sent again."""
        return {"category": entry.category, "request": entry.request} if entry else {}

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"category": data["category"], "request": data["request"], "difficulties": self.area_marks()}


MEETING_FORMATS = [
    ("in_person", "очно"),
    ("online", "дистанционно"),
    ("mixed", "смешанно (очно и дистанционно)"),
]


class MentorQuestionnaireForm(_EntryForm):
    """«Готов стать наставником»: the questionnaire among potential mentors."""

    area_level_label = "насколько владеете"
    area_comment_label = "чем можете помочь коллегам"
    area_empty_label = "не моя сильная сторона"

    person = None
    pedagogical_experience_years = forms.IntegerField(
        label="Педагогический стаж, лет", min_value=0, max_value=70, required=False
    )
    mentoring_experience = forms.CharField(
        max_length=4000,
        label="Был ли у вас опыт наставничества? Опишите его",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirmed_results = forms.CharField(
        max_length=4000,
        label="Ваши подтверждённые профессиональные результаты",
        required=False,
        help_text="Квалификационная категория, награды, победы в конкурсах, результаты обучающихся",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    motivation = forms.CharField(
        max_length=2000, label="Почему вы хотите стать наставником", widget=forms.Textarea(attrs={"rows": 3})
    )
    max_mentees = forms.IntegerField(
        label="Сколько наставляемых вы готовы сопровождать одновременно",
        min_value=1,
        max_value=10,
        initial=1,
        error_messages={
            "min_value": "Не меньше одного наставляемого.",
            "max_value": "Не больше десяти наставляемых.",
        },
    )
    preferred_forms = forms.MultipleChoiceField(
        label="Какие формы наставничества вам ближе",
        choices=MentoringForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    meeting_format = forms.ChoiceField(
        label="Удобный формат встреч", choices=MEETING_FORMATS, widget=forms.RadioSelect, initial="mixed"
    )
    ready_for_training = forms.TypedChoiceField(
        label="Готовы ли вы пройти обучение для наставников",
        choices=[("yes", "да"), ("no", "нет")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        initial="yes",
    )

    def __init__(self, *args, marks=None, **kwargs):
        super().__init__(*args, person_queryset=None, marks=marks, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.area_marks():
            raise forms.ValidationError(
                "Отметьте хотя бы одно направление, в котором можете помочь коллегам."
            )
        return cleaned

    @classmethod
    def initial_for(cls, entry: MentorEntry | None, person: Person) -> dict:
        if entry is None:
            return {"pedagogical_experience_years": person.pedagogical_experience_years}
        answers = entry.questionnaire or {}
        return {
            "pedagogical_experience_years": answers.get(
                "pedagogical_experience_years", person.pedagogical_experience_years
            ),
            "mentoring_experience": entry.mentoring_experience,
            "confirmed_results": entry.confirmed_results,
            "motivation": entry.motivation,
            "max_mentees": entry.max_mentees,
            "preferred_forms": entry.preferred_forms,
            "meeting_format": answers.get("meeting_format", "mixed"),
            "ready_for_training": "yes" if answers.get("ready_for_training", True) else "no",
        }

    def service_kwargs(self) -> dict:
        return {"answers": self.answers(), "strengths": self.area_marks()}

    def answers(self) -> MentorAnswers:
        data = self.cleaned_data
        return MentorAnswers(
            mentoring_experience=data["mentoring_experience"],
            confirmed_results=data["confirmed_results"],
            motivation=data["motivation"],
            max_mentees=data["max_mentees"],
            preferred_forms=data["preferred_forms"],
            meeting_format=data["meeting_format"],
            ready_for_training=data["ready_for_training"],
            pedagogical_experience_years=data["pedagogical_experience_years"],
        )


# --- reviews ---------------------------------------------------------------------------------


class CommentForm(forms.Form):
    comment = forms.CharField(label="Комментарий", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, required: bool = True, label: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = required
        if label:
            self.fields["comment"].label = label


class ReleaseForm(forms.Form):
    released_on = forms.DateField(label="Дата освобождения", widget=DateInput())
    comment = forms.CharField(
        label="Основание",
        required=False,
        max_length=2000,
        help_text="Например: заявление наставника о сложении обязанностей от …",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_released_on(self):
        value = self.cleaned_data["released_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("Дата освобождения не может быть в будущем.")
        return value


# --- a new academic year ---------------------------------------------------------------------


class CarryOverForm(forms.Form):
    """One choice per entry of the year: carry over, carry over with a new diagnosis, or leave."""

    def __init__(self, *args, mentees=(), mentors=(), defaults=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows: dict[str, list] = {"mentee": [], "mentor": []}
        defaults = defaults or {}
        for bank, entries in (("mentee", mentees), ("mentor", mentors)):
            for entry in entries:
                name = f"{bank}_{entry.pk}"
                if entry.already_carried:
                    self.rows[bank].append((entry, None))
                    continue
                self.fields[name] = forms.ChoiceField(
                    label=entry.person.full_name,
                    choices=CarryDecision.CHOICES,
                    initial=defaults.get((bank, entry.pk), CarryDecision.KEEP),
                    widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                )
                self.rows[bank].append((entry, name))

    def bound_rows(self, bank: str):
        return [(entry, self[name] if name else None) for entry, name in self.rows[bank]]

    def decisions(self) -> dict[tuple[str, int], str]:
        result = {}
        for bank, rows in self.rows.items():
            for entry, name in rows:
                if name:
                    result[(bank, entry.pk)] = self.cleaned_data[name]
        return result


# --- applications (заявления) -----------------------------------------------------------------


class PetitionForm(forms.Form):
    """An application into a bank: the teacher's own from the account. ``PetitionPaperForm`` adds
    whose it is, its date and the scan when the curator enters a paper one."""

    kind = forms.ChoiceField(
        label="Заявление",
        choices=[
            (Petition.Kind.MENTEE, "Прошу закрепить за мной наставника"),
            (Petition.Kind.MENTOR, "Прошу включить меня в базу наставников"),
        ],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label="Текст заявления",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Наставляемому: в чём затруднения и какая помощь нужна. Наставнику: в чём сильные "
        "стороны, опыт и готовность сопровождать коллег.",
    )
    areas = forms.MultipleChoiceField(
        label="Направления", choices=Area.choices, widget=forms.CheckboxSelectMultiple
    )
    category = forms.ChoiceField(
        label="Категория (для заявления наставляемого)",
        choices=[("", "—"), *MenteeEntry.Category.choices],
        required=False,
    )
    mentoring_form = forms.ChoiceField(
        label="Желаемая форма наставничества (для заявления наставляемого)",
        choices=[("", "любая"), *MentoringForm.choices],
        required=False,
    )
    max_mentees = forms.IntegerField(
        label="Сколько наставляемых готовы вести (для заявления наставника)",
        min_value=1,
        max_value=10,
        required=False,
        initial=2,
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == Petition.Kind.MENTEE and not data.get("category"):
            self.add_error("category", "Выберите категорию наставляемого.")
        if data.get("kind") == Petition.Kind.MENTOR and not data.get("max_mentees"):
            self.add_error("max_mentees", "Укажите, сколько наставляемых готовы вести.")
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        mentee = data["kind"] == Petition.Kind.MENTEE
        return {
            "kind": data["kind"],
            "text": data["text"],
            "areas": data["areas"],
            "category": data["category"] if mentee else "",
            "mentoring_form": data["mentoring_form"] if mentee else "",
            "max_mentees": None if mentee else data["max_mentees"],
        }


class PetitionPaperForm(PetitionForm):
    person = PersonChoiceField(
        label="Педагог",
        queryset=Person.objects.none(),
        help_text="Педагог организации с действующим согласием на обработку персональных данных.",
    )
    filed_on = forms.DateField(label="Дата бумажного заявления", widget=DateInput())
    scan = UploadField(label="Скан заявления с подписью", kinds=SCAN, required=False)

    field_order = ["person", "filed_on", "kind", "text", "areas", "category", "mentoring_form", "max_mentees"]

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else Person.objects.none()

    def clean_filed_on(self):
        value = self.cleaned_data["filed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("Дата заявления не может быть в будущем.")
        return value

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            **super().service_kwargs(),
            "person": data["person"],
            "filed_on": data["filed_on"],
            "scan": data.get("scan"),
        }
