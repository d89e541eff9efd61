"""Two curators at the same moment: the mentor's row lock keeps the limit."""

import threading

import pytest
from django.db import connection

from apps.core.exceptions import DomainError
from apps.pairs import services
from apps.pairs.models import MentoringGroup
from tests.factories import pairs as f


# serialized_rollback: a plain flush afterwards would recreate content types under new ids and break
# the next transactional test's restore of the reference data.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_curators_cannot_both_take_the_mentors_last_place(cast, year):
    school = cast.school
    mentor = f.mentor_entry(school, year, max_mentees=1)
    drafts = [
        services.group_create(**f.group_kwargs(school, year, mentor, [f.mentee_entry(school, year)]))
        for _ in range(2)
    ]
    barrier = threading.Barrier(2)
    results = []

    def submit(group):
        try:
            barrier.wait()
            services.groups_submit_to_order(groups=[group], user=cast.curator)
            results.append("ok")
        except DomainError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(g,)) for g in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused"]
    assert MentoringGroup.objects.filter(status=MentoringGroup.Status.AWAITING_ORDER).count() == 1
