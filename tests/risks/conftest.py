"""Risk register test data: a school's approved program (``trio``) and its roadmap events."""

from datetime import date

import pytest

from apps.programs import services as program_services
from apps.programs.models import EventForm, Responsible
from tests.factories import monitoring as mf


@pytest.fixture
def trio(cast, year):
    """cast.mentor with three mentees (limit 3) in an approved program from 1 October 2026."""
    return mf.trio(cast, year)


def add_event(program, user, *, start: date, responsible=Responsible.MENTOR, title="Консультация"):
    return program_services.event_save(
        program=program,
        user=user,
        data={
            "title": title,
            "form": EventForm.CONSULTATION,
            "start": start,
            "end": None,
            "responsible": responsible,
        },
    )
