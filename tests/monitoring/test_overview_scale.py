"""The coordinators' monitoring overview at ten times the region (issue 18): 25 organisations a page,
their figures computed in SQL for the page alone and equal to those computed for the whole scope;
the municipalities' and the region's figures kept small (names and numbers, no model instances)."""

import pickle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.monitoring import selectors, services
from apps.monitoring.selectors.outcomes import outcome_figures, outcome_figures_by, outcome_overview
from apps.organizations.models import Organization
from tests.factories.organizations import OrganizationFactory
from tests.monitoring.test_outcomes import other_pair, results

pytestmark = pytest.mark.django_db

URL = reverse("monitoring:overview")


def _schools(municipality, n: int) -> None:
    for i in range(n):
        OrganizationFactory(municipality=municipality, short_name=f"МБОУ Школа № {100 + i}")


def test_the_overview_shows_25_organisations_a_page(client_for, cast, trio):
    _schools(cast.school.municipality, 30)  # 33 in the region with the fixtures' three
    region = cast.school.municipality.region
    names = list(
        Organization.objects.filter(municipality__region=region).values_list("short_name", flat=True)
    )
    client = client_for("regional")
    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": 2}).content.decode()
    assert "Показаны 1–25 из 33" in first and "Показаны 26–33 из 33" in second
    on_first = {n for n in names if f"<td>{n}<div" in first}
    on_second = {n for n in names if f"<td>{n}<div" in second}
    assert len(on_first) == 25 and len(on_second) == 8 and on_first | on_second == set(names)


def test_the_overview_runs_the_same_queries_for_a_larger_region(client_for, cast, trio):
    client = client_for("regional")
    client.get(URL)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    _schools(cast.school.municipality, 40)
    with CaptureQueriesContext(connection) as large:
        assert client.get(URL).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def _level_data(cast, year, trio):
    for stage, scores in (("start", {"ict": 2, "methodical": 3}), ("end", {"ict": 5})):
        services.assessment_record(
            program=trio.program,
            mentee=trio.mentees[0].person,
            stage=stage,
            rater="curator",
            scores=scores,
            user=cast.curator,
        )
    results(trio, 0, "start", passed_share=60, quality_share=30)
    results(trio, 0, "end", passed_share="80,5", quality_share=45)
    results(trio, 1, "end", passed_share=90)
    other_pair(cast, year)


def test_a_page_has_the_figures_of_the_whole_scope(cast, year, trio):
    """The figures of an organisation do not depend on the others on the page."""
    _level_data(cast, year, trio)
    everything = Organization.objects.order_by("pk")
    whole = {r["organization"].pk: r for r in selectors.overview_rows(organizations=everything, year=year)}
    for organization in everything:
        (alone,) = selectors.overview_rows(organizations=[organization], year=year)
        assert alone == whole[organization.pk]
    school = whole[cast.school.pk]
    assert school["level2"] == 3.0 and school["programs"] == 2
    empty = whole[cast.far_school.pk]  # no programs, no answers: «нет данных» (None), zero counts
    assert (empty["programs"], empty["responses"], empty["satisfaction"]) == (0, 0, None)
    assert (empty["level2"], empty["level3"], empty["retention"]) == (None, None, None)


def test_figures_by_organisation_equal_each_organisation_alone(cast, year, trio):
    """The rows of one round trip, grouped by organisation in one pass, give each organisation the
    figures ``outcome_figures`` computes for it alone (shares with zero denominators: None)."""
    _level_data(cast, year, trio)
    everything = Organization.objects.all()
    by_org = outcome_figures_by(everything, year, "organization")
    for organization in everything:
        alone = outcome_figures([organization], year)
        if organization.pk in by_org:
            assert by_org[organization.pk] == alone
        else:  # nothing at all: every count zero, every share and mean «нет данных»
            assert not any(alone[k] for k in ("results_mentees", "teachers", "mentees_total"))
            assert alone["involved_share"] is None and alone["passed_share_start"] is None
    assert by_org[cast.school.pk]["results_mentees"] == 2
    by_municipality = outcome_figures_by(everything, year, "municipality")
    assert by_municipality[cast.school.municipality_id] == outcome_figures(
        Organization.objects.filter(municipality=cast.school.municipality), year
    )


def test_the_territories_figures_are_kept_small_and_read_once(settings, cast, year, trio):
    settings.CACHES = {
        **settings.CACHES,
        "aggregates": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t18"},
    }
    _level_data(cast, year, trio)
    from django.core.cache import caches

    caches["aggregates"].clear()
    first = outcome_overview(user=cast.regional, year=year, organizations=[cast.school.pk])
    with CaptureQueriesContext(connection) as again:
        second = outcome_overview(user=cast.regional, year=year, organizations=[cast.school.pk])
    assert second == first
    assert len(again.captured_queries) == 1  # the page's organisations only; the territories kept
    assert first["regions"][0][1]["results_mentees"] == 2
    kept = pickle.dumps({k: first[k] for k in ("municipalities", "regions")})
    assert b"django.db.models" not in kept and b"apps.organizations" not in kept
    assert len(kept) < 20_000
    caches["aggregates"].clear()


def test_members_and_involved_teachers_equal_a_count_of_the_rows(cast, year, trio):
    """The members are looked up by the ids of the organisations' groups (issue 18): the same people as a
    count of the rows, for an organisation, its municipality and the region."""
    from apps.pairs.models import GroupMember, MentoringGroup
    from apps.staff.models import Person

    _level_data(cast, year, trio)
    assert MentoringGroup.objects.filter(organization=cast.school, year=year).count() == 2
    working = [MentoringGroup.Status.ACTIVE, MentoringGroup.Status.ENDED]

    def expected(organizations) -> dict:
        members = GroupMember.objects.filter(
            group__organization__in=organizations, group__year=year, group__status__in=working
        )
        mentees = {m.mentee_person_id for m in members}
        mentors = {m.mentor_person_id for m in members}
        teachers = {
            p.pk
            for p in Person.objects.filter(organization__in=organizations, is_external=False)
            if (p.hire_date is None or p.hire_date <= year.ends_on)
            and (p.left_on is None or p.left_on >= year.starts_on)
        }
        return {
            "mentees_total": len(mentees),
            "mentors_total": len(mentors),
            "involved": len(teachers & (mentees | mentors)),
        }

    everything = Organization.objects.order_by("pk")
    by_organization = outcome_figures_by(everything, year, "organization")
    for organization in everything:
        figures = by_organization.get(organization.pk, {})
        assert {k: figures.get(k, 0) for k in ("mentees_total", "mentors_total", "involved")} == expected(
            [organization]
        ), organization
    whole = outcome_figures(everything, year)
    assert {k: whole[k] for k in ("mentees_total", "mentors_total", "involved")} == expected(everything)
    assert whole["involved"] >= 4  # the trio's mentor and three mentees at least
