"""Forms of the territory app; the services hold the rules, the forms only shape the input."""

from django import forms

from apps.core.forms import DateInput
from apps.staff.models import Person
from apps.staff.pickers import PersonChoiceField

from .models import Award, RoadmapEvent


class RoadmapEventForm(forms.ModelForm):
    class Meta:
        model = RoadmapEvent
        fields = ["stage", "title", "deadline", "responsible", "expected_result", "document"]
        widgets = {"deadline": DateInput(), "expected_result": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, region=None, **kwargs):
        """The stages as the region's template prints them (``apps.territory.stages``); an event
        stored under a stage the template prints together with another shows that printed stage."""
        from .stages import printed_stage_of, stage_choices

        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = stage_choices(region)
        if self.instance.pk and not self.is_bound:
            self.initial["stage"] = printed_stage_of(region, self.instance.stage).stored[0]


class ReturnForm(forms.Form):
    remarks = forms.CharField(
        max_length=10000,
        label="Замечания",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Каждое замечание с новой строки: организация ответит на каждое.",
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        max_length=4000, label="Ответ на замечание", widget=forms.Textarea(attrs={"rows": 2})
    )


class RouteForm(forms.Form):
    person = PersonChoiceField(label="Педагог", queryset=Person.objects.none())
    tutor_login = forms.CharField(
        label="Учётная запись тьютора",
        max_length=254,
        required=False,
        help_text="Логин или адрес электронной почты тьютора ЦНППМ или методиста ГМК в портале: "
        "тьютор увидит только этот маршрут.",
    )
    tutor_name = forms.CharField(
        label="Тьютор (ЦНППМ, методист)",
        max_length=300,
        required=False,
        help_text="Если у тьютора нет учётной записи: фамилия, имя, отчество и организация.",
    )
    start_year = forms.IntegerField(label="Год начала", min_value=2000, max_value=2100)
    end_year = forms.IntegerField(
        label="Год окончания", min_value=2000, max_value=2100, help_text="Маршрут на 4–5 лет"
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            organization=organization, left_on__isnull=True
        ).order_by("last_name", "first_name")


class RouteTutorForm(forms.Form):
    tutor_login = forms.CharField(
        label="Учётная запись тьютора",
        max_length=254,
        required=False,
        help_text="Логин или адрес электронной почты; пусто — снять доступ тьютора.",
    )


class RouteNoteForm(forms.Form):
    step = forms.TypedChoiceField(label="Шаг", coerce=int, choices=())
    text = forms.CharField(max_length=4000, label="Содержание", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = steps


class RouteActionForm(forms.Form):
    kind = forms.ChoiceField(label="Вид", choices=())
    title = forms.CharField(label="Мероприятие", max_length=500)
    deadline = forms.DateField(label="Срок", widget=DateInput())

    def __init__(self, *args, **kwargs):
        from .models import RouteAction

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = RouteAction.Kind.choices


class RouteProductForm(forms.Form):
    product = forms.CharField(label="Педагогический продукт", max_length=500)
    attitude = forms.CharField(
        max_length=2000,
        label="Отношение к результату",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    done_on = forms.DateField(label="Дата выполнения", widget=DateInput())


class RegulationSectionForm(forms.Form):
    title = forms.CharField(label="Заголовок раздела", max_length=200)
    text = forms.CharField(
        label="Текст раздела",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Простой текст: каждый пункт с новой строки, пункты нумеруются в документе сами "
        "(2.1, 2.2 …). Строка, начинающаяся с «– » или «1) », — элемент перечня предыдущего пункта, "
        "без своего номера. Разметка не сохраняется.",
    )


class RegulationProtocolForm(forms.Form):
    council_protocol_number = forms.CharField(
        label="Номер протокола",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "size": 8}),
    )
    council_protocol_date = forms.DateField(
        label="Дата протокола",
        required=False,
        widget=DateInput(attrs={"class": "form-control form-control-sm"}),
    )


class AwardForm(forms.Form):
    person = PersonChoiceField(label="Наставник", queryset=Person.objects.none())
    kind = forms.ChoiceField(label="Вид поощрения", choices=Award.Kind.choices)
    reason = forms.CharField(
        label="За что",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Начните со слова «за»: «за профессионализм и большой вклад в адаптацию молодых "
        "педагогов».",
    )
    on = forms.DateField(label="Дата", widget=DateInput())

    def __init__(self, *args, organization, **kwargs):
        from apps.banks.models import MentorEntry

        super().__init__(*args, **kwargs)
        mentor_ids = MentorEntry.objects.filter(
            organization=organization,
            status__in=(*MentorEntry.APPROVED_STATUSES, MentorEntry.Status.RELEASED),
        ).values("person_id")
        self.fields["person"].queryset = Person.objects.filter(
            organization=organization, pk__in=mentor_ids
        ).order_by("last_name", "first_name", "patronymic")
