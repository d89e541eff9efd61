"""People with consents, and orders reached through the services (never by assigning status)."""

from datetime import date

from apps.core.names import decline_full_name
from apps.orders.models import Order
from apps.orders.services import order_create, order_send_for_signature, order_sign
from apps.staff.models import Person, PersonalDataConsent


def make_person(
    organization, last_name, first_name, patronymic="", *, sex="", user=None, consent=True
) -> Person:
    person = Person.objects.create(
        organization=organization,
        last_name=last_name,
        first_name=first_name,
        patronymic=patronymic,
        sex=sex,
        user=user,
        name_dative=decline_full_name(last_name, first_name, patronymic, "dative", sex),
        name_genitive=decline_full_name(last_name, first_name, patronymic, "genitive", sex),
        name_accusative=decline_full_name(last_name, first_name, patronymic, "accusative", sex),
    )
    if consent:
        give_consent(person)
    return person


def give_consent(person: Person) -> PersonalDataConsent:
    return PersonalDataConsent.objects.create(
        person=person,
        subject_address="г. Сургут, ул. Ленина, д. 1",
        subject_document="паспорт 6700 000000",
        operator_name=person.organization.full_name,
        operator_address="г. Сургут",
        purpose="организация наставничества",
        data_list="ФИО, должность",
        actions="сбор, хранение",
        term="до отзыва",
        withdrawal_procedure="письменное заявление",
        text_version="1",
        text_snapshot="…",
        form=PersonalDataConsent.Form.PORTAL,
        signed_on=date(2026, 9, 1),
    )


def make_draft(
    organization, curator, *, participants=(), kind=Order.Kind.CURATOR, items=None, **kwargs
) -> Order:
    return order_create(
        organization=organization,
        kind=kind,
        title=kwargs.pop("title", "О назначении куратора"),
        preamble=kwargs.pop("preamble", "В соответствии с Положением о системе наставничества"),
        items=items if items is not None else ["Назначить куратором наставничества."],
        participants=list(participants),
        created_by=curator,
        **kwargs,
    )


def make_signed(organization, curator, director, **kwargs) -> Order:
    order = make_draft(organization, curator, **kwargs)
    order_send_for_signature(order=order, user=curator)
    return order_sign(order=order, director=director)
