"""Forms of the staff registry: a person, an invitation, a consent (paper or in the portal), a withdrawal,
a disclosure consent.

The rules of a registry entry live in ``Person.clean`` (the ModelForm runs it, and reports each
error at its field); the consent rules live in the services, which the views call.
"""

from django import forms
from django.utils import timezone

from apps.accounts.models import Role
from apps.accounts.rules import grantable_roles
from apps.core import locking, russian
from apps.core.forms import DateInput
from apps.core.uploads import SCAN, UploadField

from .fields import FORM_FIELDS
from .models import DisclosureConsent, Person, Position, Subject
from .pickers import PersonChoiceField
from .services import INVITE_ROLES


class PersonForm(locking.LockedFormMixin, forms.ModelForm):
    """All fields of a registry entry. The declined forms of the name appear when editing: they are
    filled automatically on creation and the curator corrects them before orders are printed."""

    education_pedagogical = forms.TypedChoiceField(
        label="Образование",
        choices=[(True, "педагогическое"), (False, "непедагогическое")],
        coerce=lambda value: value in (True, "True", "true", "1"),
        widget=forms.RadioSelect,
        initial=True,
    )

    class Meta:
        model = Person
        fields = FORM_FIELDS
        widgets = {
            "birth_date": DateInput(),
            "category_date": DateInput(),
            "hire_date": DateInput(),
            "left_on": DateInput(),
            "subjects": forms.SelectMultiple(attrs={"size": 8}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "personnel_number": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        }
        help_texts = {
            "subjects": "Можно выбрать несколько (Ctrl или ⌘ при щелчке; на телефоне — отметить в списке).",
            "total_experience_years": "Полных лет.",
            "pedagogical_experience_years": "Полных лет; не больше общего стажа.",
            "name_genitive": "Кого? чего? — «Морозовой Татьяны Сергеевны». Проверьте перед печатью приказов.",
            "name_dative": "Кому? чему? — «Морозовой Татьяне Сергеевне».",
            "name_accusative": "Кого? что? — «Морозову Татьяну Сергеевну».",
            "personnel_number": "Как в 1С:Зарплата и кадры; нужен для выгрузки доплаты наставникам.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = Position.objects.order_by("sort_order", "name")
        self.fields["subjects"].queryset = Subject.objects.order_by("sort_order", "name")
        self.fields["position"].empty_label = "— не указана —"
        self.fields["total_experience_years"].widget.attrs.update(min=0, max=80)
        self.fields["pedagogical_experience_years"].widget.attrs.update(min=0, max=80)
        self.fields["education_year"].widget.attrs.update(min=1940, max=timezone.localdate().year)
        for name in ("birth_date", "hire_date", "left_on", "category_date"):
            self.fields[name].widget.attrs["max"] = timezone.localdate().isoformat()
        if not self.instance.pk:
            # On creation the forms are declined from the name; they are corrected on the edit page.
            for name in ("name_genitive", "name_dative", "name_accusative"):
                del self.fields[name]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("subjects", None)
        data.pop(locking.TOKEN_FIELD, None)
        return data


class InviteForm(forms.Form):
    role = forms.ChoiceField(label="Роль в портале", initial=Role.MENTOR)

    def __init__(self, *args, user, organization, **kwargs):
        super().__init__(*args, **kwargs)
        grantable = set(grantable_roles(user, organization))
        self.fields["role"].choices = [(r.value, r.label) for r in INVITE_ROLES if r in grantable]


class ConsentSubjectFields(forms.Form):
    """The subject's items of the consent (152-ФЗ art. 9 p. 4 items 1–2)."""

    subject_address = forms.CharField(
        label="Адрес регистрации (места жительства)",
        max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    subject_document = forms.CharField(
        label="Документ, удостоверяющий личность",
        max_length=300,
        help_text="Вид, серия и номер, кем и когда выдан: «паспорт 67 10 123456, выдан УМВД России "
        "по ХМАО — Югре 12.03.2015».",
    )
    representative = forms.CharField(
        label="Представитель (если согласие даёт представитель)",
        max_length=500,
        required=False,
        help_text="ФИО, документ и реквизиты доверенности.",
    )


PAPER_LOCATION_HELP = "Например: «личное дело педагога» или «папка „Согласия 2026“, кабинет 12»."


class ConsentPaperForm(ConsentSubjectFields):
    """A consent signed on paper, recorded by the curator or the director: where the paper is kept, its
    scan optional; the address and the document are on the paper and may be copied here."""

    signed_on = forms.DateField(label="Дата подписания", widget=DateInput())
    paper_location = forms.CharField(
        label="Где хранится бумажный экземпляр",
        max_length=300,
        required=False,
        initial="личное дело педагога",
        help_text=PAPER_LOCATION_HELP + " Можно не заполнять, если загружен скан.",
    )
    scan = UploadField(label="Скан подписанного согласия (необязательно)", kinds=SCAN, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("subject_address", "subject_document"):
            self.fields[name].required = False
            self.fields[name].help_text = (
                self.fields[name].help_text + " Можно не заполнять: сведения есть в бумажном экземпляре."
            ).strip()
        self.fields["signed_on"].initial = timezone.localdate()
        self.fields["signed_on"].widget.attrs["max"] = timezone.localdate().isoformat()


class ConsentBulkForm(forms.Form):
    """A folder of paper consents: the people chosen in the list, one date, where the papers are kept,
    one scan (optional). The people are checked again by the service (the organisation, no valid
    consent yet)."""

    people = forms.TypedMultipleChoiceField(
        label="Педагоги",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Отметьте хотя бы одного педагога.",
            "invalid_choice": "Педагог не найден в реестре организации или уже дал согласие.",
        },
    )
    signed_on = forms.DateField(label="Дата подписания согласий", widget=DateInput())
    paper_location = forms.CharField(
        label="Где хранятся бумажные экземпляры",
        max_length=300,
        initial="личные дела педагогов",
        help_text=PAPER_LOCATION_HELP,
    )
    scan = UploadField(label="Скан согласий одним файлом (необязательно)", kinds=SCAN, required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {p.pk: p for p in people}
        self.fields["people"].choices = [(p.pk, p.full_name) for p in people]
        self.fields["signed_on"].initial = timezone.localdate()
        self.fields["signed_on"].widget.attrs["max"] = timezone.localdate().isoformat()


class ConsentConfirmForm(ConsentSubjectFields):
    """The person confirms the consent in the portal, signed in with their own account."""

    agree = forms.BooleanField(
        label="Я прочитал текст согласия и даю согласие на обработку моих персональных данных "
        "на указанных условиях",
        required=True,
        error_messages={"required": "Отметьте согласие: без него подтверждение невозможно."},
    )

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        read = russian.by_sex(person, "прочитал", "прочитала")
        self.fields["agree"].label = (
            f"Я {read} текст согласия и даю согласие на обработку моих персональных данных "
            "на указанных условиях"
        )


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(
        label="Дата отзыва",
        widget=DateInput(),
        help_text="Дата, когда поступило заявление об отзыве. Данные будут уничтожены в течение 30 дней.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_on"].initial = timezone.localdate()
        self.fields["withdrawn_on"].widget.attrs["max"] = timezone.localdate().isoformat()


class DisclosureConsentForm(forms.Form):
    person = PersonChoiceField(label="Педагог", queryset=Person.objects.none())
    kind = forms.ChoiceField(label="Вид согласия", choices=DisclosureConsent.Kind.choices)
    signed_on = forms.DateField(label="Дата согласия", widget=DateInput())

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            organization=organization, left_on__isnull=True
        ).order_by("last_name", "first_name")
