"""The scale steps of staff: the people of every organisation (director, curator, mentors, mentees and
the rest of the staff), their accounts, and their consents to the processing of personal data.

Reads ``ctx.orgs`` and ``ctx.org_weights``; sets ``ctx.sizes`` (how many of each per organisation, for
the banks and the pairs), ``ctx.staffers``, ``ctx.director`` and ``ctx.curator`` (by organisation)."""

import math
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from apps.accounts.models import Membership, User
from apps.accounts.scale import scale_user
from apps.core import scale_data as words
from apps.core.scale import ScaleContext, allocate, decline
from apps.organizations.models import Organization

from .consent_texts import ConsentTerms
from .models import Person, PersonalDataConsent, Position, Subject

IN_PAIR_SHARE = 0.9  # of the mentee bank; the rest waits for a mentor
SCAN_NAME = "consents/scale/scan.pdf"
SCAN_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class Staffer:
    """A person being generated, before and after insertion."""

    org: int
    role: str  # director, curator, mentor, mentee, staff
    person: Person
    user: User | None = None


def _plan_sizes(ctx: ScaleContext) -> None:
    n, count = ctx.n, len(ctx.orgs)
    staff = allocate(n["staff"], ctx.org_weights, [12] * count)
    mentees = allocate(n["mentees"], staff, [1] * count)
    groups = allocate(n["groups"], mentees, [1] * count)
    # A group needs a mentee of its own: move any excess to where there is room.
    for i in range(count):
        while groups[i] > mentees[i]:
            j = max(range(count), key=lambda k: mentees[k] - groups[k])
            groups[i] -= 1
            groups[j] += 1
    slack = [m - g for m, g in zip(mentees, groups, strict=True)]
    extra_total = min(sum(slack), max(0, round(n["mentees"] * IN_PAIR_SHARE) - n["groups"]))
    extra = allocate(extra_total, slack) if sum(slack) else [0] * count
    extra = [min(e, s) for e, s in zip(extra, slack, strict=True)]
    members = [g + e for g, e in zip(groups, extra, strict=True)]
    mentors = allocate(n["mentors"], staff, [max(1, math.ceil(m / 6)) for m in members])
    for i in range(count):
        # director, curator, mentors and mentees are all on the staff
        assert mentors[i] + mentees[i] + 2 <= staff[i], (i, staff[i], mentors[i], mentees[i])
    ctx.sizes = {
        "staff": staff,
        "mentees": mentees,
        "groups": groups,
        "members": members,
        "mentors": mentors,
    }


