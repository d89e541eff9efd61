"""Destruction after a withdrawal reaches every part of the portal (152-ФЗ art. 21 p. 5): one object of
each category for a mentee; after the destruction none is left (or its text is depersonalised), the
files are gone from the storage, the act counts each category and names what was kept and why, and the
signed order is untouched."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from apps.monitoring.models import Assessment, Campaign, ObservationProtocol, SurveyAssignment
from apps.notifications.models import Notification
from apps.orders.models import Order, OrderParticipant
from apps.pairs.models import DutyConsent
from apps.programs.models import ActivityLog, EvidenceFile, ProgramComment, RoadmapEvent
from apps.staff import services
from apps.staff.models import DestructionAct, DisclosureConsent, PersonalDataConsent
from apps.territory.models import Award, Route, RouteAction, RouteNote
from tests.factories import monitoring as mf
from tests.factories import pairs as f
from tests.factories import programs as pf
from tests.factories import territory as tf

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast, year):
    """The mentee Васильев in an active pair with a program, and one object of every category."""
    school = cast.school
    mentor = f.mentor_entry(
        school, year, last_name="Морозова", first_name="Татьяна", patronymic="Сергеевна", user=cast.mentor
    )
    mentee = f.mentee_entry(
        school, year, last_name="Васильев", first_name="Артём", patronymic="Дмитриевич", user=cast.mentee
    )
    person = mentee.person
    group = pf.active_group(school, year, mentor, [mentee], curator=cast.curator, director=cast.director)
    program = pf.draft_program(group, cast.mentor)
    event = RoadmapEvent.objects.create(
        program=program,
        title="Посещение урока",
        form="lesson_visit",
        start=date(2026, 10, 5),
        responsible="mentee",
        responsible_person=person,
        reflection="Я волновался, класс был шумный",
    )
    activity = ActivityLog.objects.create(
        program=program,
        date=date(2026, 10, 6),
        minutes=45,
        kind="meeting",
        notes="Разобрали урок Васильева А. Д.; Васильев Артём Дмитриевич согласен переделать карту",
        created_by=cast.mentor,
    )
    evidence = EvidenceFile(
        program=program, activity=activity, name="карта.pdf", size=9, content_type="application/pdf"
    )
    evidence.uploaded_by = cast.mentee
    evidence.file.save("x", ContentFile(b"%PDF-1.4 x"), save=True)
    ProgramComment.objects.create(program=program, author=cast.mentee, kind="private", text="Мне трудно")
    Assessment.objects.create(
        program=program, mentee=person, stage="start", rater="self", area="methodical", score=3, score5=3
    )
    ObservationProtocol.objects.create(
        program=program,
        mentee=person,
        stage="start",
        observer=cast.curator,
        observer_role="curator",
        visited_on=date(2026, 10, 7),
        lesson="7 класс, история",
    )
    campaign = Campaign.objects.create(
        organization=school,
        template=mf.builtin("mentee_satisfaction"),
        title="Опрос",
        created_by=cast.curator,
    )
    SurveyAssignment.objects.create(
        campaign=campaign,
        program=program,
        person=person,
        role="mentee",
        opens_on=date(2026, 10, 1),
        due_on=date(2026, 10, 20),
    )
    tf.consent(person, user=cast.curator)
    route = Route.objects.create(
        organization=school,
        person=person,
        tutor_name="Иванова И. И.",
        start_year=2026,
        end_year=2030,
        created_by=cast.curator,
    )
    RouteNote.objects.create(route=route, step=1, text="Хочу освоить проектную методику", author=cast.mentee)
    RouteAction.objects.create(route=route, kind="course", title="Курсы ДПО", deadline=date(2027, 3, 1))
    Notification.objects.create(
        user=cast.mentee, kind="event_due", text="Васильев А. Д.: срок мероприятия", key="event-1"
    )
    Award.objects.create(
        organization=school,
        person=person,
        kind="letter",
        reason="За активное участие",
        date=date(2026, 11, 1),
        year=2026,
        number=1,
        signer_position="Директор",
        signer_name="И. И. Директоров",
        issued_by=cast.director,
    )
    consent = PersonalDataConsent.objects.get(person=person)
    consent = services.consent_withdraw(
        consent=consent, withdrawn_by=None, withdrawn_on=timezone.localdate() - timedelta(days=10)
    )
    return type(
        "World",
        (),
        {"person": person, "consent": consent, "event": event, "activity": activity, "group": group},
    )


def test_destruction_leaves_nothing_of_any_category(world, cast, django_capture_on_commit_callbacks):
    person = world.person
    files = list(DutyConsent.objects.filter(person=person).values_list("scan", flat=True))
    files += list(EvidenceFile.objects.values_list("file", flat=True))
    assert len(files) == 2 and all(default_storage.exists(name) for name in files)
    order = Order.objects.get(status=Order.Status.SIGNED)
    signed_before = list(OrderParticipant.objects.filter(order=order).values().order_by("pk"))
    order_before = Order.objects.filter(pk=order.pk).values().get()

    with django_capture_on_commit_callbacks(execute=True):
        act = services.personal_data_destroy(consent=world.consent, today=timezone.localdate())

    assert not DutyConsent.objects.filter(person=person).exists()
    world.event.refresh_from_db()
    assert world.event.reflection == ""
    world.activity.refresh_from_db()
    assert "Васильев" not in world.activity.notes and "[ФИО удалено]" in world.activity.notes
    assert "переделать карту" in world.activity.notes
    assert not EvidenceFile.objects.exists()
    assert not ProgramComment.objects.filter(author=cast.mentee).exists()
    assert not Assessment.objects.filter(mentee=person).exists()
    assert not ObservationProtocol.objects.filter(mentee=person).exists()
    assert not SurveyAssignment.objects.filter(person=person).exists()
    assert not DisclosureConsent.objects.filter(person=person).exists()
    assert not Route.objects.filter(person=person).exists()
    assert not RouteNote.objects.exists() and not RouteAction.objects.exists()
    assert not Notification.objects.filter(user=cast.mentee).exists()
    assert not any(default_storage.exists(name) for name in files)

    # Kept: the award (a registered document signed by the director) and the signed order.
    assert Award.objects.filter(person=person).exists()
    assert list(OrderParticipant.objects.filter(order=order).values().order_by("pk")) == signed_before
    assert Order.objects.filter(pk=order.pk).values().get() == order_before

    act = DestructionAct.objects.get(pk=act.pk)
    for words in (
        "согласия на возложение дополнительных обязанностей: 1",
        "сканы согласий на дополнительные обязанности (файлы): 1",
        "рефлексия наставляемого в программах: 1",
        "комментарии к программам, написанные субъектом: 1",
        "файлы-подтверждения, загруженные субъектом: 1",
        "записи журнала работы, где упомянуто ФИО (обезличены): 1",
        "оценки (мониторинг): 1",
        "протоколы наблюдения уроков: 1",
        "назначения анкет (сами ответы анонимны и сохранены): 1",
        "согласия на распространение и передачу персональных данных: 1",
        "индивидуальные образовательные маршруты (ИОМ) с записями и действиями: 1",
        "уведомления субъекту: 1",
    ):
        assert words in act.data_list
    assert "Сохранены (другой закон требует хранить)" in act.data_list
    assert "подписанные приказы" in act.data_list and "не изменяются — 1" in act.data_list
    assert "поощрения" in act.data_list
    assert "обезличивание" in act.method and "файлов-подтверждений" in act.method


def test_a_rolled_back_destruction_deletes_no_file(world, django_capture_on_commit_callbacks):
    """The files go only when the transaction commits: a failure after the erasure leaves them."""
    files = list(DutyConsent.objects.filter(person=world.person).values_list("scan", flat=True))
    files += list(EvidenceFile.objects.values_list("file", flat=True))
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.personal_data_destroy(consent=world.consent, today=timezone.localdate())
        raise RuntimeError("fault after the erasure")
    assert all(default_storage.exists(name) for name in files)
    assert DutyConsent.objects.filter(person=world.person).exists() and EvidenceFile.objects.exists()


def test_destruction_of_a_person_with_nothing_elsewhere_says_so(cast, year):
    person = f.person(cast.school, last_name="Одинокова")
    consent = services.consent_withdraw(
        consent=PersonalDataConsent.objects.get(person=person),
        withdrawn_by=None,
        withdrawn_on=timezone.localdate() - timedelta(days=10),
    )
    act = services.personal_data_destroy(consent=consent, today=timezone.localdate())
    assert "других записей не было" in act.data_list
    assert "Сохранены (другой закон" not in act.data_list


def test_a_group_reflection_of_another_mentee_stays(world, cast, year):
    """In a group, only the reflections the person wrote (events they are responsible for) go."""
    other = f.mentee_entry(cast.school, year, last_name="Соколова", first_name="Анна", patronymic="Ивановна")
    program = world.event.program
    from apps.pairs.models import GroupMember

    GroupMember.objects.create(
        group=world.group, mentee=other, mentee_person=other.person, mentor_person=world.group.mentor.person
    )
    theirs = RoadmapEvent.objects.create(
        program=program,
        title="Семинар",
        form="seminar",
        start=date(2026, 10, 8),
        responsible="mentee",
        responsible_person=other.person,
        reflection="Мне понравилось",
    )
    services.personal_data_destroy(consent=world.consent, today=timezone.localdate())
    world.event.refresh_from_db()
    theirs.refresh_from_db()
    assert world.event.reflection == "" and theirs.reflection == "Мне понравилось"


def test_the_act_lists_the_registry_then_each_app_in_its_order(world):
    """The categories come from each app's eraser (``apps.staff.hooks.erasers``), in the order of the
    apps: the registry's disclosure consents first, then pairs, programs, monitoring, territory,
    notifications; kept: the signed orders, then the awards."""
    act = services.personal_data_destroy(consent=world.consent, today=timezone.localdate())
    lines = act.data_list.split("\n")
    also = lines[1].removeprefix("Уничтожено также: ").removesuffix(".").split("; ")
    assert [item.rsplit(":", 1)[0] for item in also] == [
        "согласия на распространение и передачу персональных данных",
        "согласия на возложение дополнительных обязанностей",
        "сканы согласий на дополнительные обязанности (файлы)",
        "рефлексия наставляемого в программах",
        "комментарии к программам, написанные субъектом",
        "файлы-подтверждения, загруженные субъектом",
        "записи журнала работы, где упомянуто ФИО (обезличены)",
        "оценки (мониторинг)",
        "протоколы наблюдения уроков",
        "назначения анкет (сами ответы анонимны и сохранены)",
        "индивидуальные образовательные маршруты (ИОМ) с записями и действиями",
        "уведомления субъекту",
    ]
    kept = lines[2].removeprefix("Сохранены (другой закон требует хранить): ")
    assert kept.index("подписанные приказы") < kept.index("поощрения")
