"""The permission to import the registry from Excel is declared with the other staff permissions
(rules.py), not by the import module on being imported: it holds wherever it is asked."""

import pytest
import rules

pytestmark = pytest.mark.django_db

WHO_MAY_IMPORT = {
    "director": True,
    "curator": True,
    "council": False,
    "psychologist": False,
    "mentor": False,
    "admin": False,
    "other_curator": False,
    "other_director": False,
    "municipal": False,
}


def test_the_permission_is_declared_by_the_staff_rules():
    import apps.staff.rules  # noqa: F401  (what rules' autodiscovery loads at start)

    assert rules.perm_exists("staff.import_people")


@pytest.mark.parametrize(("name", "allowed"), WHO_MAY_IMPORT.items())
def test_only_the_schools_curator_and_director_may_import(cast, name, allowed):
    assert getattr(cast, name).has_perm("staff.import_people", cast.school) is allowed
