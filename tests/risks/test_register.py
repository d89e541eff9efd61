"""The register's workflow through its services: entered or taken from a detected risk, open → in work →
closed with a result; every other move and every bad input refused in Russian, nothing half-saved."""

from datetime import date, timedelta

import pytest

from apps.core.exceptions import DomainError
from apps.programs.selectors import today
from apps.risks import services
from apps.risks.catalogue import RiskKind, measures_text
from apps.risks.models import RiskEntry

pytestmark = pytest.mark.django_db


def entry(cast, year, **overrides) -> RiskEntry:
    data = {
        "organization": cast.school,
        "year": year,
        "kind": RiskKind.LOAD,
        "description": "Два наставника ведут по три наставляемых.",
        "measure": measures_text(RiskKind.LOAD),
        "owner": cast.curator,
        "due_on": today() + timedelta(days=10),
        "user": cast.curator,
    }
    data.update(overrides)
    return services.entry_create(**data)


def test_an_entry_goes_open_in_work_closed_with_its_result(cast, year):
    e = entry(cast, year)
    assert e.status == RiskEntry.Status.OPEN and e.source == RiskEntry.Source.CURATOR
    e = services.entry_start(entry=e, user=cast.curator)
    assert e.status == RiskEntry.Status.IN_WORK
    e = services.entry_close(entry=e, result="Нагрузка перераспределена.", user=cast.curator)
    e.refresh_from_db()
    assert (e.status, e.result, e.closed_on) == (
        RiskEntry.Status.CLOSED,
        "Нагрузка перераспределена.",
        today(),
    )


def test_closing_without_a_result_is_refused(cast, year):
    e = services.entry_start(entry=entry(cast, year), user=cast.curator)
    with pytest.raises(DomainError, match="результат") as error:
        services.entry_close(entry=e, result="   ", user=cast.curator)
    assert error.value.field == "result"
    e.refresh_from_db()
    assert e.status == RiskEntry.Status.IN_WORK


def test_an_open_risk_is_not_closed_before_it_is_worked_on(cast, year):
    e = entry(cast, year)
    with pytest.raises(DomainError, match="принимаются меры"):
        services.entry_close(entry=e, result="Сделано", user=cast.curator)


def test_a_risk_in_work_is_not_taken_in_work_again(cast, year):
    e = services.entry_start(entry=entry(cast, year), user=cast.curator)
    with pytest.raises(DomainError):
        services.entry_start(entry=e, user=cast.curator)


def test_a_closed_risk_changes_no_more(cast, year):
    e = services.entry_start(entry=entry(cast, year), user=cast.curator)
    e = services.entry_close(entry=e, result="Сделано", user=cast.curator)
    with pytest.raises(DomainError):
        services.entry_start(entry=e, user=cast.curator)
    with pytest.raises(DomainError, match="не изменяется"):
        services.entry_update(entry=e, data={"measure": "Другое"}, user=cast.curator)


def test_the_database_refuses_a_closed_entry_without_result(cast, year):
    from django.db import IntegrityError, transaction

    e = entry(cast, year)
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskEntry.objects.filter(pk=e.pk).update(status=RiskEntry.Status.CLOSED, closed_on=today())


def test_an_owner_from_another_school_is_refused(cast, year):
    with pytest.raises(DomainError, match="работник организации") as error:
        entry(cast, year, owner=cast.other_curator)
    assert error.value.field == "owner"
    assert not RiskEntry.objects.exists()


def test_a_due_date_in_the_past_is_refused(cast, year):
    with pytest.raises(DomainError, match="Срок") as error:
        entry(cast, year, due_on=today() - timedelta(days=1))
    assert error.value.field == "due_on"


def test_an_empty_description_is_refused(cast, year):
    with pytest.raises(DomainError) as error:
        entry(cast, year, description="  ")
    assert error.value.field == "description"


def test_an_overdue_entry_keeps_its_date_when_other_fields_change(cast, year):
    e = entry(cast, year, due_on=date(2026, 10, 10), on=date(2026, 10, 1))
    e = services.entry_update(entry=e, data={"owner": cast.director}, user=cast.curator)
    assert e.owner == cast.director and e.due_on == date(2026, 10, 10)
    with pytest.raises(DomainError):
        services.entry_update(entry=e, data={"due_on": date(2026, 10, 11)}, user=cast.curator)


def test_a_detected_risk_goes_into_the_register_prefilled(cast, year):
    # No roadmap of the year: risk 6 is detected.
    e = services.entry_register_detected(
        organization=cast.school, year=year, kind=RiskKind.CONTOURS, user=cast.curator
    )
    assert e.source == RiskEntry.Source.DETECTED
    assert e.description == "Дорожная карта внедрения на 2026/2027 учебный год не составлена."
    assert e.measure == measures_text(RiskKind.CONTOURS)
    assert e.owner == cast.curator and e.due_on == today() + timedelta(days=services.DEFAULT_DUE_DAYS)


def test_a_detected_risk_goes_into_the_register_once_while_open(cast, year):
    kwargs = {"organization": cast.school, "year": year, "kind": RiskKind.CONTOURS, "user": cast.curator}
    services.entry_register_detected(**kwargs)
    with pytest.raises(DomainError, match="уже есть в реестре"):
        services.entry_register_detected(**kwargs)
    assert RiskEntry.objects.count() == 1


def test_a_risk_the_data_does_not_show_is_not_registered_as_detected(cast, year):
    with pytest.raises(DomainError, match="не выявляется"):
        services.entry_register_detected(
            organization=cast.school, year=year, kind=RiskKind.FORMALISM, user=cast.curator
        )
    assert not RiskEntry.objects.exists()


def test_a_detected_entry_keeps_its_risk(cast, year):
    e = services.entry_register_detected(
        organization=cast.school, year=year, kind=RiskKind.CONTOURS, user=cast.curator
    )
    with pytest.raises(DomainError, match="вид не меняется"):
        services.entry_update(entry=e, data={"kind": RiskKind.LOAD}, user=cast.curator)


def test_every_change_is_in_the_history(cast, year):
    from apps.audit.selectors import object_history

    e = services.entry_start(entry=entry(cast, year), user=cast.curator)
    services.entry_close(entry=e, result="Сделано", user=cast.curator)
    assert [h.label for h in object_history(e)] == ["изменение", "изменение", "создание"]
