"""A whole region of data for benchmarks (``manage.py seed_scale``): organisations, staff with consents,
banks, pairs fixed by signed orders, programs with roadmaps and logs, surveys, and documented logins.

Everything is written with ``bulk_create`` inside one transaction, in the states the services would
have left (signed orders get their numbers by one UPDATE after their items and participants are in,
which is what the orders' immutability triggers accept). The same ``seed``, ``scale`` and ``today``
give the same data: every choice comes from one ``random.Random(seed)`` and fixed word lists.
"""

import io
import json
import math
import random
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dtime
from functools import cache

import pgtrigger
from django.apps import apps as django_apps
from django.contrib.auth.hashers import make_password
from django.contrib.postgres.fields import ArrayField
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.utils import timezone
from pghistory.models import Context as PghContext
from pghistory.trigger import Event as PghEvent

from apps.accounts.models import Membership, Role, User
from apps.banks.models import Area, MenteeDifficulty, MenteeEntry, MentorEntry, MentorStrength
from apps.core import scale_data as words
from apps.core.demo import DEMO_PASSWORD
from apps.core.names import _decline, initials_surname
from apps.monitoring.models import (
    Answer,
    Audience,
    Campaign,
    Point,
    QuestionnaireTemplate,
    Response,
    SurveyAssignment,
)
from apps.orders.models import (
    DEFAULT_TITLES,
    Order,
    OrderAnnex,
    OrderCounter,
    OrderItem,
    OrderParticipant,
)
from apps.organizations.models import AcademicYear, Municipality, Organization, Region
from apps.organizations.services import academic_year_ensure
from apps.pairs.models import Direction, DutyConsent, Form, GroupMember, MentoringGroup, MentoringType
from apps.programs.dates import add_months
from apps.programs.models import (
    ActivityFormat,
    ActivityKind,
    ActivityLog,
    Competence,
    CompetencePlanItem,
    DeficitPlanItem,
    Mode,
    Program,
    ProgramAgreement,
    ProgramVersion,
    Responsible,
    RoadmapEvent,
)
from apps.staff.consent_texts import ConsentTerms
from apps.staff.models import Person, PersonalDataConsent, Position, Subject

SCALE_REGION_NAME = "Северо-Обский автономный округ (нагрузочные данные)"
USER_PREFIX = "scale_"
PASSWORD = DEMO_PASSWORD
# The documented logins (README «Data at regional scale»); the rest are scale_oNNN_director,
# scale_oNNN_curator, scale_mNN_municipal and scale_pNNNNN for mentors and mentees.
DOCUMENTED_USERS = {
    "scale_admin": "суперпользователь",
    "scale_regional": "региональный оператор региона",
    "scale_municipal": "муниципальный координатор муниципалитета самой большой школы",
    "scale_director": "директор самой большой школы",
    "scale_curator": "куратор самой большой школы",
    "scale_mentor": "наставник самой большой школы (несколько пар, программы)",
    "scale_mentee": "наставляемый наставника scale_mentor",
}

# The region at scale 1.0 (issue 8).
BASE = {
    "municipalities": 20,
    "organizations": 500,
    "staff": 30_000,
    "mentees": 8_000,
    "mentors": 3_000,
    "groups": 6_000,
    "events": 90_000,
    "activities": 60_000,
    "responses": 40_000,
}
IN_PAIR_SHARE = 0.9  # of the mentee bank; the rest waits for a mentor
BATCH = 2000
COPY_CHUNK = 10_000  # rows per COPY statement: bounds the CSV held in memory
SCAN_NAME = "consents/scale/scan.pdf"
SCAN_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def history_trigger_uris() -> list[str]:
    """The pghistory triggers of every tracked model, as URIs for pgtrigger.ignore."""
    return [
        f"{model._meta.label}:{trigger.name}"
        for model, trigger in pgtrigger.registered()
        if isinstance(trigger, PghEvent)
    ]


def history_event_models() -> list[tuple[type[models.Model], type[models.Model]]]:
    """(tracked model, its event model) for every pghistory trigger that records inserts."""
    pairs = []
    for model, trigger in pgtrigger.registered():
        if isinstance(trigger, PghEvent) and trigger.operation == pgtrigger.Insert:
            pair = (model, trigger.event_model)
            if pair not in pairs:
                pairs.append(pair)
    return pairs


class ScaleExists(Exception):
    """The database already holds a scale region (run with --reset to rebuild it)."""


def scale_region_exists() -> bool:
    return Region.objects.filter(name=SCALE_REGION_NAME).exists()


def targets(scale: float) -> dict[str, int]:
    """How many of each thing at a scale factor; small factors keep a working minimum."""
    n = {key: round(value * scale) for key, value in BASE.items()}
    n["organizations"] = max(2, n["organizations"])
    n["municipalities"] = max(2, min(n["organizations"], n["municipalities"], len(words.MUNICIPALITIES)))
    n["mentees"] = max(n["organizations"], n["mentees"])
    n["groups"] = max(n["organizations"], min(n["groups"], n["mentees"]))
    n["mentors"] = max(n["organizations"], n["mentors"])
    n["staff"] = max(
        n["staff"], n["organizations"] * 12, n["mentees"] + n["mentors"] + 2 * n["organizations"]
    )
    return n


