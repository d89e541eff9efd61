"""Forms of the training app; the rules themselves are the services' (``services.training_errors``)."""

from django import forms

from apps.core.forms import DateInput
from apps.core.uploads import SCAN, WORKBOOK, UploadField
from apps.staff.models import Person
from apps.staff.pickers import PersonChoiceField

from .models import HOURS_MAX, SupportRecord, TrainingRecord
from .services import TrainingData


class TrainingRecordForm(forms.Form):
    person = PersonChoiceField(label="Педагог", queryset=Person.objects.none())
    kind = forms.ChoiceField(label="Вид обучения", choices=TrainingRecord.Kind.choices)
    title = forms.CharField(
        label="Тема (название программы)",
        max_length=300,
        help_text="Например: «Методологические аспекты наставничества и менторства в педагогической "
        "практике».",
    )
    organiser = forms.CharField(
        label="Организатор", max_length=300, help_text="Например: АУ «Институт развития образования», ЦНППМ."
    )
    start_date = forms.DateField(label="Дата начала", widget=DateInput())
    end_date = forms.DateField(label="Дата окончания", widget=DateInput())
    hours = forms.IntegerField(label="Объём, часов", min_value=1, max_value=HOURS_MAX)
    document_kind = forms.ChoiceField(
        label="Документ", choices=[("", "—"), *TrainingRecord.Document.choices], required=False
    )
    document_number = forms.CharField(label="Номер документа", max_length=50, required=False)
    document_date = forms.DateField(label="Дата выдачи документа", required=False, widget=DateInput())
    scan = UploadField(label="Скан документа", kinds=SCAN, required=False)
    remove_scan = forms.BooleanField(label="Удалить прежний скан", required=False)

    def __init__(self, *args, organization, record=None, **kwargs):
        super().__init__(*args, **kwargs)
        if record is not None:  # the person of a record does not change: a wrong one is removed
            del self.fields["person"]
            if not record.scan:
                del self.fields["remove_scan"]
        else:
            del self.fields["remove_scan"]
            self.fields["person"].queryset = (
                Person.objects.filter(organization=organization, left_on__isnull=True)
                .select_related("position")
                .prefetch_related("subjects")
                .order_by("last_name", "first_name", "patronymic")
            )

    def data_object(self) -> TrainingData:
        c = self.cleaned_data
        return TrainingData(
            kind=c["kind"],
            title=c["title"],
            organiser=c["organiser"],
            start_date=c["start_date"],
            end_date=c["end_date"],
            hours=c["hours"],
            document_kind=c.get("document_kind") or "",
            document_number=c.get("document_number") or "",
            document_date=c.get("document_date"),
        )


def record_initial(record: TrainingRecord) -> dict:
    return {
        name: getattr(record, name)
        for name in (
            "kind",
            "title",
            "organiser",
            "start_date",
            "end_date",
            "hours",
            "document_kind",
            "document_number",
            "document_date",
        )
    }


class TrainingImportForm(forms.Form):
    file = UploadField(
        label="Файл Excel (.xlsx)", kinds=WORKBOOK, help_text="Заполненный шаблон: не больше 1000 строк."
    )


class SupportRecordForm(forms.Form):
    kind = forms.ChoiceField(label="Форма", choices=SupportRecord.Kind.choices)
    date = forms.DateField(label="Дата", widget=DateInput())
    topic = forms.CharField(label="Тема", max_length=300)
    hours = forms.DecimalField(
        label="Продолжительность, часов", max_digits=4, decimal_places=1, min_value=0.5
    )
    note = forms.CharField(
        label="Итог, рекомендации",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
