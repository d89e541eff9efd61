"""The roadmap workflow's table (Roadmap.TRANSITIONS) is what the services enforce: from every status,
each move the table has succeeds and every other is refused with its Russian message."""

import pytest

from apps.core.exceptions import DomainError
from apps.territory import services
from apps.territory.models import Roadmap
from tests.factories import territory as tf

pytestmark = pytest.mark.django_db

S = Roadmap.Status


def _approve(roadmap, cast):
    for remark in roadmap.remarks.filter(answer=""):
        services.remark_answer(remark=remark, answer="Исправлено", user=cast.curator)
    return services.roadmap_approve(roadmap=roadmap, director=cast.director)


# One service per arrow, by the status it moves to; and the message it refuses with. DRAFT is only
# the start: no service moves back to it.
MOVES = {
    S.APPROVED: (_approve, "Утвердить можно только проект или возвращённую с замечаниями дорожную карту."),
    S.AGREED: (
        lambda roadmap, cast: services.roadmap_agree(roadmap=roadmap, coordinator=cast.municipal),
        "Согласовать можно только дорожную карту, утверждённую руководителем.",
    ),
    S.RETURNED: (
        lambda roadmap, cast: services.roadmap_return(
            roadmap=roadmap, coordinator=cast.municipal, remarks="Уточните сроки этапа 4"
        ),
        "Вернуть можно только дорожную карту, утверждённую руководителем.",
    ),
}


def _reach(status, cast, year) -> Roadmap:
    """A roadmap in ``status``, through the services."""
    roadmap = tf.roadmap(cast.school, year, cast.curator)
    if status == S.DRAFT:
        return roadmap
    roadmap = services.roadmap_approve(roadmap=roadmap, director=cast.director)
    if status == S.AGREED:
        return services.roadmap_agree(roadmap=roadmap, coordinator=cast.municipal)
    if status == S.RETURNED:
        return MOVES[S.RETURNED][0](roadmap, cast)
    return roadmap


def test_nothing_moves_back_to_a_draft():
    assert not any(target == S.DRAFT for _, target in Roadmap.moves())
    assert set(MOVES) == set(S.values) - {S.DRAFT}


@pytest.mark.parametrize("source", S.values)
@pytest.mark.parametrize("target", sorted(MOVES))
def test_roadmap_services_enforce_the_transition_table(cast, year, source, target):
    roadmap = _reach(source, cast, year)
    assert roadmap.status == source
    move, message = MOVES[target]
    if (source, target) in Roadmap.moves():
        assert move(roadmap, cast).status == target
    else:
        with pytest.raises(DomainError) as error:
            move(roadmap, cast)
        assert error.value.message == message
        roadmap.refresh_from_db()
        assert roadmap.status == source
