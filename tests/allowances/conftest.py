"""Pairs of МБОУ СОШ № 7 whose mentors draw the allowance, reached through the pairs and orders services;
their start and end are then moved into November 2026 (the services start a pair on the order's day, today)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.pairs import services as pair_services
from apps.pairs.models import GroupMember, MentoringGroup
from apps.pairs.selectors import participants
from apps.pairs.services.allowance import group_set_allowance
from tests.factories import pairs as f
from tests.factories import programs as pf

NOVEMBER = (2026, 11)


def make_pair(
    cast, year, *, mentees=1, amount=None, share=None, started=None, ended=None, mentor_name="Морозова"
):
    school = cast.school
    mentor = f.mentor_entry(
        school, year, last_name=mentor_name, first_name="Татьяна", patronymic="Сергеевна", sex="f"
    )
    entries = [f.mentee_entry(school, year) for _ in range(mentees)]
    group = pair_services.group_create(
        **f.group_kwargs(school, year, mentor, entries), created_by=cast.curator
    )
    if amount or share:
        group_set_allowance(group=group, user=cast.curator, amount=amount, share=share)
    for person in participants(group):
        pair_services.duty_consent_upload(
            group=group,
            person=person,
            signed_on=date(2026, 9, 2),
            scan=SimpleUploadedFile("consent.pdf", b"%PDF-1.4 scan", content_type="application/pdf"),
            user=cast.curator,
        )
    pf.sign(pair_services.groups_submit_to_order(groups=[group], user=cast.curator), cast.director)
    # The past set directly: the services start a pair on the day its order is signed.
    changes = {"started_on": started or date(2026, 9, 1)}
    if ended:
        changes.update(status=MentoringGroup.Status.ENDED, ended_on=ended)
    MentoringGroup.objects.filter(pk=group.pk).update(**changes)
    GroupMember.objects.filter(group=group).update(joined_on=changes["started_on"])
    group.refresh_from_db()
    return group


@pytest.fixture
def pair_factory(cast, year):
    def make(**kwargs):
        return make_pair(cast, year, **kwargs)

    return make
