"""Writes on the staff registry: people, invitations to the portal, consents to personal-data
processing, their withdrawal and the destruction of the data (152-ФЗ art. 9, 21)."""

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from uuid import uuid4

import pghistory
from django.apps import apps
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from apps.accounts.models import Membership, Role, User
from apps.accounts.services import membership_grant
from apps.core import locking, russian
from apps.core.exceptions import DomainError
from apps.core.names import decline_full_name
from apps.organizations.models import Organization

from . import hooks
from .consent_texts import ConsentTerms
from .fields import PERSON_FIELDS
from .hooks import Erasure
from .models import DestructionAct, DisclosureConsent, Person, PersonalDataConsent
from .selectors import consent_not_withdrawn, has_valid_consent, person_edit_state

DECLINED_FIELDS = {"name_genitive": "genitive", "name_dative": "dative", "name_accusative": "accusative"}
NAME_PARTS = ("last_name", "first_name", "patronymic", "sex")

# The roles an invitation gives; who may give which is decided by accounts (``rules.grantable_roles``:
# the director appoints the curator too, the curator the others). The director is appointed by the
# portal administrator. The school's accountant is invited the same way: she reads the allowance basis
# (apps.allowances), and her card in the registry is where her e-mail is.
INVITE_ROLES = (Role.CURATOR, Role.MENTOR, Role.MENTEE, Role.COUNCIL, Role.PSYCHOLOGIST, Role.ACCOUNTANT)
# Roles in the mentoring itself: the invitation asks them to confirm the consent, without which nobody
# enters a bank, a pair or an order. The accountant enters none of them.
MENTORING_ROLES = (Role.CURATOR, Role.MENTOR, Role.MENTEE, Role.COUNCIL, Role.PSYCHOLOGIST)


def person_require_consent(*, person: Person) -> None:
    """The rule: a person without a valid consent to personal-data processing cannot enter a bank,
    a pair or an order. Every service that puts a person there calls this first."""
    if not has_valid_consent(person):
        raise DomainError(
            f"У {russian.short_name_in(person, 'genitive')} нет действующего согласия на обработку "
            "персональных данных: "
            "сначала оформите согласие в карточке педагога.",
            field="person",
        )


def _validate(person: Person) -> None:
    """Person.clean() holds the rules; here they become a DomainError at the first failing field."""
    try:
        person.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error


PERSONNEL_NUMBER_CONSTRAINT = "person_personnel_number_unique_in_organization"


def _save(person: Person, **kwargs) -> None:
    """Save, turning a personnel number taken between the check and the save (two curators at once)
    into the form's message at the field."""
    try:
        with transaction.atomic():
            person.save(**kwargs)
    except IntegrityError as error:
        if PERSONNEL_NUMBER_CONSTRAINT not in str(error):
            raise
        raise DomainError(
            f"Табельный номер {person.personnel_number} только что указали у другого педагога этой "
            "организации.",
            field="personnel_number",
        ) from error


def person_fill_declined_names(person: Person) -> None:
    """Fill the empty genitive, dative and accusative forms of the full name (pytrovich); forms the
    curator has written stay as they are."""
    for field, case in DECLINED_FIELDS.items():
        if not getattr(person, field):
            setattr(
                person,
                field,
                decline_full_name(person.last_name, person.first_name, person.patronymic, case, person.sex),
            )


@transaction.atomic
def person_create(
    *, organization: Organization, data: dict, subjects: Iterable = (), created_by: User | None = None
) -> Person:
    """Register a person in the organisation's registry (by hand or from an imported row)."""
    person = Person(organization=organization, **{k: v for k, v in data.items() if k in PERSON_FIELDS})
    _validate(person)
    person_fill_declined_names(person)
    with pghistory.context(action="person_create"):
        _save(person)
        person.subjects.set(subjects)
    return person


