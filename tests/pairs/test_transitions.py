"""The pair workflow's table (MentoringGroup.TRANSITIONS) is what the pairs services enforce: from
every status, each move the table has succeeds and every other is refused with its Russian message.
(A pair becomes active and ends only by a signed order: see test_orders.)"""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.core.exceptions import DomainError
from apps.orders.services import order_send_for_signature, order_sign
from apps.pairs import services
from apps.pairs.models import MentorChange, MentoringGroup
from apps.pairs.selectors import participants

pytestmark = pytest.mark.django_db

S = MentoringGroup.Status


def _sign(order, director):
    order_send_for_signature(order=order, user=director)
    return order_sign(order=order, director=director)


def _submit(group, cast):
    services.groups_submit_to_order(groups=[group], user=cast.curator)
    return MentoringGroup.objects.get(pk=group.pk)


def _return(group, cast):
    # Only the table decides here: the draft order that named the pair is gone.
    MentoringGroup.objects.filter(pk=group.pk).update(assigned_order=None)
    return services.group_return_to_draft(group=group)


def _reach(status, group, bank, cast) -> MentoringGroup:
    """A pair in ``status``, through the services and signed orders."""
    if status == S.DRAFT:
        return group
    for person in participants(group):
        services.duty_consent_upload(
            group=group,
            person=person,
            signed_on=date(2026, 9, 2),
            scan=SimpleUploadedFile("consent.pdf", b"%PDF-1.4 scan", content_type="application/pdf"),
            user=cast.curator,
        )
    order = services.groups_submit_to_order(groups=[group], user=cast.curator)
    if status != S.AWAITING_ORDER:
        _sign(order, cast.director)
    if status == S.ENDED:
        release = services.mentor_release_request(
            mentor=bank.mentor,
            ground=MentorChange.Ground.MENTOR_APPLICATION,
            document_date=date(2026, 11, 27),
            user=cast.curator,
        )
        _sign(release, cast.director)
    return MentoringGroup.objects.get(pk=group.pk)


# The pairs services' arrows, by the status they move to; and the message each refuses with.
MOVES = {
    S.AWAITING_ORDER: (_submit, "{group} уже не в статусе «проект»."),
    S.DRAFT: (_return, "Вернуть в проекты можно только пару, проект приказа о которой удалён."),
}


@pytest.mark.parametrize("source", S.values)
@pytest.mark.parametrize("target", sorted(MOVES))
def test_pair_services_enforce_the_transition_table(draft_pair, bank, cast, source, target):
    group = _reach(source, draft_pair, bank, cast)
    assert group.status == source
    move, message = MOVES[target]
    if (source, target) in MentoringGroup.moves():
        assert move(group, cast).status == target
    else:
        with pytest.raises(DomainError) as error:
            move(group, cast)
        assert error.value.message == message.format(group=group)
        group.refresh_from_db()
        assert group.status == source