def build_people(ctx: ScaleContext) -> None:
    rng, today = ctx.rng, ctx.today
    _plan_sizes(ctx)
    positions = {p.name: p for p in Position.objects.all()}
    subjects = list(Subject.objects.all())
    school_subjects = [s for s in subjects if s.kind == Subject.Kind.SUBJECT]
    additional_subjects = [s for s in subjects if s.kind == Subject.Kind.ADDITIONAL]
    preschool_subject = [s for s in subjects if s.name == "Дошкольное образование"] or subjects[:1]
    teaching_positions = {
        "school": [("Учитель", 85), ("Педагог-психолог", 3), ("Социальный педагог", 3),
                   ("Педагог-организатор", 2), ("Учитель-логопед", 2), ("Тьютор", 2),
                   ("Педагог-библиотекарь", 1), ("Педагог дополнительного образования", 2)],
        "preschool": [("Воспитатель", 80), ("Музыкальный руководитель", 6), ("Учитель-логопед", 6),
                      ("Инструктор по физической культуре", 4), ("Педагог-психолог", 4)],
        "additional": [("Педагог дополнительного образования", 75), ("Методист", 10),
                       ("Тренер-преподаватель", 10), ("Педагог-организатор", 5)],
        "college": [("Преподаватель", 75), ("Мастер производственного обучения", 15), ("Методист", 5),
                    ("Педагог-психолог", 5)],
    }  # fmt: skip
    institutions = [
        "Сургутский государственный педагогический университет",
        "Тюменский государственный университет",
        "Нижневартовский государственный университет",
        "Югорский государственный университет",
        "Ханты-Мансийский технолого-педагогический колледж",
        "Уральский государственный педагогический университет",
    ]
    staffers: list[Staffer] = []
    subject_links: list[tuple[int, Subject]] = []
    seen: set[tuple] = set()
    for o, org in enumerate(ctx.orgs):
        sizes = ctx.sizes
        roles = (
            ["director", "curator"]
            + ["mentor"] * sizes["mentors"][o]
            + ["mentee"] * sizes["mentees"][o]
            + ["staff"] * (sizes["staff"][o] - sizes["mentors"][o] - sizes["mentees"][o] - 2)
        )
        for number, role in enumerate(roles, start=1):
            sex = "f" if rng.random() < 0.82 else "m"
            if role == "director":
                age, ped = rng.randint(42, 62), None
            elif role == "curator":
                age, ped = rng.randint(35, 58), None
            elif role == "mentor":
                age, ped = rng.randint(34, 63), None
            elif role == "mentee":
                age, ped = (
                    (rng.randint(22, 29), rng.randint(0, 3))
                    if rng.random() < 0.7
                    else (rng.randint(30, 55), rng.randint(0, 12))
                )
            else:
                age, ped = rng.randint(23, 64), None
            while True:
                last, first, patronymic = ctx.name(sex)
                birth = today - timedelta(days=age * 365 + rng.randrange(365))
                key = (o, last, first, patronymic, birth)
                if key not in seen:
                    seen.add(key)
                    break
            most = age - 22
            if ped is None:
                ped = (
                    rng.randint(min(10, most), most)
                    if role in ("director", "curator", "mentor")
                    else (rng.randint(0, most))
                )
            ped = min(ped, most)
            total = min(most + 4, ped + rng.choice([0, 0, 0, 1, 2, 5]))
            if role == "director":
                position = "Заведующий" if org.kind == "preschool" else "Директор"
            elif role == "curator":
                position = (
                    "Старший воспитатель"
                    if org.kind == "preschool"
                    else "Заместитель директора по учебно-воспитательной работе"
                )
            else:
                names, weights = zip(*teaching_positions[org.kind], strict=True)
                position = rng.choices(names, weights=weights)[0]
            if ped >= 15:
                category = rng.choice(["highest", "highest", "first", "methodist", "mentor"])
            elif ped >= 5:
                category = rng.choice(["first", "first", "highest", "none"])
            else:
                category = "none"
            category_date = today - timedelta(days=rng.randrange(60, 5 * 365)) if category != "none" else None
            # The timeline (days before today): hired 150+, consent to personal data on hiring but
            # 130+, the Regulation and the curator's order 120–125, mentors approved 100–115, pairs
            # fixed by orders 10–80, programs start then.
            hire_date = today - timedelta(days=150 + rng.randrange(max(1, min(ped, 25)) * 365))
            pedagogical_education = role != "mentee" or rng.random() < 0.85
            person = Person(
                organization=org,
                last_name=last,
                first_name=first,
                patronymic=patronymic,
                sex=sex,
                birth_date=birth,
                position=positions[position],
                total_experience_years=total,
                pedagogical_experience_years=ped,
                qualification_category=category,
                category_date=category_date,
                education_level="higher" if rng.random() < 0.85 else "secondary_vocational",
                education_pedagogical=pedagogical_education,
                education_institution=rng.choice(institutions),
                education_year=min(birth.year + 22, today.year - ped),
                hire_date=hire_date,
                personnel_number=f"{number:06d}",  # the code in 1С:ЗУП, numbered within the organisation
                name_genitive=decline(last, first, patronymic, sex, "genitive"),
                name_dative=decline(last, first, patronymic, sex, "dative"),
                name_accusative=decline(last, first, patronymic, sex, "accusative"),
            )
            staffers.append(Staffer(org=o, role=role, person=person))
            if org.kind == "preschool":
                chosen = preschool_subject
            elif org.kind == "additional":
                chosen = [rng.choice(additional_subjects)]
            elif role in ("director", "curator"):
                chosen = []
            else:
                chosen = rng.sample(school_subjects, rng.choice([1, 1, 2]))
            subject_links.extend((len(staffers) - 1, s) for s in chosen)
    ctx.staffers = staffers
    ctx.subject_links = subject_links
    ctx.director = {s.org: s for s in staffers if s.role == "director"}
    ctx.curator = {s.org: s for s in staffers if s.role == "curator"}


