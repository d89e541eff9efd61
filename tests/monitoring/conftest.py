import pytest

from tests.factories import monitoring as mf


@pytest.fixture
def trio(cast, year):
    program, users, mentees = mf.trio(cast, year)
    return type("Trio", (), {"program": program, "users": users, "mentees": mentees})
