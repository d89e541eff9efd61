"""Forms of the order pages: they validate input; services apply the rules."""

from django import forms
from django.utils import timezone

from apps.core import locking
from apps.core.forms import DateInput
from apps.core.uploads import SCAN, UploadField
from apps.staff.models import Person
from apps.staff.pickers import PersonMultipleChoiceField

from .models import DEFAULT_CONTROL_TEXT, DEFAULT_TITLES, Order, OrderParticipant

# Kinds the curator drafts by hand; the others come from the pairs and programs pages.
GENERIC_KINDS = [Order.Kind.REGULATION, Order.Kind.CURATOR, Order.Kind.AMEND]

DEFAULT_PREAMBLES = {
    Order.Kind.REGULATION: (
        "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской "
        "Федерации», распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145, "
        "в целях развития системы наставничества педагогических работников"
    ),
    Order.Kind.CURATOR: (
        "В соответствии с Положением о системе наставничества педагогических работников, "
        "в целях организации наставнической деятельности"
    ),
    Order.Kind.AMEND: "В связи с кадровыми изменениями",
}


class OrderForm(locking.LockedFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Вид приказа", choices=[(k.value, k.label) for k in GENERIC_KINDS])
    title = forms.CharField(
        label="Заголовок",
        max_length=500,
        required=False,
        help_text="Начинается с «О» или «Об», без точки в конце. Пусто — типовой заголовок для вида приказа.",
    )
    preamble = forms.CharField(
        max_length=4000,
        label="Преамбула (основания)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ссылки на нормативные акты и решения, на основании которых издаётся приказ. "
        "Пусто — типовая преамбула для вида приказа.",
    )
    items_text = forms.CharField(
        max_length=20000,
        label="Распорядительные пункты",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Каждый пункт — с новой строки, без номера: нумерация ставится автоматически.",
    )
    participants = PersonMultipleChoiceField(
        label="Работники, которых нужно ознакомить с приказом",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    participant_role = forms.CharField(
        label="Роль в приказе", max_length=100, required=False, help_text="Например: «куратор»."
    )
    amends = forms.ModelChoiceField(
        label="Изменяет приказ", queryset=Order.objects.none(), required=False, empty_label="—"
    )
    cancels = forms.ModelChoiceField(
        label="Отменяет приказ", queryset=Order.objects.none(), required=False, empty_label="—"
    )
    control_text = forms.CharField(
        max_length=1000,
        label="Контроль исполнения (последний пункт)",
        initial=DEFAULT_CONTROL_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    preparer_name = forms.CharField(label="Исполнитель (ФИО)", max_length=200, required=False)
    preparer_phone = forms.CharField(label="Телефон исполнителя", max_length=50, required=False)

    def __init__(
        self, *args, organization, order: Order | None = None, lock_token: str | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.order = order
        if lock_token is not None:
            self.add_lock_token(lock_token)
        self.fields["participants"].queryset = Person.objects.filter(
            organization=organization, left_on__isnull=True
        ).order_by("last_name", "first_name", "patronymic")
        signed = Order.objects.filter(organization=organization, status=Order.Status.SIGNED).order_by(
            "-year", "-number"
        )
        self.fields["amends"].queryset = signed
        self.fields["cancels"].queryset = signed
        self.fields["amends"].label_from_instance = self.fields["cancels"].label_from_instance = lambda o: (
            f"от {o.date:%d.%m.%Y} № {o.number} «{o.title}»"
        )
        if order is not None:
            del self.fields["kind"]
            if order.kind not in GENERIC_KINDS:
                # Pairs and programs manage their own participants.
                del self.fields["participants"], self.fields["participant_role"]
            if order.kind != Order.Kind.AMEND:
                del self.fields["amends"], self.fields["cancels"]

    @classmethod
    def initial_for(cls, order: Order) -> dict:
        participants = list(order.participants.all())
        return {
            "title": order.title,
            "preamble": order.preamble,
            "items_text": "\n".join(i.text for i in order.items.all()),
            "participants": [p.person_id for p in participants],
            "participant_role": participants[0].role if participants else "",
            "amends": order.amends_id,
            "cancels": order.cancels_id,
            "control_text": order.control_text,
            "preparer_name": order.preparer_name,
            "preparer_phone": order.preparer_phone,
        }

    def clean(self):
        data = super().clean()
        kind = data.get("kind") or (self.order.kind if self.order else None)
        if not data.get("title") and kind:
            data["title"] = DEFAULT_TITLES[kind]
        if not data.get("preamble") and kind and self.order is None:
            data["preamble"] = DEFAULT_PREAMBLES.get(kind, "")
        data["items"] = [line.strip() for line in (data.get("items_text") or "").splitlines() if line.strip()]
        if "items_text" in data and not data["items"]:
            self.add_error("items_text", "Добавьте хотя бы один распорядительный пункт.")
        names_no_order = not (data.get("amends") or data.get("cancels"))
        if kind == Order.Kind.AMEND and "amends" in self.fields and names_no_order:
            self.add_error("amends", "Выберите приказ, который изменяется или отменяется.")
        return data


class ParticipantNamesForm(forms.ModelForm):
    class Meta:
        model = OrderParticipant
        fields = ["name_dative", "name_genitive"]
        labels = {"name_dative": "Кому (дательный)", "name_genitive": "Кого (родительный)"}
        # A long double surname («Кузьминой-Караваевой Алёне Игоревне») fits a phone's width.
        widgets = {
            "name_dative": forms.TextInput(attrs={"class": "form-control-sm"}),
            "name_genitive": forms.TextInput(attrs={"class": "form-control-sm"}),
        }


class SignForm(forms.Form):
    password = forms.CharField(
        label="Ваш пароль",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Подпись подтверждается вводом пароля от учётной записи.",
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        max_length=2000,
        label="Что исправить",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Замечания увидит куратор в карточке проекта приказа.",
    )


class PaperAcquaintanceForm(forms.Form):
    """The acquaintance signed on a paper sheet: a date field for every person not yet acquainted (empty:
    not on this sheet) and the sheet's scan."""

    scan = UploadField(label="Скан листа ознакомления", kinds=SCAN)

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = list(participants)
        for p in self.participants:
            field = forms.DateField(label=p.full_name, required=False, widget=DateInput())
            field.widget.attrs["max"] = timezone.localdate().isoformat()
            self.fields[f"date_{p.pk}"] = field
        self.order_fields([f"date_{p.pk}" for p in self.participants] + ["scan"])

    def date_fields(self):
        return [self[f"date_{p.pk}"] for p in self.participants]

    def clean(self):
        data = super().clean()
        self.dates = {p.pk: data[f"date_{p.pk}"] for p in self.participants if data.get(f"date_{p.pk}")}
        if not self.dates and not any(self.errors.get(f"date_{p.pk}") for p in self.participants):
            raise forms.ValidationError("Укажите дату ознакомления хотя бы одного работника.")
        return data