def build_staff_users(ctx: ScaleContext) -> None:
    """An account for every director, curator, mentor and mentee (``ctx.usernames`` names a few)."""
    users: list[User] = []
    for i, s in enumerate(ctx.staffers):
        if s.role == "staff":
            continue
        p = s.person
        if id(p) in ctx.usernames:
            name = ctx.usernames[id(p)]
        elif s.org == 0 and s.role in ("director", "curator"):
            name = f"scale_{s.role}"
        elif s.role in ("director", "curator"):
            name = f"scale_o{s.org + 1:03d}_{s.role}"
        else:
            name = f"scale_p{i + 1:05d}"
        s.user = scale_user(ctx, name, last=p.last_name, first=p.first_name, patronymic=p.patronymic)
        users.append(s.user)
        p.user = s.user
    ctx.copy(User, users, "users")
    ctx.copy(
        Membership,
        (Membership(user=s.user, role=s.role, organization=ctx.orgs[s.org]) for s in ctx.staffers if s.user),
        "memberships",
    )


def save_people(ctx: ScaleContext) -> None:
    rng, today = ctx.rng, ctx.today
    staffers, subject_links = ctx.staffers, ctx.subject_links
    # The organisation card names its director and curator (the order's signature block too).
    for s in staffers:
        if s.role == "director":
            ctx.orgs[s.org].director_name = s.person.full_name
        elif s.role == "curator":
            ctx.orgs[s.org].curator_name = s.person.full_name
    Organization.objects.bulk_update(ctx.orgs, ["director_name", "curator_name"], batch_size=100)
    ctx.copy(Person, (s.person for s in staffers), "staff")
    through = Person.subjects.through
    ctx.copy(
        through,
        (through(person_id=staffers[i].person.pk, subject_id=s.pk) for i, s in subject_links),
    )
    # Consents: signed after hiring and before the first order of the year that names anyone.
    if not default_storage.exists(SCAN_NAME):
        default_storage.save(SCAN_NAME, ContentFile(SCAN_BYTES))
    consents = []
    for s in staffers:
        if len(consents) >= 5000:  # each holds its full text: copied in chunks
            ctx.copy(PersonalDataConsent, consents, "consents")
            consents = []
        p, org = s.person, ctx.orgs[s.org]
        signed_on = min(p.hire_date + timedelta(days=rng.randrange(0, 20)), today - timedelta(days=130))
        street, house, flat = rng.choice(words.STREETS), rng.randrange(1, 90), rng.randrange(1, 200)
        address = f"{org.locality}, {street}, д. {house}, кв. {flat}"
        document = (
            f"паспорт гражданина РФ 67 {rng.randrange(10, 99)} {rng.randrange(100000, 999999)}, "
            f"выдан {p.birth_date + timedelta(days=20 * 365 + rng.randrange(300)):%d.%m.%Y}"
        )
        terms = ConsentTerms(
            subject_name=p.full_name,
            subject_address=address,
            subject_document=document,
            representative="",
            operator_name=org.full_name,
            operator_address=org.address,
        )
        consents.append(
            PersonalDataConsent(
                person=p,
                subject_address=address,
                subject_document=document,
                operator_name=org.full_name,
                operator_address=org.address,
                purpose=terms.purpose,
                data_list=terms.data_list,
                processors=terms.processors,
                actions=terms.actions,
                term=terms.term,
                withdrawal_procedure=terms.withdrawal_procedure,
                text_version=terms.version,
                text_snapshot=terms.text(),
                form=PersonalDataConsent.Form.PAPER,
                scan=SCAN_NAME,
                signed_on=signed_on,
            )
        )
    ctx.copy(PersonalDataConsent, consents, "consents")