@transaction.atomic
def person_update(
    *, person: Person, data: dict, subjects: Iterable | None = None, lock_token: str | None = None
) -> Person:
    """Change a registry entry; when the name changes, the declined forms the curator left untouched
    are declined again. ``lock_token``: the entry as the edit form was opened; another save in between
    that this one would overwrite is an EditConflict and nothing is written."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if lock_token is not None:
        subjects = list(subjects) if subjects is not None else None
        names = [f for f in data if f in PERSON_FIELDS]
        locking.check_unchanged(
            token=lock_token,
            saved=_person_state(person, names, with_subjects=subjects is not None),
            mine=person_edit_state({n: data[n] for n in names}, subjects),
        )
    before = {f: _field_value(person, f) for f in PERSON_FIELDS}
    for field, value in data.items():
        if field in PERSON_FIELDS:
            setattr(person, field, value)
    _validate(person)
    if any(getattr(person, f) != before[f] for f in NAME_PARTS):
        for field in DECLINED_FIELDS:
            if getattr(person, field) == before[field]:
                setattr(person, field, "")
    person_fill_declined_names(person)
    changed = [f for f in PERSON_FIELDS if _field_value(person, f) != before[f]]
    with pghistory.context(action="person_update"):
        if changed:
            _save(person, update_fields=[*changed, "updated_at"])
        if subjects is not None:
            person.subjects.set(subjects)
    return person


def _person_state(person: Person, names, *, with_subjects: bool) -> dict[str, str]:
    subjects = person.subjects.all() if with_subjects else None
    return person_edit_state({n: getattr(person, n) for n in names}, subjects)


def person_lock_token(person: Person, form_fields) -> str:
    """The token of the entry as an edit form with ``form_fields`` shows it."""
    names = [f for f in form_fields if f in PERSON_FIELDS]
    return locking.state_token(_person_state(person, names, with_subjects="subjects" in form_fields))


def _field_value(person: Person, field: str):
    return person.position_id if field == "position" else getattr(person, field)


# --- Invitation to the portal -------------------------------------------------------------------


@transaction.atomic
def person_invite(*, person: Person, role: str, invited_by: User, site_url: str) -> User:
    """Create (or find by e-mail) the person's account, give it ``role`` in the organisation and
    e-mail a link to set the password. The person confirms the consent after signing in."""
    person = (
        Person.objects.select_for_update(of=("self",))
        .select_related("organization", "user")
        .get(pk=person.pk)
    )
    if role not in INVITE_ROLES:
        raise DomainError(
            "Через приглашение можно выдать роль куратора наставничества, наставника, наставляемого, "
            "члена совета наставников, педагога-психолога или бухгалтера.",
            field="role",
        )
    if person.left_on:
        raise DomainError(
            f"{person.short_name} {russian.by_sex(person, 'уволен', 'уволена')}: приглашение не отправлено.",
            field="role",
        )
    if not consent_not_withdrawn(person):
        raise DomainError(
            f"{person.short_name} {russian.by_sex(person, 'отозвал', 'отозвала')} согласие на "
            "обработку персональных данных: обработка "
            "прекращена, приглашение возможно только после нового согласия.",
            field="role",
        )
    email = (person.email or "").strip().lower()
    if not email:
        raise DomainError(
            "В карточке педагога не указана электронная почта: укажите её, на неё придёт приглашение.",
            field="role",
        )
    user = person.user
    if user is None:
        user = User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).order_by("pk").first()
        if user is None:
            user = User(
                username=email,
                email=email,
                last_name=person.last_name,
                first_name=person.first_name,
                patronymic=person.patronymic,
            )
            user.set_unusable_password()
            user.save()
        elif (
            Person.objects.filter(organization_id=person.organization_id, user=user)
            .exclude(pk=person.pk)
            .exists()
        ):
            raise DomainError(
                f"Учётная запись с адресом {email} уже связана с другим педагогом этой организации.",
                field="role",
            )
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    if not user.is_active:
        raise DomainError(
            "Учётная запись педагога отключена: обратитесь к администратору портала.", field="role"
        )
    # The one service of granting: nobody grants a role to himself, the curator only the roles below
    # hers; the grant is journaled and the director notified.
    membership_grant(user=user, role=role, organization=person.organization, granted_by=invited_by)
    user_id, role_label, asks_consent = user.pk, Role(role).label, role in MENTORING_ROLES
    transaction.on_commit(
        lambda: send_invitation(
            user_id=user_id,
            organization=person.organization,
            role_label=role_label,
            site_url=site_url,
            asks_consent=asks_consent,
        )
    )
    return user


def send_invitation(
    *, user_id: int, organization: Organization, role_label: str, site_url: str, asks_consent: bool = True
) -> None:
    """The invitation e-mail with a one-time link to set the password (Django's reset tokens);
    ``asks_consent``: the role is one of the mentoring, the e-mail asks to confirm the consent."""
    user = User.objects.get(pk=user_id)
    link = site_url.rstrip("/") + reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "organization": organization,
        "role_label": role_label,
        "link": link,
        "login_url": site_url.rstrip("/") + reverse("accounts:login"),
        "has_password": user.has_usable_password(),
        "asks_consent": asks_consent,
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    subject = " ".join(render_to_string("staff/email/invite_subject.txt", context).split())
    body = render_to_string("staff/email/invite_body.txt", context)
    send_mail(subject, body, None, [user.email])


# --- Consents ------------------------------------------------------------------------------------


def consent_terms_for(
    person: Person, *, subject_address: str = "", subject_document: str = "", representative: str = ""
) -> ConsentTerms:
    """The items of the consent of the current version, filled from the person and their organisation."""
    organization = person.organization
    return ConsentTerms(
        subject_name=person.full_name,
        subject_address=subject_address,
        subject_document=subject_document,
        representative=representative,
        operator_name=organization.full_name,
        operator_address=organization.address,
    )


def consent_terms_of(consent: PersonalDataConsent) -> ConsentTerms:
    """The items of a recorded consent as the person agreed to them: its own version and wording (an
    older version stays valid in its own terms), never the current one."""
    return ConsentTerms(
        subject_name=consent.person.full_name,
        subject_address=consent.subject_address,
        subject_document=consent.subject_document,
        representative=consent.representative,
        operator_name=consent.operator_name,
        operator_address=consent.operator_address,
        purpose=consent.purpose,
        data_list=consent.data_list,
        processors=consent.processors,
        actions=consent.actions,
        term=consent.term,
        withdrawal_procedure=consent.withdrawal_procedure,
        version=consent.text_version,
    )


def _consent_create(
    *,
    person: Person,
    form: str,
    subject_address: str,
    subject_document: str,
    representative: str,
    signed_on: date,
    scan: UploadedFile | None,
    recorded_by: User,
    confirmed_by: User | None,
    paper_location: str = "",
    stored_scan: str = "",
) -> PersonalDataConsent:
    person = Person.objects.select_for_update(of=("self",)).select_related("organization").get(pk=person.pk)
    today = timezone.localdate()
    if has_valid_consent(person):
        raise DomainError(
            f"У {russian.short_name_in(person, 'genitive')} уже есть действующее согласие: новое можно "
            "оформить после отзыва."
        )
    if not person.organization.address:
        raise DomainError(
            "В карточке организации не указан адрес: он обязателен в согласии (адрес оператора). "
            "Попросите руководителя заполнить карточку организации."
        )
    if signed_on > today:
        raise DomainError("Дата согласия не может быть в будущем.", field="signed_on")
    if person.birth_date and signed_on < person.birth_date:
        raise DomainError("Дата согласия раньше даты рождения.", field="signed_on")
    subject_address, subject_document = subject_address.strip(), subject_document.strip()
    paper_location = " ".join(paper_location.split())
    # In the portal the record is the consent and holds every item of art. 9 p. 4; a paper consent
    # holds the address and the document on the signed paper, which the record points to.
    if form == PersonalDataConsent.Form.PORTAL:
        if not subject_address:
            raise DomainError("Укажите адрес субъекта персональных данных.", field="subject_address")
        if not subject_document:
            raise DomainError("Укажите документ, удостоверяющий личность.", field="subject_document")
    if form == PersonalDataConsent.Form.PAPER and not (scan or stored_scan or paper_location):
        raise DomainError(
            "Укажите, где хранится бумажный экземпляр согласия, или загрузите его скан.",
            field="paper_location",
        )
    terms = consent_terms_for(
        person,
        subject_address=subject_address,
        subject_document=subject_document,
        representative=representative.strip(),
    )
    consent = PersonalDataConsent(
        person=person,
        subject_address=terms.subject_address,
        subject_document=terms.subject_document,
        representative=terms.representative,
        operator_name=terms.operator_name,
        operator_address=terms.operator_address,
        purpose=terms.purpose,
        data_list=terms.data_list,
        processors=terms.processors,
        actions=terms.actions,
        term=terms.term,
        withdrawal_procedure=terms.withdrawal_procedure,
        text_version=terms.version,
        text_snapshot=terms.text(),
        form=form,
        signed_on=signed_on,
        paper_location=paper_location,
        confirmed_by=confirmed_by,
        recorded_by=recorded_by,
    )
    if stored_scan:
        consent.scan.name = stored_scan
    elif scan:
        # A random file name: the person's name never appears in a path or a URL.
        consent.scan.save(f"{uuid4().hex}{Path(scan.name).suffix.lower()}", scan, save=False)
    with pghistory.context(action="consent_record"):
        consent.save()
    return consent


@transaction.atomic
def consent_record_paper(
    *,
    person: Person,
    subject_address: str,
    subject_document: str,
    signed_on: date,
    scan: UploadedFile | None,
    recorded_by: User,
    representative: str = "",
    paper_location: str = "",
) -> PersonalDataConsent:
    """Record a consent signed on paper. The signed paper is the proof (art. 9 p. 3: the operator proves
    it; a paper signature equals an electronic one): the record says where it is kept, its scan optional."""
    return _consent_create(
        person=person,
        form=PersonalDataConsent.Form.PAPER,
        subject_address=subject_address,
        subject_document=subject_document,
        representative=representative,
        signed_on=signed_on,
        scan=scan,
        recorded_by=recorded_by,
        confirmed_by=None,
        paper_location=paper_location,
    )


@transaction.atomic
def consent_record_paper_bulk(
    *,
    organization: Organization,
    people: Iterable[Person],
    signed_on: date,
    paper_location: str,
    scan: UploadedFile | None,
    recorded_by: User,
) -> list[PersonalDataConsent]:
    """A folder of paper consents entered in one go: one date, where the papers are kept (required: the
    papers are the proof), one scan (optional) shared by all. All or nothing: one refusal records none,
    and the message names everyone refused. Every person must belong to ``organization`` (a crafted POST
    with another school's person is refused here, whatever the form offered)."""
    people = list(people)
    if not people:
        raise DomainError("Отметьте хотя бы одного педагога.", field="people")
    paper_location = " ".join(paper_location.split())
    if not paper_location:
        raise DomainError("Укажите, где хранятся бумажные экземпляры согласий.", field="paper_location")
    if any(p.organization_id != organization.pk for p in people):
        raise DomainError("В списке есть педагог другой организации: согласия не внесены.", field="people")
    if not organization.address:
        raise DomainError(
            "В карточке организации не указан адрес: он обязателен в согласии (адрес оператора). "
            "Попросите руководителя заполнить карточку организации."
        )
    if signed_on > timezone.localdate():
        raise DomainError("Дата согласия не может быть в будущем.", field="signed_on")
    people.sort(key=lambda p: (p.last_name, p.first_name, p.patronymic, p.pk))
    already = [russian.short_name_in(p, "genitive") for p in people if has_valid_consent(p)]
    if already:
        raise DomainError(
            "Согласия не внесены: действующее согласие уже есть у " + ", ".join(already) + ".",
            field="people",
        )
    too_early = [p.short_name for p in people if p.birth_date and signed_on < p.birth_date]
    if too_early:
        raise DomainError(
            "Дата согласия раньше даты рождения: " + ", ".join(too_early) + ".", field="signed_on"
        )
    stored_scan = ""
    if scan:
        holder = PersonalDataConsent()
        holder.scan.save(f"{uuid4().hex}{Path(scan.name).suffix.lower()}", scan, save=False)
        stored_scan = holder.scan.name
    try:
        consents = [
            _consent_create(
                person=person,
                form=PersonalDataConsent.Form.PAPER,
                subject_address="",
                subject_document="",
                representative="",
                signed_on=signed_on,
                scan=None,
                stored_scan=stored_scan,
                recorded_by=recorded_by,
                confirmed_by=None,
                paper_location=paper_location,
            )
            for person in people
        ]
    except Exception:
        if stored_scan:
            PersonalDataConsent().scan.storage.delete(stored_scan)
        raise
    return consents


@transaction.atomic
def consent_confirm_in_portal(
    *, person: Person, user: User, subject_address: str, subject_document: str, representative: str = ""
) -> PersonalDataConsent:
    """The person, signed in, confirms the consent themself (an electronic signature of the portal)."""
    if person.user_id is None or person.user_id != user.pk:
        raise DomainError("Подтвердить согласие в портале может только сам педагог из своей учётной записи.")
    return _consent_create(
        person=person,
        form=PersonalDataConsent.Form.PORTAL,
        subject_address=subject_address,
        subject_document=subject_document,
        representative=representative,
        signed_on=timezone.localdate(),
        scan=None,
        recorded_by=user,
        confirmed_by=user,
    )


@transaction.atomic
def consent_withdraw(
    *, consent: PersonalDataConsent, withdrawn_by: User | None, withdrawn_on: date | None = None
) -> PersonalDataConsent:
    """Withdrawal (152-ФЗ art. 21 p. 5): processing stops at once — the person leaves the banks of the
    current (and any later) academic year in the same transaction — and the data is due for
    destruction within 30 days. The apps above stop their part in the same transaction
    (``hooks.consent_withdrawn``: banks, pairs…)."""
    consent = (
        PersonalDataConsent.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=consent.pk)
    )
    today = timezone.localdate()
    withdrawn_on = withdrawn_on or today
    if consent.withdrawn_on is not None:
        raise DomainError(f"Согласие уже отозвано {consent.withdrawn_on:%d.%m.%Y}.")
    if withdrawn_on > today:
        raise DomainError("Дата отзыва не может быть в будущем.", field="withdrawn_on")
    if withdrawn_on < consent.signed_on:
        raise DomainError("Дата отзыва не может быть раньше даты согласия.", field="withdrawn_on")
    person = consent.person
    with pghistory.context(action="consent_withdraw"):
        consent.withdrawn_on = withdrawn_on
        consent.withdrawn_by = withdrawn_by
        consent.destruction_due = consent.destruction_date_for(withdrawn_on)
        consent.save(update_fields=["withdrawn_on", "withdrawn_by", "destruction_due", "updated_at"])
        hooks.consent_withdrawn.call(consent=consent, person=person)
    return consent


# --- Disclosure consents (152-ФЗ ст. 10.1, ТК РФ ст. 88) ----------------------------------------------


@transaction.atomic
def disclosure_consent_record(*, person, kind: str, signed_on: date, user) -> DisclosureConsent:
    if kind not in DisclosureConsent.Kind.values:
        raise DomainError("Выберите вид согласия.", field="kind")
    if signed_on > timezone.localdate():
        raise DomainError("Дата согласия не может быть в будущем.", field="signed_on")
    if person.left_on:
        raise DomainError("Педагог уволен: согласие на распространение не оформляется.", field="person")
    if DisclosureConsent.objects.filter(person=person, kind=kind, withdrawn_on__isnull=True).exists():
        raise DomainError("Такое согласие уже действует.", field="kind")
    return DisclosureConsent.objects.create(person=person, kind=kind, signed_on=signed_on, recorded_by=user)


@transaction.atomic
def disclosure_consent_withdraw(
    *, consent: DisclosureConsent, user, on: date | None = None
) -> DisclosureConsent:
    """Withdrawal stops the disclosure at once (152-ФЗ ст. 10.1 п. 12): every page reads active ones."""
    consent = DisclosureConsent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on:
        raise DomainError("Согласие уже отозвано.")
    on = on or timezone.localdate()
    consent.withdrawn_on = max(on, consent.signed_on)
    consent.save(update_fields=["withdrawn_on", "updated_at"])
    return consent


# --- Destruction ---------------------------------------------------------------------------------

DESTROYED_DATA = (
    "пол; дата рождения; должность; предметы и направления; общий и педагогический стаж; "
    "квалификационная категория и дата её присвоения; сведения об образовании; даты приёма и "
    "увольнения; табельный номер; адрес электронной почты; номер телефона; место работы внешнего "
    "участника; связь с учётной записью портала; адрес и данные документа, удостоверяющего личность, "
    "текст и скан согласия; запросы, анкеты, подтверждённые результаты и комментарии в банках "
    "наставников и наставляемых; записи журнала изменений этих сведений. Сохранены фамилия, имя, "
    "отчество (и их падежные формы), так как они входят в подписанные приказы — архивные документы"
)
DESTRUCTION_METHOD = (
    "удаление записей из базы данных информационной системы без возможности восстановления, "
    "удаление файлов сканов и файлов-подтверждений из хранилища, обезличивание фамилии, имени и "
    "отчества в свободном тексте журнала работы"
)
AUTOMATIC_DESTROYER = "автоматически: команда destroy_withdrawn_personal_data"
DISCLOSURE_CONSENTS = "согласия на распространение и передачу персональных данных"

# Person fields that are erased, with their erased value; the name fields stay (signed orders).
ERASED_PERSON_FIELDS = {
    "sex": "",
    "birth_date": None,
    "position": None,
    "total_experience_years": None,
    "pedagogical_experience_years": None,
    "qualification_category": Person.Category.NONE,
    "category_date": None,
    "education_level": "",
    "education_pedagogical": True,
    "education_institution": "",
    "education_year": None,
    "hire_date": None,
    "personnel_number": "",
    "left_on": None,
    "email": "",
    "phone": "",
    "external_organization": "",
    "user": None,
}


def _own_history(*, person: Person, consent_ids: list[int]) -> dict:
    """The pghistory events that copy the registry's data of the person (generated by @pghistory.track)."""
    return {
        "person": apps.get_model("staff", "PersonEvent").objects.filter(pgh_obj_id=person.pk),
        "consent": apps.get_model("staff", "PersonalDataConsentEvent").objects.filter(
            pgh_obj_id__in=consent_ids
        ),
    }


def _event_log_extract(events: dict) -> list[dict]:
    """When, what and by whom, without any personal value: kept in the act as the log extract."""
    extract = []
    for kind, qs in events.items():
        for created_at, label, metadata in qs.values_list(
            "pgh_created_at", "pgh_label", "pgh_context__metadata"
        ):
            metadata = metadata or {}
            extract.append(
                {
                    "at": created_at.isoformat(),
                    "object": kind,
                    "event": label,
                    "user_id": metadata.get("user"),
                    "action": metadata.get("action", ""),
                }
            )
    return sorted(extract, key=lambda row: row["at"])


def _access_log_extract(*, person: Person, consent_ids: list[int]) -> list[dict]:
    """The access journal's entries about the person (views, prints, exports; 152-ФЗ art. 19): they
    hold no personal values and stay in the journal, and the act keeps their extract too."""
    from apps.audit.models import AccessEvent

    entries = AccessEvent.objects.filter(
        Q(object_type="staff.person", object_id=str(person.pk))
        | Q(object_type="staff.personaldataconsent", object_id__in=[str(pk) for pk in consent_ids])
    ).values_list("at", "object_type", "action", "user_id", "url_name")
    return [
        {"at": at.isoformat(), "object": f"access:{kind}", "event": action, "user_id": user_id, "action": url}
        for at, kind, action, user_id, url in entries
    ]


@transaction.atomic
def personal_data_destroy(
    *, consent: PersonalDataConsent, today: date | None = None, destroyed_by: User | None = None
) -> DestructionAct:
    """Destroy the personal data of a person whose consent was withdrawn, and record the act.

    The names stay (a signed order is an archival document and refers to them); everything else in
    the registry, the consents and their change history is erased or deleted, and each app above
    erases what it holds (``hooks.erasers``: the bank entries, pairs, programs…).
    """
    today = today or timezone.localdate()
    consent = PersonalDataConsent.objects.select_for_update().get(pk=consent.pk)
    person = (
        Person.objects.select_for_update(of=("self",))
        .select_related("organization", "user")
        .get(pk=consent.person_id)
    )
    if consent.withdrawn_on is None:
        raise DomainError("Согласие не отозвано: данные уничтожаются только после отзыва.")
    if consent.destroyed_on is not None:
        raise DomainError(f"Данные уже уничтожены {consent.destroyed_on:%d.%m.%Y}.")
    if has_valid_consent(person):
        raise DomainError(
            f"{person.short_name} {russian.by_sex(person, 'дал', 'дала')} новое согласие: данные не "
            "уничтожаются."
        )

    consents = PersonalDataConsent.objects.filter(person=person)
    consent_ids = list(consents.values_list("pk", flat=True))
    events = _own_history(person=person, consent_ids=consent_ids)
    for history in hooks.erased_history.call(person=person):
        events |= history
    extract = sorted(
        _event_log_extract(events) + _access_log_extract(person=person, consent_ids=consent_ids),
        key=lambda row: row["at"],
    )
    user = person.user
    scans = list(consents.exclude(scan="").values_list("scan", flat=True))

    # Each app above destroys what it holds about the person, in this transaction.
    erasures = hooks.erasers.call(person=person, user=user)

    disclosures = DisclosureConsent.objects.filter(person=person).delete()[0]
    own = Erasure(destroyed=[(DISCLOSURE_CONSENTS, disclosures)])
    for field, value in ERASED_PERSON_FIELDS.items():
        setattr(person, field, value)
    person.save(update_fields=[*ERASED_PERSON_FIELDS, "updated_at"])
    person.subjects.clear()
    consents.update(
        subject_address="",
        subject_document="",
        representative="",
        text_snapshot="",
        scan="",
        updated_at=timezone.now(),
    )
    consents.filter(withdrawn_on__isnull=False, destroyed_on__isnull=True).update(destroyed_on=today)
    # A scan of a folder entered in bulk holds this person's consent too: the file goes, and the others'
    # consents rest on their papers (a bulk entry always says where the papers are kept).
    PersonalDataConsent.objects.filter(scan__in=scans).exclude(person=person).exclude(
        paper_location=""
    ).update(scan="", updated_at=timezone.now())
    if user is not None:
        _account_release(user=user, organization=person.organization)
    # Last: the updates above wrote events too; none of them may survive.
    for qs in events.values():
        qs.delete()

    organization = person.organization
    act = DestructionAct.objects.create(
        organization=organization,
        operator_name=organization.full_name,
        operator_address=organization.address,
        person=person,
        person_name=person.full_name,
        data_list=_data_list([own, *erasures]),
        system=f"Информационная система «{settings.PORTAL_NAME}» (база данных PostgreSQL и хранилище файлов)",
        method=DESTRUCTION_METHOD,
        reason=(
            f"Отзыв согласия на обработку персональных данных, поступивший {consent.withdrawn_on:%d.%m.%Y} "
            "(часть 5 статьи 21 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»)"
        ),
        destroyed_on=today,
        destroyed_by=destroyed_by,
        destroyed_by_name=destroyed_by.get_full_name() if destroyed_by else AUTOMATIC_DESTROYER,
        event_log_extract=extract,
        keep_until=today.replace(year=today.year + DestructionAct.KEEP_YEARS)
        if not (today.month == 2 and today.day == 29)
        else today + timedelta(days=365 * DestructionAct.KEEP_YEARS + 1),
    )
    files = scans + [name for erasure in erasures for name in erasure.files]
    transaction.on_commit(lambda: _delete_files(files))
    return act


def _data_list(erasures: list[Erasure]) -> str:
    """The act's list of data: what the registry held, then the count per category destroyed in the
    other parts of the system (the registry's disclosure consents, then each app in its order), then
    what was kept and why."""
    lines = [DESTROYED_DATA + "."]
    done = [f"{words}: {count}" for erasure in erasures for words, count in erasure.destroyed if count]
    lines.append("Уничтожено также: " + ("; ".join(done) if done else "других записей не было") + ".")
    left = [f"{words} — {count}" for erasure in erasures for words, count in erasure.kept if count]
    if left:
        lines.append("Сохранены (другой закон требует хранить): " + "; ".join(left) + ".")
    return "\n".join(lines)


def _account_release(*, user: User, organization: Organization) -> None:
    """The account stops serving the organisation; an account left with no role at all is closed and
    its e-mail (also its login, when it came from an invitation) erased."""
    Membership.objects.filter(user=user, organization=organization).update(is_active=False)
    if Membership.objects.filter(user=user, is_active=True).exists() or user.people.exists():
        return
    user.is_active = False
    if user.username.lower() == (user.email or "").lower():
        user.username = f"removed-{user.pk}"
    user.email = ""
    user.set_unusable_password()
    user.save(update_fields=["is_active", "username", "email", "password"])


def _delete_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        if name:
            default_storage.delete(name)


def destroy_due_personal_data(*, today: date | None = None) -> tuple[list[DestructionAct], list[str]]:
    """Destroy the data of everyone whose destruction is due; each person in their own transaction, so
    one refusal does not stop the rest. Returns the acts and the refusals."""
    from .selectors import consents_due_for_destruction

    today = today or timezone.localdate()
    acts, refusals = [], []
    for consent in consents_due_for_destruction(today=today):
        consent.refresh_from_db(fields=["destroyed_on"])
        if consent.destroyed_on is not None:
            continue
        try:
            acts.append(personal_data_destroy(consent=consent, today=today))
        except DomainError as error:
            refusals.append(f"{consent.person.short_name}: {error.message}")
    return acts, refusals
