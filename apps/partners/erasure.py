"""Destruction after a withdrawal (152-ФЗ art. 21 p. 5), registered on ``apps.staff.hooks.erasers``: the
record that the person works at a partner organisation (and their position there) is deleted; the
agreement itself is between organisations and stays."""

from apps.staff.hooks import Erasure

from .models import PartnerPerson


def erase(*, person, user) -> Erasure:
    deleted, _ = PartnerPerson.objects.filter(person=person).delete()
    return Erasure.counted({"partner": "сведения о работе в организации-партнёре"}, {"partner": deleted})