def allocate(total: int, weights: list[float], mins: list[int] | None = None) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainders), each part at least its min."""
    mins = mins or [0] * len(weights)
    rest = total - sum(mins)
    if rest < 0:
        raise ValueError("the minimums exceed the total")
    weight_sum = sum(weights) or 1
    exact = [rest * w / weight_sum for w in weights]
    parts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - exact[i], i))
    for i in by_remainder[: rest - sum(parts)]:
        parts[i] += 1
    return [p + m for p, m in zip(parts, mins, strict=True)]


def feminine_surname(surname: str) -> str:
    if surname.endswith(words.INVARIANT_ENDINGS) or surname.endswith("ко"):
        return surname
    if surname.endswith("ский"):
        return surname[:-4] + "ская"
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return surname


@cache
def _part(part, gender, case, value: str) -> str:
    from apps.core.names import CASES

    return _decline(part, gender, CASES[case], value)


def decline(last: str, first: str, patronymic: str, sex: str, case: str) -> str:
    """decline_full_name with the parts cached: the word lists are small, the people are many."""
    from pytrovich.enums import Gender, NamePart

    gender = Gender.FEMALE if sex == "f" else Gender.MALE
    parts = [
        _part(NamePart.LASTNAME, gender, case, last),
        _part(NamePart.FIRSTNAME, gender, case, first),
        _part(NamePart.MIDDLENAME, gender, case, patronymic),
    ]
    return " ".join(p for p in parts if p)


def _array_literal(values) -> str:
    return "{" + ",".join('"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values) + "}"


def _csv_value(field, value) -> str:
    """One value as a COPY CSV cell: NULL unquoted and empty, everything else quoted."""
    if value is None:
        return ""
    if isinstance(field, models.JSONField):
        text = json.dumps(value, cls=field.encoder, ensure_ascii=False)
    elif isinstance(field, ArrayField):
        text = _array_literal(value)
    elif isinstance(value, bool):
        text = "t" if value else "f"
    elif isinstance(value, models.Model):
        text = str(value.pk)
    elif isinstance(value, (date, datetime)):
        text = value.isoformat()
    else:
        text = str(value)
    return '"' + text.replace('"', '""') + '"'


def _instrumental(person: Person) -> str:
    return decline(person.last_name, person.first_name, person.patronymic, person.sex, "instrumental")


@dataclass
class Staffer:
    """A person being generated, before and after insertion."""

    org: int
    role: str  # director, curator, mentor, mentee, staff
    person: Person
    user: User | None = None


class ScaleBuilder:
    def __init__(self, *, seed: int = 1, scale: float = 1.0, today: date | None = None, log=None):
        self.rng = random.Random(seed)
        self.seed, self.scale = seed, scale
        self.today = today or timezone.localdate()
        self.n = targets(scale)
        self.log = log or (lambda message: None)
        self.counts: dict[str, int] = {}
        self.timings: list[tuple[str, float]] = []
        self.created: dict[type[models.Model], list[int]] = defaultdict(list)
        self.tracked = {model for model, _ in history_event_models()}

    # -- helpers ---------------------------------------------------------------------------------

    def _bulk(self, model, objs, key: str | None = None):
        objs = list(objs)
        model.objects.bulk_create(objs, batch_size=BATCH)
        if model in self.tracked:
            self.created[model].extend(o.pk for o in objs)
        if key:
            self.counts[key] = self.counts.get(key, 0) + len(objs)
        return objs

    def _copy(self, model, objs, key: str | None = None):
        """Insert with COPY (a few times faster than INSERT for the big tables). Ids are taken from
        the table's sequence first, so the objects know them as after bulk_create; row triggers
        (history, the signed-order guards) fire as for INSERT, and FK ids of related objects saved
        earlier are filled the way bulk_create fills them."""
        objs = list(objs)
        if key:
            self.counts[key] = self.counts.get(key, 0) + len(objs)
        if not objs:
            return objs
        meta = model._meta
        table, pk = meta.db_table, meta.pk
        fields = [f for f in meta.concrete_fields if not f.generated]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk.column, len(objs)],
            )
            for obj, (pk_value,) in zip(objs, cursor.fetchall(), strict=True):
                obj.pk = pk_value
            columns = ", ".join(f'"{f.column}"' for f in fields)
            for start in range(0, len(objs), COPY_CHUNK):
                lines = []
                for obj in objs[start : start + COPY_CHUNK]:
                    obj._prepare_related_fields_for_save(operation_name="bulk_create")
                    obj._state.adding, obj._state.db = False, connection.alias
                    lines.append(",".join(_csv_value(f, f.pre_save(obj, True)) for f in fields))
                buffer = io.StringIO("\n".join(lines) + "\n")
                cursor.cursor.copy_expert(f'COPY "{table}" ({columns}) FROM STDIN WITH (FORMAT csv)', buffer)
        if model in self.tracked:  # the ids the history backfill needs
            self.created[model].extend(o.pk for o in objs)
        return objs

    def _step(self, name: str, func) -> None:
        started = time.monotonic()
        func()
        elapsed = time.monotonic() - started
        self.timings.append((name, elapsed))
        self.log(f"  {name}: {elapsed:.1f} с")

    def _aware(self, day: date, hour: int = 10) -> datetime:
        return timezone.make_aware(datetime.combine(day, dtime(hour, self.rng.randrange(60))))

    # -- the build -------------------------------------------------------------------------------

    def build(self) -> dict[str, int]:
        if scale_region_exists():
            raise ScaleExists(SCALE_REGION_NAME)
        # The history triggers cost a row-by-row INSERT per tracked row, and that cost grows with the
        # rows already written in the transaction (30k people took minutes). They are bypassed for
        # this transaction only (pgtrigger.ignore, by name) and the «insert» events are then written
        # set-based from the final rows, under one context, so every seeded row still has its event.
        # The integrity triggers (signed orders) stay active.
        history = history_trigger_uris()
        with transaction.atomic(), pgtrigger.ignore(*history):
            self._step("организации", self.build_organizations)
            self._step("педагоги (расчёт)", self.build_people)
            self._step("банки (расчёт)", self.build_banks)
            self._step("пары (расчёт)", self.plan_groups)
            self._step("пользователи", self.build_users)
            self._step("педагоги и согласия", self.save_people)
            self._step("банки", self.save_banks)
            self._step("приказы", self.build_orders)
            self._step("пары и группы", self.save_groups)
            self._step("программы", self.build_programs)
            self._step("дорожные карты", self.build_events)
            self._step("журнал", self.build_activities)
            self._step("анкетирование", self.build_surveys)
            self._step("история (pghistory)", self.backfill_history)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return self.counts

    # -- organisations -----------------------------------------------------------------------------

    def build_organizations(self) -> None:
        rng, n = self.rng, self.n
        current = AcademicYear.objects.current()
        self.year = current or academic_year_ensure(
            start_year=AcademicYear.start_year_for(self.today), make_current=True
        )
        self.region = Region.objects.create(name=SCALE_REGION_NAME)
        self.municipalities = self._copy(
            Municipality,
            (
                Municipality(
                    region=self.region,
                    name=name,
                    authority_name=f"Управление образования администрации: {name}",
                )
                for name, _ in words.MUNICIPALITIES[: n["municipalities"]]
            ),
            "municipalities",
        )
        localities = [loc for _, loc in words.MUNICIPALITIES]
        # Sizes: a long tail of small schools and a few large ones; organisation 0 is the largest.
        weights = sorted((rng.lognormvariate(0, 0.55) for _ in range(n["organizations"])), reverse=True)
        self.org_weights = weights
        per_municipality = allocate(
            n["organizations"], [1.0] * n["municipalities"], [1] * n["municipalities"]
        )
        has_slug = any(f.name == "slug" for f in Organization._meta.concrete_fields)
        numbers: dict[tuple[int, str], int] = defaultdict(int)
        orgs = []
        index = 0
        for m, count in enumerate(per_municipality):
            for _ in range(count):
                kind, short, full = words.ORGANIZATION_PATTERNS[
                    0 if index == 0 else rng.choices(range(8), weights=[30, 20, 8, 6, 8, 14, 8, 6])[0]
                ]
                numbers[(m, short)] += 1 + rng.randrange(3)
                number = numbers[(m, short)]
                street = rng.choice(words.STREETS)
                orgs.append(
                    Organization(
                        municipality=self.municipalities[m],
                        short_name=short.format(n=number),
                        full_name=full.format(n=number),
                        kind=kind,
                        inn=f"86{rng.randrange(10**9, 10**10)}",
                        address=f"628{rng.randrange(100, 999)}, {words.MUNICIPALITIES[m][0]}, {street}, "
                        f"д. {rng.randrange(1, 120)}",
                        locality=localities[m],
                        phone="+7 (3462) {}-{}-{}".format(*(rng.randrange(10, 99) for _ in range(3))),
                        email=f"org{index + 1:03d}@scale.example.ru",
                        **({"slug": f"scale-{index + 1:03d}"} if has_slug else {}),
                        director_position="Заведующий" if kind == "preschool" else "Директор",
                    )
                )
                index += 1
        # The largest weights go to the first organisations of the first municipality.
        self.orgs = self._copy(Organization, orgs, "organizations")

    # -- people --------------------------------------------------------------------------------------

    def _plan_sizes(self) -> None:
        n, count = self.n, len(self.orgs)
        staff = allocate(n["staff"], self.org_weights, [12] * count)
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
        self.sizes = {
            "staff": staff,
            "mentees": mentees,
            "groups": groups,
            "members": members,
            "mentors": mentors,
        }

    def _name(self, sex: str) -> tuple[str, str, str]:
        rng = self.rng
        surname = rng.choice(words.SURNAMES)
        if sex == "f":
            return feminine_surname(surname), rng.choice(words.FEMALE_NAMES), rng.choice(words.PATRONYMICS)[1]
        return surname, rng.choice(words.MALE_NAMES), rng.choice(words.PATRONYMICS)[0]

    def build_people(self) -> None:
        rng, today = self.rng, self.today
        self._plan_sizes()
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
        for o, org in enumerate(self.orgs):
            sizes = self.sizes
            roles = (
                ["director", "curator"]
                + ["mentor"] * sizes["mentors"][o]
                + ["mentee"] * sizes["mentees"][o]
                + ["staff"] * (sizes["staff"][o] - sizes["mentors"][o] - sizes["mentees"][o] - 2)
            )
            for role in roles:
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
                    last, first, patronymic = self._name(sex)
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
                category_date = (
                    today - timedelta(days=rng.randrange(60, 5 * 365)) if category != "none" else None
                )
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
        self.staffers = staffers
        self.subject_links = subject_links

    # -- users ---------------------------------------------------------------------------------------

    def build_users(self) -> None:
        password = make_password(PASSWORD)
        users: list[User] = []
        memberships: list[Membership] = []

        def add(username, *, last="", first="", patronymic="", superuser=False) -> User:
            user = User(
                username=username,
                password=password,
                last_name=last,
                first_name=first,
                patronymic=patronymic,
                email=f"{username}@scale.example.ru",
                is_staff=superuser,
                is_superuser=superuser,
            )
            users.append(user)
            return user

        admin = add(
            "scale_admin", last="Администраторов", first="Игорь", patronymic="Петрович", superuser=True
        )
        memberships.append(Membership(user=admin, role=Role.ADMIN))
        regional = add("scale_regional", last="Кравцова", first="Алла", patronymic="Викторовна")
        memberships.append(Membership(user=regional, role=Role.REGIONAL, region=self.region))
        largest_municipality = self.orgs[0].municipality_id
        for m, municipality in enumerate(self.municipalities):
            name = (
                "scale_municipal"
                if municipality.pk == largest_municipality
                else f"scale_m{m + 1:02d}_municipal"
            )
            last, first, patronymic = self._name("f")
            user = add(name, last=last, first=first, patronymic=patronymic)
            memberships.append(Membership(user=user, role=Role.MUNICIPAL, municipality=municipality))
        # The documented mentor is the mentor of the largest school with the most groups (chosen when
        # the pairs were planned); the documented mentee is in that mentor's first group.
        for i, s in enumerate(self.staffers):
            if s.role == "staff":
                continue
            p = s.person
            if s.person is self.documented_mentor:
                name = "scale_mentor"
            elif s.person is self.documented_mentee:
                name = "scale_mentee"
            elif s.org == 0 and s.role in ("director", "curator"):
                name = f"scale_{s.role}"
            elif s.role in ("director", "curator"):
                name = f"scale_o{s.org + 1:03d}_{s.role}"
            else:
                name = f"scale_p{i + 1:05d}"
            s.user = add(name, last=p.last_name, first=p.first_name, patronymic=p.patronymic)
            p.user = s.user
        self._copy(User, users, "users")
        memberships.extend(
            Membership(user=s.user, role=s.role, organization=self.orgs[s.org])
            for s in self.staffers
            if s.user
        )
        self._copy(Membership, memberships, "memberships")

    def save_people(self) -> None:
        rng, today = self.rng, self.today
        staffers, subject_links = self.staffers, self.subject_links
        # The organisation card names its director and curator (the order's signature block too).
        for s in staffers:
            if s.role == "director":
                self.orgs[s.org].director_name = s.person.full_name
            elif s.role == "curator":
                self.orgs[s.org].curator_name = s.person.full_name
        Organization.objects.bulk_update(self.orgs, ["director_name", "curator_name"], batch_size=100)
        self._copy(Person, (s.person for s in staffers), "staff")
        through = Person.subjects.through
        self._copy(
            through,
            (through(person_id=staffers[i].person.pk, subject_id=s.pk) for i, s in subject_links),
        )
        # Consents: signed after hiring and before the first order of the year that names anyone.
        if not default_storage.exists(SCAN_NAME):
            default_storage.save(SCAN_NAME, ContentFile(SCAN_BYTES))
        consents = []
        for s in staffers:
            if len(consents) >= 5000:  # each holds its full text: copied in chunks
                self._copy(PersonalDataConsent, consents, "consents")
                consents = []
            p, org = s.person, self.orgs[s.org]
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
        self._copy(PersonalDataConsent, consents, "consents")

    # -- banks ---------------------------------------------------------------------------------------

    def build_banks(self) -> None:
        """Bank entries of the current year, not saved yet (the users they name come later)."""
        rng, today, year = self.rng, self.today, self.year
        areas = list(Area.values)
        self.mentors_of: dict[int, list[MentorEntry]] = defaultdict(list)
        self.mentees_of: dict[int, list[MenteeEntry]] = defaultdict(list)
        self.strengths, self.difficulties = [], []
        for s in self.staffers:
            p = s.person
            if s.role == "mentor":
                approved_on = today - timedelta(days=rng.randint(100, 115))
                entry = MentorEntry(
                    organization=self.orgs[s.org],
                    year=year,
                    person=p,
                    status=MentorEntry.Status.APPROVED,
                    source=rng.choice(MentorEntry.Source.values),
                    mentoring_experience="Сопровождал(а) молодых педагогов, руководит методобъединением.",
                    confirmed_results="Победитель муниципального этапа конкурса профмастерства.",
                    motivation="Хочу помочь молодым коллегам быстрее освоиться в профессии.",
                    preferred_forms=[Form.TEACHER_TEACHER],
                    max_mentees=2,
                    consent_signed_on=approved_on - timedelta(days=rng.randint(1, 5)),
                    approved_at=self._aware(approved_on),
                )
                entry._org = s.org
                self.mentors_of[s.org].append(entry)
                self.strengths.extend(
                    MentorStrength(entry=entry, area=area, level=rng.choice([2, 3, 3]))
                    for area in rng.sample(areas, rng.randint(1, 3))
                )
            elif s.role == "mentee":
                young = (p.pedagogical_experience_years or 0) <= 3 and p.birth_date.year >= today.year - 30
                if not p.education_pedagogical:
                    category = MenteeEntry.Category.NON_PEDAGOGICAL
                elif young:
                    category = MenteeEntry.Category.YOUNG
                else:
                    category = rng.choice(
                        [MenteeEntry.Category.NEW_STAFF, MenteeEntry.Category.NEW_TECHNOLOGY]
                    )
                entry = MenteeEntry(
                    organization=self.orgs[s.org],
                    year=year,
                    person=p,
                    category=category,
                    request="Нужна помощь в планировании уроков и работе с классом.",
                    source=rng.choice(MenteeEntry.Source.values),
                    status=MenteeEntry.Status.WAITING,
                )
                entry._org = s.org
                self.mentees_of[s.org].append(entry)
                self.difficulties.extend(
                    MenteeDifficulty(entry=entry, area=area, level=rng.choice([1, 2, 2, 3]))
                    for area in rng.sample(areas, rng.randint(1, 3))
                )

    def save_banks(self) -> None:
        mentors = [e for entries in self.mentors_of.values() for e in entries]
        mentees = [e for entries in self.mentees_of.values() for e in entries]
        for e in mentors:
            e.approved_by, e.created_by = self.director[e._org].user, self.curator[e._org].user
        for e in mentees:
            e.created_by = self.curator[e._org].user
        self._copy(MentorEntry, mentors, "mentor_entries")
        self._copy(MenteeEntry, mentees, "mentee_entries")
        self._copy(MentorStrength, self.strengths)
        self._copy(MenteeDifficulty, self.difficulties)

    # -- pairs and groups ------------------------------------------------------------------------------

    def plan_groups(self) -> None:
        """Pairs and groups of every organisation (not saved yet): each mentee in at most one, each
        mentor within the load limit, fixed by an order signed 10–80 days ago, starting that day."""
        rng, today = self.rng, self.today
        directions = list(Direction.values)
        self.groups_of: dict[int, list[MentoringGroup]] = defaultdict(list)
        self.director = {s.org: s for s in self.staffers if s.role == "director"}
        self.curator = {s.org: s for s in self.staffers if s.role == "curator"}
        for o in range(len(self.orgs)):
            n_groups, n_members = self.sizes["groups"][o], self.sizes["members"][o]
            mentees = iter(self.mentees_of[o][:n_members])
            mentors = self.mentors_of[o]
            sizes = [1] * n_groups
            extra, g = n_members - n_groups, 0
            while extra > 0:
                add = min(extra, rng.choice([1, 2, 3]))
                sizes[g] += add
                extra -= add
                g += 1
            # The biggest groups first, each to the least loaded mentor: no mentor above
            # ceil(members / mentors) + 4 <= 10 (there is a mentor for every 6 mentees).
            load = {id(m): 0 for m in mentors}
            # Pairs are fixed in batches: a few order days per organisation, 10–80 days ago.
            order_days = sorted(rng.sample(range(10, 81), min(71, max(1, round(n_groups / 6)))))
            for size in sorted(sizes, reverse=True):
                mentor = min(mentors, key=lambda m: (load[id(m)], mentors.index(m)))
                load[id(mentor)] += size
                chosen = [next(mentees) for _ in range(size)]
                order_day = today - timedelta(days=rng.choice(order_days))
                is_group = size > 1
                form = (
                    Form.TEACHER_GROUP
                    if is_group
                    else rng.choice(
                        [Form.TEACHER_TEACHER] * 8 + [Form.DIRECTOR_TEACHER, Form.UNIVERSITY_YOUNG]
                    )
                )
                types = [MentoringType.GROUP] if is_group else [MentoringType.TRADITIONAL]
                if rng.random() < 0.2:
                    types.append(
                        rng.choice([MentoringType.VIRTUAL, MentoringType.SITUATIONAL, MentoringType.GOAL])
                    )
                months = rng.randint(3, 12)
                group = MentoringGroup(
                    organization=self.orgs[o],
                    year=self.year,
                    mentor=mentor,
                    form=form,
                    types=types,
                    direction=rng.choice(directions),
                    goal=f"{rng.choice(words.PROGRAM_TOPICS)}: освоить и применить в работе.",
                    planned_start=order_day,
                    planned_end=add_months(order_day, months) - timedelta(days=1),
                    status=MentoringGroup.Status.ACTIVE,
                    started_on=order_day,
                )
                group._scale = {"org": o, "mentees": chosen, "order_day": order_day, "months": months}
                self.groups_of[o].append(group)
                for mentee in chosen:
                    mentee.status = MenteeEntry.Status.IN_PAIR
            for mentor in mentors:
                if load[id(mentor)]:
                    mentor.status = MentorEntry.Status.ACTIVE
                    # The load limit: never below the mentees they have, sometimes a place free.
                    mentor.max_mentees = min(10, max(2, load[id(mentor)] + rng.choice([0, 0, 1])))
                    assert load[id(mentor)] <= mentor.max_mentees, (o, load[id(mentor)])
        # The documented mentor: the busiest mentor of the largest school; the mentee: in their group.
        groups0 = self.groups_of[0]
        busiest = max(
            self.mentors_of[0],
            key=lambda m: (sum(g.mentor is m for g in groups0), -self.mentors_of[0].index(m)),
        )
        self.documented_mentor = busiest.person
        self.documented_mentee = next(g for g in groups0 if g.mentor is busiest)._scale["mentees"][0].person

    def save_groups(self) -> None:
        rng = self.rng
        user_of = {id(s.person): s.user for s in self.staffers}
        groups = [g for gs in self.groups_of.values() for g in gs]
        for group in groups:
            group.created_by = self.curator[group._scale["org"]].user
        self._copy(MentoringGroup, groups, "groups")
        members, consents = [], []
        for group in groups:
            info = group._scale
            info["members"] = [
                GroupMember(
                    group=group,
                    mentee=mentee,
                    mentee_person=mentee.person,
                    mentor_person=group.mentor.person,
                    direction=group.direction,
                    status=GroupMember.Status.ACTIVE,
                    joined_on=info["order_day"],
                )
                for mentee in info["mentees"]
            ]
            members.extend(info["members"])
            # Consents to the additional duties (ТК РФ ст. 351.8), given before the order.
            for person in [group.mentor.person, *(m.person for m in info["mentees"])]:
                consents.append(
                    DutyConsent(
                        person=person,
                        group=group,
                        form=DutyConsent.Form.PORTAL,
                        signed_on=info["order_day"] - timedelta(days=rng.randint(1, 5)),
                        recorded_by=user_of[id(person)],
                    )
                )
        self._copy(GroupMember, members, "group_members")
        self._copy(DutyConsent, consents, "duty_consents")

    # -- orders --------------------------------------------------------------------------------------

    def build_orders(self) -> None:
        """Per organisation: the Regulation and the curator's appointment, the pairs orders (one per
        day on which pairs were fixed), all signed and numbered without gaps per year; and an
        amendment waiting on the director's desk."""
        rng, today = self.rng, self.today
        orders: list[Order] = []
        children: list[tuple[Order, list[str], list[tuple[Person, str]], list[dict]]] = []
        signing: list[tuple[Order, date]] = []
        by_org_day: dict[tuple[int, date], list[MentoringGroup]] = defaultdict(list)
        for o, groups in self.groups_of.items():
            for group in groups:
                by_org_day[(o, group._scale["order_day"])].append(group)

        def new_order(o, kind, title, preamble, items, people, annexes=(), amends=None, status=None) -> Order:
            org, curator = self.orgs[o], self.curator[o]
            order = Order(
                organization=org,
                kind=kind,
                status=status or Order.Status.DRAFT,
                title=title,
                preamble=preamble,
                place=org.locality,
                created_by=curator.user,
                amends=amends,
                preparer_name=curator.person.full_name,
                preparer_phone=org.phone,
            )
            orders.append(order)
            children.append((order, items, people, list(annexes)))
            return order

        regulations = {}
        for o, org in enumerate(self.orgs):
            curator = self.curator[o].person
            start = today - timedelta(days=rng.randint(120, 125))
            regulations[o] = new_order(
                o,
                Order.Kind.REGULATION,
                DEFAULT_TITLES[Order.Kind.REGULATION],
                "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской "
                "Федерации», в целях развития системы наставничества педагогических работников",
                [
                    "Утвердить Положение о системе наставничества педагогических работников "
                    f"{org.short_name}.",
                    "Утвердить дорожную карту реализации системы наставничества "
                    f"на {self.year.label} учебный год.",
                    f"{curator.name_dative} ознакомить педагогических работников с Положением.",
                ],
                [(curator, "куратор")],
            )
            signing.append((regulations[o], start))
            order = new_order(
                o,
                Order.Kind.CURATOR,
                DEFAULT_TITLES[Order.Kind.CURATOR],
                "В соответствии с Положением о системе наставничества педагогических работников "
                f"{org.short_name}",
                [
                    f"Назначить {curator.name_accusative} куратором реализации программ наставничества "
                    f"на {self.year.label} учебный год.",
                ],
                [(curator, "куратор")],
            )
            signing.append((order, start + timedelta(days=1)))
        for (o, day), groups in sorted(by_org_day.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            items, people, seen = [], [], set()
            annexes = []
            if len(groups) > 3:
                items.append(
                    "Закрепить наставнические пары (группы) в составе согласно приложению № 1 "
                    "к настоящему приказу."
                )
                rows = []
                for n, group in enumerate(groups, start=1):
                    mentor = group.mentor.person
                    rows.append(
                        [
                            str(n),
                            f"{mentor.full_name}, {mentor.position.name.lower()}",
                            "; ".join(m.person.full_name for m in group._scale["mentees"]),
                            group.get_form_display(),
                            group.get_direction_display(),
                            f"с {group.planned_start:%d.%m.%Y} по {group.planned_end:%d.%m.%Y}",
                        ]
                    )
                annexes.append(
                    {
                        "title": "Состав наставнических пар (групп)",
                        "columns": ["№", "Наставник", "Наставляемые", "Форма", "Направление", "Срок"],
                        "rows": rows,
                    }
                )
            else:
                for group in groups:
                    mentor = group.mentor.person
                    mentees = [m.person for m in group._scale["mentees"]]
                    noun = "наставляемых" if len(mentees) > 1 else "наставляемого"
                    items.append(
                        f"Закрепить {noun} {', '.join(p.name_accusative for p in mentees)} за наставником "
                        f"{_instrumental(mentor)} "
                        f"({group.get_form_display()}, направление «{group.get_direction_display()}») "
                        f"на срок с {group.planned_start:%d.%m.%Y} по {group.planned_end:%d.%m.%Y}."
                    )
            items.append(
                "Наставникам совместно с наставляемыми в течение 10 рабочих дней разработать "
                "персонализированные программы наставничества и представить их куратору."
            )
            for group in groups:
                for n, person in enumerate(
                    [group.mentor.person, *(m.person for m in group._scale["mentees"])]
                ):
                    if person.pk not in seen:
                        seen.add(person.pk)
                        people.append((person, "наставник" if n == 0 else "наставляемый"))
            order = new_order(
                o,
                Order.Kind.PAIRS,
                DEFAULT_TITLES[Order.Kind.PAIRS],
                "В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации, Положением "
                "о системе наставничества педагогических работников и на основании письменных согласий "
                "участников",
                items,
                people,
                annexes,
            )
            signing.append((order, day))
            for group in groups:
                group.assigned_order = order
        for o in range(len(self.orgs)):
            council = self.curator[o].person
            new_order(
                o,
                Order.Kind.AMEND,
                "О внесении изменений в приказ об утверждении Положения о системе наставничества",
                "В связи с переносом сроков итоговой конференции по решению методического совета",
                ["Внести изменение в дорожную карту: итоговая конференция — в апреле."],
                [(council, "куратор")],
                amends=regulations[o],
                status=Order.Status.AWAITING_SIGNATURE,
            )
        # Amendments name their signed order: inserted after it.
        self._copy(Order, [o for o in orders if o.amends is None])
        self._copy(Order, [o for o in orders if o.amends is not None])
        items, participants, annexes = [], [], []
        for order, texts, people, annex_list in children:
            items.extend(OrderItem(order=order, position=i, text=t) for i, t in enumerate(texts, start=1))
            for position, (person, role) in enumerate(people, start=1):
                participants.append(
                    OrderParticipant(
                        order=order,
                        person=person,
                        role=role,
                        position=position,
                        full_name=person.full_name,
                        initials_name=person.initials_name,
                        name_dative=person.name_dative,
                        name_genitive=person.name_genitive,
                    )
                )
            annexes.extend(
                OrderAnnex(order=order, number=i, title=a["title"], columns=a["columns"], rows=a["rows"])
                for i, a in enumerate(annex_list, start=1)
            )
        # Items and participants go in while the orders are drafts (the triggers refuse them later).
        self._copy(OrderItem, items, "order_items")
        self._copy(OrderParticipant, participants, "order_participants")
        self._copy(OrderAnnex, annexes)
        # Numbers: consecutive per organisation and calendar year, in the order of the dates.
        signing.sort(key=lambda pair: (pair[0].organization_id, pair[1], pair[0].pk))
        last: dict[tuple[int, int], int] = defaultdict(int)
        rows = []
        for order, day in signing:
            key = (order.organization_id, day.year)
            last[key] += 1
            rows.append((order, day, last[key]))
        org_index = {org.pk: i for i, org in enumerate(self.orgs)}
        values = []
        for order, day, number in rows:
            director = self.director[org_index[order.organization_id]]
            org = order.organization
            signed_at = self._aware(day, hour=rng.randint(9, 17))
            values.append(
                (
                    order.pk,
                    number,
                    day.year,
                    day,
                    signed_at,
                    director.user.pk,
                    org.director_position,
                    initials_surname(
                        director.person.last_name, director.person.first_name, director.person.patronymic
                    ),
                )
            )
            order.status, order.number, order.year, order.date = Order.Status.SIGNED, number, day.year, day
        with connection.cursor() as cursor:
            for start in range(0, len(values), BATCH):
                chunk = values[start : start + BATCH]
                placeholders = ", ".join(["(%s, %s, %s, %s::date, %s::timestamptz, %s, %s, %s)"] * len(chunk))
                cursor.execute(
                    f"""
                    UPDATE orders_order o SET status = 'signed', number = v.number, year = v.year,
                        date = v.date, signed_at = v.signed_at, signed_by_id = v.signed_by,
                        signer_position = v.signer_position, signer_name = v.signer_name
                    FROM (VALUES {placeholders})
                        AS v(id, number, year, date, signed_at, signed_by, signer_position, signer_name)
                    WHERE o.id = v.id
                    """,
                    [x for row in chunk for x in row],
                )
        self._copy(
            OrderCounter,
            (OrderCounter(organization_id=org_id, year=y, last_number=n) for (org_id, y), n in last.items()),
        )
        self.counts["orders"] = len(orders)
        self.counts["signed_orders"] = len(values)
        # Acquaintance marks of most participants («С приказом ознакомлен(а)»): allowed after signing.
        signed_day = {order.pk: day for order, day, _ in rows}
        acknowledged = []
        for participant in participants:
            day = signed_day.get(participant.order_id)
            user = participant.person.user
            if day is not None and user is not None and rng.random() < 0.8:
                participant.acknowledged_at = self._aware(min(day + timedelta(days=rng.randint(0, 3)), today))
                participant.acknowledged_by = user
                acknowledged.append(participant)
        with connection.cursor() as cursor:
            for start in range(0, len(acknowledged), BATCH):
                chunk = acknowledged[start : start + BATCH]
                values = ", ".join(["(%s, %s::timestamptz, %s)"] * len(chunk))
                cursor.execute(
                    "UPDATE orders_orderparticipant p "
                    "SET acknowledged_at = v.ack_at, acknowledged_by_id = v.ack_by "
                    f"FROM (VALUES {values}) AS v(id, ack_at, ack_by) WHERE p.id = v.id",
                    [x for p in chunk for x in (p.pk, p.acknowledged_at, p.acknowledged_by.pk)],
                )

    # -- programs ------------------------------------------------------------------------------------

    def build_programs(self) -> None:
        rng, today = self.rng, self.today
        programs, versions, agreements, deficits, competences = [], [], [], [], []
        for o, groups in self.groups_of.items():
            curator = self.curator[o].user
            for group in groups:
                info = group._scale
                start = min(info["order_day"] + timedelta(days=rng.randint(0, 7)), today)
                end = add_months(start, info["months"]) - timedelta(days=1)
                topic = rng.choice(words.PROGRAM_TOPICS)
                approved = rng.random() < 0.95
                program = Program(
                    organization_id=group.organization_id,
                    group=group,
                    title=f"{topic}: персонализированная программа наставничества",
                    status=Program.Status.APPROVED if approved else Program.Status.ON_APPROVAL,
                    start=start,
                    end=end,
                    mode=rng.choice(Mode.values),
                    mentoring_types=list(group.types),
                    problem=f"У наставляемого есть затруднения по теме «{topic.lower()}».",
                    goal=group.goal,
                    tasks="Выявить затруднения; составить план их устранения; применить новое на уроках.",
                    expected_results="Наставляемый самостоятельно планирует и проводит уроки по теме.",
                    evaluated_results="Результаты анкетирования, посещения уроков, продукты деятельности.",
                    content="Консультации, посещение уроков, совместная подготовка открытого урока.",
                    forms_methods="Беседа, наблюдение, анализ урока, мастер-класс.",
                    principles="Добровольность, взаимное уважение, открытость.",
                    evaluation="Модель Д. Киркпатрика: реакция, научение, поведение, результат.",
                    approved_by=curator if approved else None,
                    approved_at=self._aware(start) if approved else None,
                    created_by=curator,
                )
                program._scale = info
                programs.append(program)
        self._copy(Program, programs, "programs")
        self.programs = programs
        competence_values = list(Competence.values)
        for program in programs:
            info = program._scale
            if program.status == Program.Status.APPROVED:
                versions.append(
                    ProgramVersion(
                        program=program,
                        number=1,
                        snapshot=program.snapshot(),
                        note="Программа утверждена куратором",
                        changed_by=program.approved_by,
                    )
                )
            for person_id in [program.group.mentor.person_id, *(m.person_id for m in info["mentees"])]:
                agreements.append(ProgramAgreement(program=program, person_id=person_id, version=1))
            for i, direction in enumerate(rng.sample(words.DEFICIT_DIRECTIONS, rng.randint(2, 3))):
                deficits.append(
                    DeficitPlanItem(
                        program=program,
                        position=i,
                        direction=direction,
                        deadline=f"до {add_months(program.start, i + 1):%d.%m.%Y}",
                        events="Консультации наставника, посещение уроков, самоанализ.",
                        goal="Устранить затруднение.",
                    )
                )
            for i, competence in enumerate(rng.sample(competence_values, rng.randint(2, 4))):
                competences.append(
                    CompetencePlanItem(
                        program=program,
                        position=i,
                        competence=competence,
                        content=words.COMPETENCE_CONTENT[competence],
                        events="Семинар, мастер-класс, самообразование.",
                        deadline=f"до {program.end:%d.%m.%Y}",
                    )
                )
        self._copy(ProgramVersion, versions)
        self._copy(ProgramAgreement, agreements)
        self._copy(DeficitPlanItem, deficits)
        self._copy(CompetencePlanItem, competences)

    def build_events(self) -> None:
        rng, today = self.rng, self.today
        months = [p._scale["months"] for p in self.programs]
        per_program = allocate(
            self.n["events"], months, [min(3, self.n["events"] // len(self.programs))] * len(months)
        )
        events = []
        for program, count in zip(self.programs, per_program, strict=True):
            span = (program.end - program.start).days
            mentees = program._scale["mentees"]
            program._events = []
            for k in range(count):
                offset = int(span * (k + rng.random()) / count)
                start = min(program.start + timedelta(days=offset), program.end)
                end = None
                if rng.random() < 0.2:
                    end = min(start + timedelta(days=rng.randint(1, 14)), program.end)
                form, title, product = rng.choice(words.EVENT_TITLES)
                responsible = rng.choice(
                    [Responsible.MENTOR, Responsible.MENTOR, Responsible.MENTEE, Responsible.CURATOR]
                )
                event = RoadmapEvent(
                    program=program,
                    title=title,
                    form=form,
                    start=start,
                    end=end,
                    responsible=responsible,
                    responsible_person_id=rng.choice(mentees).person_id
                    if responsible == Responsible.MENTEE
                    else None,
                    product=product,
                    expected_result="Наставляемый применяет освоенные приёмы на уроках.",
                )
                last_day = end or start
                if last_day < today and program.status == Program.Status.APPROVED:
                    roll = rng.random()
                    if roll < 0.85:
                        event.status = RoadmapEvent.Status.DONE
                        event.done_on = min(last_day + timedelta(days=rng.randint(0, 3)), today)
                        event.done_by = program.group.mentor.person.user
                        event.evidence = "Конспект и самоанализ урока обсуждены с наставником."
                    elif roll < 0.93:
                        event.status = RoadmapEvent.Status.CANCELLED
                        event.cancel_reason = "Перенесено по производственной необходимости."
                events.append(event)
                program._events.append(event)
        self._copy(RoadmapEvent, events, "events")

    def build_activities(self) -> None:
        rng, today = self.rng, self.today
        past = [max(0, (today - p.start).days) for p in self.programs]
        per_program = allocate(self.n["activities"], [d + 1 for d in past])
        entries, links = [], []
        for program, count, days in zip(self.programs, per_program, past, strict=True):
            members = program._scale["members"]
            done = [e for e in program._events if e.status == RoadmapEvent.Status.DONE]
            user = program.group.mentor.person.user
            for _ in range(count):
                day = program.start + timedelta(days=rng.randint(0, days))
                event = rng.choice(done) if done and rng.random() < 0.3 else None
                if event is not None:
                    day = event.done_on
                entry = ActivityLog(
                    program=program,
                    date=day,
                    minutes=rng.choice([30, 40, 45, 60, 60, 90, 120]),
                    format=ActivityFormat.ONLINE if rng.random() < 0.2 else ActivityFormat.IN_PERSON,
                    kind=rng.choice(ActivityKind.values),
                    event=event,
                    notes=rng.choice(words.ACTIVITY_NOTES),
                    created_by=user,
                )
                entries.append(entry)
                links.append((entry, members))
        self._copy(ActivityLog, entries, "activities")
        through = ActivityLog.participants.through
        self._copy(
            through,
            (
                through(activitylog_id=entry.pk, groupmember_id=m.pk)
                for entry, members in links
                for m in members
            ),
        )

    # -- history ---------------------------------------------------------------------------------------

    def backfill_history(self) -> None:
        """One «insert» event per seeded row of every tracked model, from the row as it is now."""
        context = PghContext.objects.create(
            metadata={"source": "seed_scale", "seed": self.seed, "scale": self.scale}
        )
        events = 0
        tables = set(connection.introspection.table_names())
        with connection.cursor() as cursor:
            for model, event_model in history_event_models():
                ids = self.created.get(model)
                if not ids or event_model._meta.db_table not in tables:
                    continue
                columns = {f.column for f in model._meta.concrete_fields if not f.generated}
                copied = [
                    f.column
                    for f in event_model._meta.concrete_fields
                    if not f.name.startswith("pgh_") and f.column in columns
                ]
                names = ", ".join(f'"{c}"' for c in copied)
                cursor.execute(
                    f'INSERT INTO "{event_model._meta.db_table}" '
                    f'({names}, "pgh_created_at", "pgh_label", "pgh_obj_id", "pgh_context_id") '
                    f"SELECT {names}, NOW(), 'insert', \"{model._meta.pk.column}\", %s "
                    f'FROM "{model._meta.db_table}" WHERE "{model._meta.pk.column}" = ANY(%s)',
                    [context.pk, ids],
                )
                events += cursor.rowcount
        self.counts["history_events"] = events

    # -- monitoring ----------------------------------------------------------------------------------

    def build_surveys(self) -> None:
        rng, today = self.rng, self.today
        templates = {
            t.code: t
            for t in QuestionnaireTemplate.objects.filter(organization__isnull=True, is_current=True)
        }
        questions = {code: list(t.questions.all()) for code, t in templates.items()}
        specs = [
            ("mentee_satisfaction", Audience.MENTEE, Point.START, "Входное анкетирование наставляемых"),
            ("mentor_satisfaction", Audience.MENTOR, Point.START, "Входное анкетирование наставников"),
            ("mentee_satisfaction", Audience.MENTEE, Point.MONTH, "Анкетирование наставляемых через месяц"),
            ("mentor_satisfaction", Audience.MENTOR, Point.MONTH, "Анкетирование наставников через месяц"),
        ]
        campaigns, campaign_programs, assignments = [], [], []
        programs_of: dict[int, list[Program]] = defaultdict(list)
        for program in self.programs:
            programs_of[program.organization_id].append(program)
        staff_of: dict[int, list[Person]] = defaultdict(list)
        for s in self.staffers:
            staff_of[s.person.organization_id].append(s.person)
        for o, org in enumerate(self.orgs):
            curator = self.curator[o].user
            org_programs = [p for p in programs_of[org.pk] if p.status == Program.Status.APPROVED]
            for code, audience, point, title in specs:
                campaign = Campaign(
                    organization=org,
                    template=templates[code],
                    title=title,
                    audience=audience,
                    point=point,
                    days_to_answer=14,
                    created_by=curator,
                )
                campaign._programs = org_programs
                campaigns.append(campaign)
            staff_campaign = Campaign(
                organization=org,
                template=templates["potential_mentor"],
                title="Анкета потенциального наставника",
                audience=Audience.STAFF,
                point=Point.START,
                days_to_answer=30,
                created_by=curator,
            )
            staff_campaign._programs = []
            staff_campaign._opens = today - timedelta(days=rng.randint(20, 40))
            staff_campaign._people = staff_of[org.pk]
            campaigns.append(staff_campaign)
        self._copy(Campaign, campaigns, "campaigns")
        through = Campaign.programs.through
        for campaign in campaigns:
            campaign_programs.extend(
                through(campaign_id=campaign.pk, program_id=p.pk) for p in campaign._programs
            )
            if campaign.audience == Audience.STAFF:
                for person in campaign._people:
                    assignments.append(
                        SurveyAssignment(
                            campaign=campaign,
                            person=person,
                            role=SurveyAssignment.Role.STAFF,
                            opens_on=campaign._opens,
                            due_on=campaign._opens + timedelta(days=campaign.days_to_answer),
                            token=f"scale-{self.seed}-{len(assignments)}-{rng.getrandbits(64):016x}",
                        )
                    )
                continue
            for program in campaign._programs:
                opens = (
                    program.start
                    if campaign.point == Point.START
                    else min(add_months(program.start, 1), program.end)
                )
                if campaign.audience == Audience.MENTOR:
                    people = [(program.group.mentor.person_id, SurveyAssignment.Role.MENTOR)]
                else:
                    people = [(m.person_id, SurveyAssignment.Role.MENTEE) for m in program._scale["mentees"]]
                for person_id, role in people:
                    assignments.append(
                        SurveyAssignment(
                            campaign=campaign,
                            program=program,
                            person_id=person_id,
                            role=role,
                            opens_on=opens,
                            due_on=opens + timedelta(days=campaign.days_to_answer),
                            token=f"scale-{self.seed}-{len(assignments)}-{rng.getrandbits(64):016x}",
                        )
                    )
        self._copy(through, campaign_programs)
        # Which assignments were answered: open ones only; ~60 % of the answers come from programs.
        target = self.n["responses"]
        open_program = [a for a in assignments if a.program is not None and a.opens_on <= today]
        open_staff = [a for a in assignments if a.program is None and a.opens_on <= today]
        from_programs = min(len(open_program), round(target * 0.6))
        from_staff = min(len(open_staff), target - from_programs)
        from_programs = min(len(open_program), target - from_staff)
        answered = rng.sample(open_program, from_programs) + rng.sample(open_staff, from_staff)
        responses = []
        for a in answered:
            latest = min(a.due_on, today)
            day = a.opens_on + timedelta(days=rng.randint(0, (latest - a.opens_on).days))
            a.answered_at = self._aware(day, hour=rng.randint(8, 21))
            # The response keeps no link to the person (see apps.monitoring.models).
            responses.append(
                Response(
                    campaign=a.campaign,
                    program=a.program,
                    template=a.campaign.template,
                    role=a.role,
                    submitted_on=day,
                )
            )
        # Responses in a shuffled order, so their ids do not follow the assignments'.
        rng.shuffle(responses)
        self._copy(SurveyAssignment, assignments, "survey_assignments")
        self._copy(Response, responses, "responses")
        answers = []
        for response in responses:
            if len(answers) >= 50_000:  # in chunks: at --scale 10 there are three million
                self._copy(Answer, answers, "answers")
                answers = []
            for q in questions[response.template.code]:
                if q.is_scale:
                    top = q.scale_max
                    value = max(1, min(top, top - rng.choice([0, 0, 0, 1, 1, 2, 3]) * (top // 5)))
                    answers.append(
                        Answer(
                            response=response, question=q, value=value, score5=1 + (value - 1) * 4 / (top - 1)
                        )
                    )
                elif q.kind == "single":
                    answers.append(Answer(response=response, question=q, options=[rng.choice(q.choices)]))
                elif q.kind == "multiple":
                    answers.append(
                        Answer(
                            response=response,
                            question=q,
                            options=rng.sample(q.choices, min(len(q.choices), rng.randint(1, 3))),
                        )
                    )
                elif q.required or rng.random() < 0.3:
                    answers.append(Answer(response=response, question=q, text=rng.choice(words.SURVEY_TEXTS)))
        self._copy(Answer, answers, "answers")


# -- reset -------------------------------------------------------------------------------------------


def _related(model, tables: set[str]):
    """(child model, fk column, on_delete, nullable) of every foreign key, many-to-many link tables
    included, that points at ``model`` from a table that exists in the database."""
    for child in django_apps.get_models(include_auto_created=True):
        if child._meta.proxy or not child._meta.managed or child._meta.db_table not in tables:
            continue
        for field in child._meta.concrete_fields:
            if field.is_relation and field.related_model is model:
                yield child, field.column, field.remote_field.on_delete, field.null


def _purge(
    cursor, model, id_sql: str, params: list, tables: set[str], stack: tuple = (), counter=None
) -> None:
    """Delete the rows of ``model`` whose id is in ``id_sql`` and, first, every row that points at
    them (SET_NULL references are nulled). Ids go through temporary tables to keep the SQL flat."""
    counter = counter if counter is not None else [0]
    counter[0] += 1
    table = f"_scale_del_{counter[0]}"
    cursor.execute(f"CREATE TEMP TABLE {table} ON COMMIT DROP AS {id_sql}", params)
    cursor.execute(f"CREATE INDEX ON {table} (id)")
    cursor.execute(f"SELECT count(*) FROM {table}")
    if not cursor.fetchone()[0]:
        cursor.execute(f"DROP TABLE {table}")
        return
    db_table = model._meta.db_table
    for child, column, on_delete, nullable in _related(model, tables):
        child_table = child._meta.db_table
        if on_delete == models.SET_NULL or (child in (*stack, model) and nullable):
            cursor.execute(
                f'UPDATE "{child_table}" SET "{column}" = NULL WHERE "{column}" IN (SELECT id FROM {table})'
            )
            continue
        if child in (*stack, model):
            continue
        pk = child._meta.pk.column
        _purge(
            cursor,
            child,
            f'SELECT "{pk}" AS id FROM "{child_table}" WHERE "{column}" IN (SELECT id FROM {table})',
            [],
            tables,
            (*stack, model),
            counter,
        )
    cursor.execute(f'DELETE FROM "{db_table}" WHERE "{model._meta.pk.column}" IN (SELECT id FROM {table})')
    cursor.execute(f"DROP TABLE {table}")


@transaction.atomic
def reset_scale() -> None:
    """Remove the scale region with everything under it and the scale_ users. Triggers (signed
    orders, history) are ignored for this one transaction only: the data goes as a whole."""
    tables = set(connection.introspection.table_names())
    counter = [0]
    with pgtrigger.ignore(), connection.cursor() as cursor:
        _purge(
            cursor,
            Region,
            'SELECT id FROM "organizations_region" WHERE name = %s',
            [SCALE_REGION_NAME],
            tables,
            counter=counter,
        )
        _purge(
            cursor,
            User,
            'SELECT id FROM "accounts_user" WHERE username LIKE %s',
            [USER_PREFIX.replace("_", "\\_") + "%"],
            tables,
            counter=counter,
        )
