"""Forms of monitoring. Choices are scoped by the view; the services re-check every rule."""

from django import forms

from apps.banks.models import AREA_SHORT_LABELS, Area
from apps.core.forms import DateInput
from apps.organizations.models import AcademicYear

from .models import (
    Assessment,
    Audience,
    Indicator,
    ObservationProtocol,
    Point,
    Question,
    Stage,
    Topic,
)


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label="Название анкеты", max_length=300)
    audience = forms.ChoiceField(label="Кому адресована", choices=Audience.choices)
    description = forms.CharField(
        max_length=2000,
        label="Пояснение для отвечающих",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SectionForm(forms.Form):
    title = forms.CharField(label="Название раздела", max_length=300)


class QuestionForm(forms.Form):
    text = forms.CharField(label="Вопрос", max_length=500)
    kind = forms.ChoiceField(label="Тип ответа", choices=Question.Kind.choices)
    choices = forms.CharField(
        max_length=4000,
        label="Варианты ответа (по одному в строке)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Только для вопросов с выбором.",
    )
    topic = forms.ChoiceField(label="Что измеряет (для шкал уровня 1)", choices=Topic.choices, required=False)
    section_title = forms.ChoiceField(label="Раздел", required=False)
    required = forms.BooleanField(label="Обязательный вопрос", required=False, initial=True)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section_title"].choices = [("", "— без раздела —")] + [
            (s.title, s.title) for s in sections
        ]

    def choice_list(self) -> list[str]:
        return (self.cleaned_data.get("choices") or "").splitlines()


class CampaignForm(forms.Form):
    template = forms.ModelChoiceField(label="Анкета", queryset=None)
    title = forms.CharField(label="Название анкетирования", max_length=300, required=False)
    audience = forms.ChoiceField(
        label="Кому",
        choices=Audience.choices,
        initial=Audience.MENTEE,
        help_text="«Педагоги»: все педагоги организации (анкета потенциального наставника).",
    )
    point = forms.ChoiceField(
        label="Когда (точка программы)",
        choices=Point.choices,
        help_text="Дата вычисляется по срокам каждой программы.",
    )
    days_to_answer = forms.IntegerField(label="Дней на ответ", min_value=1, max_value=90, initial=14)
    programs = forms.ModelMultipleChoiceField(
        label="Программы", queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, templates, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
        self.fields["programs"].queryset = programs


class SurveyForm(forms.Form):
    """One field per question; a scale offers only its own points, so 0 or 6 is refused at the field.

    Each field carries ``kind`` (scale, single, multiple, text) and, for a scale, ``scale_max`` and the
    meaning of its ends: the survey page draws scales as rows of large buttons and choices as large
    toggles (``survey_field.html``)."""

    SCALE_LOW, SCALE_HIGH = "совсем нет", "полностью"

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        check = {"class": "btn-check", "autocomplete": "off"}
        for q in questions:
            name = f"q{q.pk}"
            if q.is_scale:
                field = forms.TypedChoiceField(
                    choices=[(str(i), str(i)) for i in range(1, q.scale_max + 1)],
                    coerce=int,
                    widget=forms.RadioSelect(attrs=check),
                    error_messages={
                        "invalid_choice": f"Балл должен быть от 1 до {q.scale_max}.",
                        "required": f"Выберите оценку от 1 до {q.scale_max}.",
                    },
                )
                field.kind, field.scale_max = "scale", q.scale_max
                field.scale_low, field.scale_high = self.SCALE_LOW, self.SCALE_HIGH
            elif q.kind == Question.Kind.SINGLE:
                field = forms.ChoiceField(
                    choices=[(c, c) for c in q.choices],
                    widget=forms.RadioSelect(attrs=check),
                    error_messages={"required": "Выберите один из вариантов."},
                )
                field.kind = "single"
            elif q.kind == Question.Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=[(c, c) for c in q.choices],
                    widget=forms.CheckboxSelectMultiple(attrs=check),
                    error_messages={"required": "Отметьте хотя бы один вариант."},
                )
                field.kind = "multiple"
            else:
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 3}),
                    max_length=5000,
                    error_messages={"required": "Напишите ответ."},
                )
                field.kind = "text"
            field.label = q.text
            field.required = q.required
            self.fields[name] = field

    def answers(self) -> dict:
        data = {}
        for name, value in self.cleaned_data.items():
            data[name] = value if isinstance(value, list) else ("" if value in (None, "") else str(value))
        return data


