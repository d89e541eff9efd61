"""Demo orders of the demo school: the Regulation and the curator's appointment signed, and an
amendment of the roadmap waiting on the director's desk. Idempotent: found by kind and title."""

from datetime import date

from apps.core.names import decline_full_name
from apps.staff.models import Person, PersonalDataConsent, Position

from .models import Order
from .services import order_create, order_send_for_signature, order_sign

REGULATION_TITLE = "Об утверждении Положения о системе наставничества и дорожной карты"
CURATOR_TITLE = "О назначении куратора"
AMEND_TITLE = "О внесении изменений в приказ об утверждении Положения о системе наставничества"


def _person(ctx, school, last, first, patronymic, sex, position, username=None) -> Person:
    user = ctx.objects.get(f"user_{username}") if username else None
    person = Person.objects.filter(organization=school, user=user).first() if user else None
    if person is None:
        person = Person.objects.filter(
            organization=school, last_name=last, first_name=first, patronymic=patronymic
        ).first()
    if person is None:
        person = Person.objects.create(
            organization=school,
            last_name=last,
            first_name=first,
            patronymic=patronymic,
            sex=sex,
            user=user,
            position=Position.objects.get_or_create(name=position)[0],
            name_dative=decline_full_name(last, first, patronymic, "dative", sex),
            name_genitive=decline_full_name(last, first, patronymic, "genitive", sex),
            name_accusative=decline_full_name(last, first, patronymic, "accusative", sex),
        )
    if not PersonalDataConsent.objects.filter(person=person, withdrawn_on__isnull=True).exists():
        PersonalDataConsent.objects.create(
            person=person,
            subject_address="г. Сургут",
            subject_document="паспорт гражданина РФ (реквизиты на бумажном экземпляре)",
            operator_name=school.full_name,
            operator_address=school.address or "г. Сургут",
            purpose="организация наставничества педагогических работников",
            data_list="фамилия, имя, отчество; должность; стаж; образование; контактные данные",
            actions="сбор, запись, систематизация, хранение, уточнение, использование, удаление",
            term="до окончания трудовых отношений или до отзыва",
            withdrawal_procedure="письменное заявление на имя руководителя",
            text_version="demo",
            text_snapshot="Демонстрационное согласие",
            form=PersonalDataConsent.Form.PORTAL,
            signed_on=date(2026, 9, 1),
        )
    return person


def _sign(order: Order, ctx) -> Order:
    order_send_for_signature(order=order, user=ctx["user_curator"])
    return order_sign(order=order, director=ctx["user_director"])


def seed(ctx) -> None:
    school = ctx["school"]
    curator_user, director_user = ctx["user_curator"], ctx["user_director"]
    curator = _person(ctx, school, "Соловьёва", "Елена", "Петровна", "f", "Заместитель директора", "curator")
    mentor = _person(ctx, school, "Морозова", "Татьяна", "Сергеевна", "f", "Учитель", "mentor")
    council = _person(ctx, school, "Григорьева", "Марина", "Александровна", "f", "Учитель", "council")
    chernykh = _person(ctx, school, "Черных", "Ольга", "Ивановна", "f", "Учитель")
    orders = Order.objects.filter(organization=school)

    regulation = orders.filter(kind=Order.Kind.REGULATION, title=REGULATION_TITLE).first()
    if regulation is None:
        regulation = order_create(
            organization=school,
            kind=Order.Kind.REGULATION,
            title=REGULATION_TITLE,
            preamble=(
                "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской "
                "Федерации», распоряжением Министерства просвещения Российской Федерации от 25.12.2019 "
                "№ Р-145 «Об утверждении методологии (целевой модели) наставничества обучающихся», "
                "письмом Минпросвещения России и Профессионального союза работников народного образования "
                "и науки Российской Федерации от 21.12.2021 № АЗ-1128/08, в целях развития системы "
                "наставничества педагогических работников"
            ),
            items=[
                "Утвердить Положение о системе наставничества педагогических работников "
                f"{school.short_name}.",
                "Утвердить дорожную карту (план мероприятий) по реализации Положения о системе "
                "наставничества на 2026/2027 учебный год (приложение № 1).",
                f"{curator.name_dative} ознакомить педагогических работников с Положением о системе "
                "наставничества в срок до 15.09.2026.",
                "Разместить Положение и дорожную карту на официальном сайте организации в разделе "
                "«Наставничество» в срок до 20.09.2026.",
            ],
            participants=[(curator, "куратор"), (mentor, "наставник"), (council, "член совета наставников")],
            created_by=curator_user,
            annexes=[
                {
                    "title": "Дорожная карта реализации системы наставничества на 2026/2027 учебный год",
                    "columns": ["Мероприятие", "Срок", "Ответственный"],
                    "rows": [
                        ["Формирование банка наставников и наставляемых", "до 20.09.2026", "Соловьёва Е. П."],
                        [
                            "Закрепление наставнических пар (групп) приказом",
                            "до 01.10.2026",
                            "Кузнецова Н. В.",
                        ],
                        [
                            "Разработка персонализированных программ наставничества",
                            "до 10.10.2026",
                            "наставники",
                        ],
                        ["Промежуточный мониторинг реализации программ", "январь 2027", "Соловьёва Е. П."],
                        [
                            "Итоговая конференция «Наставничество: опыт и практики»",
                            "май 2027",
                            "Григорьева М. А.",
                        ],
                    ],
                }
            ],
        )
        regulation = _sign(regulation, ctx)

    if not orders.filter(kind=Order.Kind.CURATOR, title=CURATOR_TITLE).exists():
        order = order_create(
            organization=school,
            kind=Order.Kind.CURATOR,
            title=CURATOR_TITLE,
            preamble=(
                f"В соответствии с Положением о системе наставничества педагогических работников "
                f"{school.short_name}, в целях организации наставнической деятельности "
                "в 2026/2027 учебном году"
            ),
            items=[
                f"Назначить {curator.name_accusative}, заместителя директора, куратором реализации программ "
                "наставничества на 2026/2027 учебный год.",
                f"{curator.name_dative} обеспечить формирование банков наставников и наставляемых, "
                "подготовку проектов приказов о закреплении наставнических пар (групп) и мониторинг "
                "реализации программ наставничества.",
            ],
            participants=[(curator, "куратор")],
            created_by=curator_user,
        )
        _sign(order, ctx)

    if not orders.filter(kind=Order.Kind.AMEND, title=AMEND_TITLE).exists():
        order = order_create(
            organization=school,
            kind=Order.Kind.AMEND,
            title=AMEND_TITLE,
            preamble="В связи с переносом сроков итоговой конференции по решению методического совета "
            "(протокол от 20.11.2026 № 3)",
            items=[
                f"Внести изменение в дорожную карту, утверждённую приказом от {regulation.date:%d.%m.%Y} "
                f"№ {regulation.number}, изложив пункт 5 приложения № 1 в новой редакции: «Итоговая "
                "конференция „Наставничество: опыт и практики“ — апрель 2027 г., ответственный — "
                f"{council.short_name}».",
                f"{chernykh.name_dative} подготовить выставку методических материалов наставнических пар "
                "к итоговой конференции.",
            ],
            participants=[(council, "член совета наставников"), (chernykh, "наставник")],
            created_by=curator_user,
            amends=regulation,
        )
        order_send_for_signature(order=order, user=curator_user)
    _ = director_user
