"""The training app's sections of the answer to a subject's request (152-ФЗ art. 14), registered on
``apps.staff.hooks.subject_data_sections``: the person's trainings and the support records."""

from apps.staff.subject_data import Section, table

from .models import SupportRecord, TrainingRecord


def sections(*, person) -> list[Section]:
    return [
        table(
            "Обучение",
            "сведения об обучении (повышение квалификации, семинары, «Школа наставника»)",
            TrainingRecord.objects.filter(person=person).order_by("start_date", "pk"),
            [
                ("Вид", "kind"),
                ("Тема", "title"),
                ("Организатор", "organiser"),
                ("Сроки", lambda r: f"{r.start_date:%d.%m.%Y}–{r.end_date:%d.%m.%Y}"),
                ("Часов", "hours"),
                ("Документ", lambda r: r.document_text()),
            ],
            (14, 40, 30, 22, 8, 30),
        ),
        table(
            "Психологическая поддержка",
            "тренинги и консультации педагога-психолога",
            SupportRecord.objects.filter(person=person).order_by("date", "pk"),
            [("Дата", "date"), ("Форма", "kind"), ("Тема", "topic"), ("Часов", "hours"), ("Итог", "note")],
            (12, 16, 40, 8, 40),
        ),
    ]
