"""Demo cooperation agreements (seed 002 §1.3): МБОУ СОШ № 7 with the pedagogical university (in
force, with a mentor from the university in the school's registry) and with the pedagogical college
(expired), and the municipality's agreement with the regional ЦНППМ. Idempotent."""

from datetime import date

from django.db import transaction

from apps.staff.demo import _seed_people

from . import services
from .models import CooperationAgreement, PartnerKind, PartnerPerson

# A lecturer of the university who mentors the school's young mathematics teachers under the agreement.
PARTNER_MENTOR = (
    None, "Абрамова", "Наталья", "Викторовна", "f", date(1972, 4, 18), "Учитель", ["Математика"], 28, 26,
    "highest", date(2022, 3, 30), True, "Сургутский государственный педагогический университет", 1994,
    date(2025, 9, 1), "paper", {},
)  # fmt: skip


@transaction.atomic
def seed(ctx) -> None:
    school, municipality = ctx["school"], ctx["municipality"]
    curator, coordinator = ctx.objects.get("user_curator"), ctx.objects.get("user_municipal")
    if curator is None or CooperationAgreement.objects.filter(organization=school).exists():
        return
    university = services.agreement_create(
        user=curator,
        organization=school,
        data={
            "partner_name": "ФГБОУ ВО «Сургутский государственный педагогический университет»",
            "partner_kind": PartnerKind.UNIVERSITY,
            "partner_inn": "8602200001",
            "number": "12/НП",
            "signed_on": date(2025, 9, 1),
            "ends_on": date(2028, 8, 31),
            "subject": "Наставничество преподавателей университета для молодых учителей школы "
            "(форма «педагог вуза или колледжа – молодой педагог»); методические семинары и стажировки.",
        },
    )
    services.agreement_create(
        user=curator,
        organization=school,
        data={
            "partner_name": "БУ «Сургутский педагогический колледж»",
            "partner_kind": PartnerKind.COLLEGE,
            "partner_inn": "",
            "number": "7",
            "signed_on": date(2023, 9, 1),
            "ends_on": date(2026, 6, 30),
            "subject": "Педагогическая практика студентов и сопровождение выпускников колледжа в первый год "
            "работы в школе.",
        },
    )
    if coordinator is not None:
        services.agreement_create(
            user=coordinator,
            municipality=municipality,
            data={
                "partner_name": "ЦНППМ АУ «Институт развития образования»",
                "partner_kind": PartnerKind.CNPPM,
                "partner_inn": "",
                "number": "45-С",
                "signed_on": date(2024, 1, 15),
                "ends_on": None,
                "subject": "Научно-методическое сопровождение наставников и тьюторское сопровождение "
                "индивидуальных образовательных маршрутов педагогов школ города.",
            },
        )
    (person,) = _seed_people(ctx, "school", [PARTNER_MENTOR])
    if not PartnerPerson.objects.filter(person=person).exists():
        services.partner_person_add(
            agreement=university,
            person=person,
            role=PartnerPerson.Role.MENTOR,
            position_at_partner="доцент кафедры методики преподавания математики",
            user=curator,
        )
