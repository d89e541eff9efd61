"""The partners' section of the answer to a subject's request (152-ФЗ art. 14), registered on
``apps.staff.hooks.subject_data_sections``: the partner organisation the person works at, one query."""

from apps.staff.subject_data import Section, table

from .models import PartnerPerson


def sections(*, person) -> list[Section]:
    return [
        table(
            "Организация-партнёр",
            "работа в организации-партнёре по соглашению о сотрудничестве",
            PartnerPerson.objects.filter(person=person).select_related("agreement"),
            [
                ("Организация-партнёр", lambda p: p.agreement.partner_name),
                ("Соглашение", lambda p: f"№ {p.agreement.number} от {p.agreement.signed_on:%d.%m.%Y}"),
                ("Роль", "role"),
                ("Должность в организации-партнёре", "position_at_partner"),
            ],
            (40, 24, 30, 30),
        )
    ]