# Sectionless questions are shown this many to a screen.
QUESTIONS_PER_STEP = 4


def survey_steps(form: SurveyForm, content: list[dict]) -> list[dict]:
    """The screens of the survey page: one per section of the template (``template_content``), the
    questions without a section cut into screens of ``QUESTIONS_PER_STEP``; empty sections left out.
    Each step: ``title`` (or ""), ``fields`` (bound fields) and ``has_error``."""
    steps = []
    for block in content:
        fields = [form[f"q{q.pk}"] for q in block["questions"]]
        if block["section"] is not None:
            chunks = [fields] if fields else []
        else:
            chunks = [fields[i : i + QUESTIONS_PER_STEP] for i in range(0, len(fields), QUESTIONS_PER_STEP)]
        title = block["section"].title if block["section"] is not None else ""
        for chunk in chunks:
            steps.append({"title": title, "fields": chunk, "has_error": any(f.errors for f in chunk)})
    return steps


class AssessmentForm(forms.Form):
    mentee = forms.ChoiceField(label="Наставляемый")
    stage = forms.ChoiceField(label="Этап", choices=Stage.choices)
    rater = forms.ChoiceField(label="Кто оценивает")
    max_score = forms.DecimalField(
        label="Наибольший балл теста",
        required=False,
        min_value=1,
        max_value=1000,
        initial=20,
        help_text="Только для тестирования; для оценки по шкале — 1–5.",
    )

    def __init__(self, *args, mentees, raters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentee"].choices = [(p.pk, p.full_name) for p in mentees]
        self.fields["rater"].choices = [(r, dict(Assessment.Rater.choices)[r]) for r in raters]
        for area in Area.values:
            self.fields[f"area_{area}"] = forms.DecimalField(
                label=AREA_SHORT_LABELS[area].capitalize(),
                required=False,
                min_value=0,
                max_value=1000,
                decimal_places=1,
            )

    def scores(self) -> dict:
        return {a: self.cleaned_data.get(f"area_{a}") for a in Area.values}


class ProtocolForm(forms.Form):
    mentee = forms.ChoiceField(label="Наставляемый")
    stage = forms.ChoiceField(label="Этап", choices=Stage.choices)
    observer_role = forms.ChoiceField(label="Наблюдатель", choices=ObservationProtocol.ObserverRole.choices)
    visited_on = forms.DateField(label="Дата посещения", widget=DateInput())
    lesson = forms.CharField(label="Класс, предмет, тема урока", max_length=300)

    def __init__(self, *args, mentees, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentee"].choices = [(p.pk, p.full_name) for p in mentees]
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"c{c.pk}"] = forms.TypedChoiceField(
                label=c.title,
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", "—")] + [(str(i), str(i)) for i in range(1, 6)],
            )
        self.fields["notes"] = forms.CharField(
            max_length=8000,
            label="Выводы и рекомендации",
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def scores(self) -> dict:
        return {
            c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria if self.cleaned_data.get(f"c{c.pk}")
        }


class IndicatorForm(forms.Form):
    year = forms.ModelChoiceField(label="Учебный год", queryset=AcademicYear.objects.order_by("-start_year"))
    kind = forms.ChoiceField(label="Показатель", choices=Indicator.choices)
    value = forms.DecimalField(label="Значение", max_digits=8, decimal_places=1)
    source = forms.CharField(
        label="Источник",
        max_length=300,
        help_text="Протоколы ВПР, ОГЭ и ЕГЭ, журнал обращений граждан, приказ…",
    )


class CriterionForm(forms.Form):
    title = forms.CharField(label="Новый критерий", max_length=300)


class ReportForm(forms.Form):
    year = forms.ModelChoiceField(
        label="Учебный год", queryset=AcademicYear.objects.order_by("-start_year"), required=False
    )
    programs = forms.ModelMultipleChoiceField(
        label="Только эти программы", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programs"].queryset = programs


class RecommendationForm(forms.Form):
    """The curator's own recommendation: for the organisation or for one pair (group) of the year."""

    program = forms.ModelChoiceField(
        label="Кому",
        queryset=None,
        required=False,
        empty_label="Образовательной организации",
    )
    text = forms.CharField(label="Рекомендация", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs
        self.fields["program"].label_from_instance = lambda p: p.title


class RecommendationEditForm(forms.Form):
    text = forms.CharField(
        label="Текст рекомендации", max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
