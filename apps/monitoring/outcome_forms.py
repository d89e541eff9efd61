"""Forms of level 4 per mentee (issue 15): the pupils' results, the activity, the adaptation. Choices
are scoped by the view (the program's mentees, the raters the user may be); the services re-check."""

from django import forms

from apps.core.forms import DateInput

from .models import AdaptationAssessment, ProfessionalActivity, Stage


def _people(people) -> list[tuple[int, str]]:
    return [(p.pk, p.full_name) for p in people]


class PupilResultsForm(forms.Form):
    mentee = forms.TypedChoiceField(label="Наставляемый", coerce=int)
    point = forms.ChoiceField(label="Когда", choices=Stage.choices)
    passed_share = forms.DecimalField(
        label="Успешно прошли ВПР, ОГЭ, ЕГЭ, %",
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=1,
        localize=True,
        help_text="Доля обучающихся наставляемого, справившихся с работой; пусто — работ не было.",
    )
    quality_share = forms.DecimalField(
        label="Качество знаний (доля отметок «4» и «5»), %",
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=1,
        localize=True,
        help_text="По итогам четверти (полугодия); из двух значений вычисляется динамика успеваемости.",
    )
    olympiad_participants = forms.IntegerField(
        label="Участники олимпиад, чел.", required=False, min_value=0, max_value=1000, initial=0
    )
    classes = forms.CharField(label="Классы, предмет", required=False, max_length=200)
    source = forms.CharField(
        label="Источник сведений",
        max_length=300,
        help_text="Например: протоколы ВПР 2026, электронный журнал.",
    )

    def __init__(self, *args, mentees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentee"].choices = _people(mentees)

    def clean(self):
        data = super().clean()
        if data.get("passed_share") is None and data.get("quality_share") is None and not self.errors:
            self.add_error(
                "passed_share", "Укажите долю успешно прошедших ВПР, ОГЭ, ЕГЭ или качество знаний."
            )
        return data


class ActivityForm(forms.Form):
    person = forms.ChoiceField(label="Чья активность")
    kind = forms.ChoiceField(label="Вид", choices=ProfessionalActivity.Kind.choices)
    level = forms.ChoiceField(label="Уровень", choices=ProfessionalActivity.Level.choices)
    title = forms.CharField(label="Название, тема", max_length=300)
    happened_on = forms.DateField(label="Дата", widget=DateInput)
    result = forms.CharField(
        label="Результат", required=False, max_length=200, help_text="Например: призёр, лауреат, участник."
    )

    def __init__(self, *args, mentees, mentor=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(f"mentee:{p.pk}", f"{p.full_name} (наставляемый)") for p in mentees]
        if mentor is not None:
            choices.append((f"mentor:{mentor.pk}", f"{mentor.full_name} (наставник)"))
        self.fields["person"].choices = choices

    def whose_and_pk(self) -> tuple[str, int]:
        whose, pk = self.cleaned_data["person"].split(":")
        return whose, int(pk)


class AdaptationForm(forms.Form):
    mentee = forms.TypedChoiceField(label="Наставляемый", coerce=int)
    point = forms.ChoiceField(label="Когда", choices=AdaptationAssessment.Point.choices)
    rater = forms.ChoiceField(label="Кто оценивает")
    level = forms.TypedChoiceField(
        label="Уровень адаптации",
        coerce=int,
        choices=[(k, f"{k} — {v}") for k, v in AdaptationAssessment.SCALE.items()],
        help_text="Вхождение в должность и коллектив, выполнение обязанностей без посторонней помощи.",
    )
    assessed_on = forms.DateField(label="Дата оценки", widget=DateInput)
    note = forms.CharField(
        label="На чём основана оценка",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, mentees, raters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentee"].choices = _people(mentees)
        labels = dict(AdaptationAssessment.Rater.choices)
        self.fields["rater"].choices = [(r, labels[r]) for r in raters]
