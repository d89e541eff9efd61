"""The basis moves draft → approved (director, with the password) → closed (accountant or director); who
may do each step and who may not; a closed basis never changes, in the services and in the database; a
correction names the basis it corrects."""

from datetime import date

import pytest
from django.db import IntegrityError, InternalError, ProgrammingError, transaction
from django.urls import reverse

from apps.allowances import services
from apps.allowances.models import AllowanceBasis, AllowanceLine
from apps.core.exceptions import DomainError

pytestmark = pytest.mark.django_db

DB_REFUSALS = (IntegrityError, InternalError, ProgrammingError)


@pytest.fixture
def draft(cast, pair_factory):
    pair_factory(amount=3000, started=date(2026, 11, 10))
    return services.basis_prepare(organization=cast.school, year=2026, month=11, user=cast.curator)


@pytest.fixture
def closed(cast, draft):
    basis = services.basis_approve(basis=draft, director=cast.director)
    return services.basis_close(basis=basis, user=cast.accountant)


def test_the_curator_prepares_the_month_through_the_page(client_for, cast, pair_factory):
    pair_factory(amount=3000, started=date(2026, 11, 10))
    response = client_for("curator").post(reverse("allowances:basis-prepare"), {"month": "2026-11"})
    basis = AllowanceBasis.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "allowances:basis-detail", args=[basis.pk]
    )
    assert (basis.organization, basis.year, basis.month, basis.status) == (cast.school, 2026, 11, "draft")
    assert basis.lines.get().active_days == 21


def test_a_second_basis_of_the_same_month_is_refused_at_the_field(client_for, draft):
    response = client_for("curator").post(reverse("allowances:basis-prepare"), {"month": "2026-11"})
    assert response.status_code == 200
    assert "уже подготовлено" in response.context["form"].errors["month"][0]
    assert AllowanceBasis.objects.count() == 1


def test_a_month_outside_the_list_is_refused_at_the_field(client_for, cast):
    response = client_for("curator").post(reverse("allowances:basis-prepare"), {"month": "2099-01"})
    assert response.status_code == 200 and response.context["form"].errors["month"]
    assert not AllowanceBasis.objects.exists()


def test_the_database_allows_one_basis_per_organisation_and_month(cast, draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        AllowanceBasis.objects.create(
            organization=cast.school,
            year=2026,
            month=11,
            prepared_by=cast.curator,
            prepared_at=draft.prepared_at,
        )


@pytest.mark.parametrize("role", ["director", "accountant", "mentor", "mentee", "municipal", "nobody"])
def test_only_the_curator_prepares(client_for, role):
    response = client_for(role).post(reverse("allowances:basis-prepare"), {"month": "2026-11"})
    assert response.status_code == 403
    assert not AllowanceBasis.objects.exists()


def test_the_curator_of_another_school_prepares_for_her_own_school_only(client_for, cast, pair_factory):
    pair_factory(amount=3000)
    client_for("other_curator").post(reverse("allowances:basis-prepare"), {"month": "2026-11"})
    basis = AllowanceBasis.objects.get()
    assert basis.organization == cast.other_school and not basis.lines.exists()


def test_the_director_approves_with_the_password_and_a_wrong_one_is_refused(client_for, cast, draft):
    cast.director.set_password("секрет-директора")
    cast.director.save()
    client = client_for("director")
    url = reverse("allowances:basis-approve", args=[draft.pk])
    response = client.post(url, {"password": "не тот"})
    assert response.status_code == 200 and response.context["form"].errors["password"]
    assert AllowanceBasis.objects.get().status == "draft"
    response = client.post(url, {"password": "секрет-директора"})
    basis = AllowanceBasis.objects.get()
    assert response.status_code == 302
    assert (basis.status, basis.approved_by, basis.approver_name) == (
        "approved",
        cast.director,
        "Н. В. Кузнецова",
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [("curator", 403), ("accountant", 403), ("mentor", 403), ("mentee", 403), ("other_director", 404)],
)
def test_nobody_but_the_director_approves(client_for, draft, role, expected):
    response = client_for(role).post(reverse("allowances:basis-approve", args=[draft.pk]), {"password": "x"})
    assert response.status_code == expected
    assert AllowanceBasis.objects.get().status == "draft"


def test_the_accountant_closes_an_approved_month_and_the_curator_may_not(client_for, cast, draft):
    services.basis_approve(basis=draft, director=cast.director)
    url = reverse("allowances:basis-close", args=[draft.pk])
    assert client_for("curator").post(url).status_code == 403
    assert client_for("mentor").post(url).status_code == 403
    assert client_for("other_curator").post(url).status_code == 404
    response = client_for("accountant").post(url)
    basis = AllowanceBasis.objects.get()
    assert response.status_code == 302 and (basis.status, basis.closed_by) == ("closed", cast.accountant)


def test_a_draft_cannot_be_closed_and_the_accountant_cannot_refresh(client_for, cast, draft):
    assert (
        client_for("accountant").post(reverse("allowances:basis-close", args=[draft.pk])).status_code == 403
    )
    assert (
        client_for("accountant").post(reverse("allowances:basis-refresh", args=[draft.pk])).status_code == 403
    )
    with pytest.raises(DomainError):
        services.basis_close(basis=draft, user=cast.accountant)


def test_the_curator_refreshes_a_draft_with_a_pair_started_since(client_for, cast, draft, pair_factory):
    pair_factory(amount=1500, started=date(2026, 11, 1), mentor_name="Ильина")
    response = client_for("curator").post(reverse("allowances:basis-refresh", args=[draft.pk]))
    assert response.status_code == 302
    assert draft.lines.count() == 2


def test_an_approved_basis_is_not_refreshed_and_its_lines_are_frozen_in_the_database(cast, draft):
    services.basis_approve(basis=draft, director=cast.director)
    with pytest.raises(DomainError):
        services.basis_refresh(basis=draft, user=cast.curator)
    with pytest.raises(DB_REFUSALS), transaction.atomic():
        AllowanceLine.objects.filter(basis=draft).update(active_days=30)
    with pytest.raises(DB_REFUSALS), transaction.atomic():
        AllowanceLine.objects.filter(basis=draft).delete()


def test_a_closed_basis_is_immutable_in_the_services_and_in_the_database(cast, closed):
    with pytest.raises(DomainError):
        services.basis_refresh(basis=closed, user=cast.curator)
    with pytest.raises(DomainError):
        services.basis_approve(basis=closed, director=cast.director)
    with pytest.raises(DomainError):
        services.basis_close(basis=closed, user=cast.accountant)
    with pytest.raises(DB_REFUSALS), transaction.atomic():
        AllowanceBasis.objects.filter(pk=closed.pk).update(month=10)
    with pytest.raises(DB_REFUSALS), transaction.atomic():
        AllowanceBasis.objects.filter(pk=closed.pk).delete()
    with pytest.raises(DB_REFUSALS), transaction.atomic():
        AllowanceLine.objects.filter(basis=closed).update(amount_due=0)
    closed.refresh_from_db()
    assert (closed.status, closed.month) == ("closed", 11)


def test_a_correction_names_the_corrected_basis_and_has_its_own_lines_and_approval(
    client_for, cast, closed, pair_factory
):
    pair_factory(amount=1500, started=date(2026, 11, 1), mentor_name="Ильина")
    response = client_for("curator").post(
        reverse("allowances:basis-correct", args=[closed.pk]), {"reason": "Пропущена пара Ильиной"}
    )
    correction = AllowanceBasis.objects.get(corrects=closed)
    assert response.status_code == 302 and response["Location"] == reverse(
        "allowances:basis-detail", args=[correction.pk]
    )
    assert (correction.year, correction.month, correction.status, correction.reason) == (
        2026,
        11,
        "draft",
        "Пропущена пара Ильиной",
    )
    assert correction.lines.count() == 2 and closed.lines.count() == 1
    services.basis_approve(basis=correction, director=cast.director)
    services.basis_close(basis=correction, user=cast.director)
    assert AllowanceBasis.objects.get(pk=correction.pk).status == "closed"


def test_a_basis_is_corrected_once_and_only_when_closed(cast, draft):
    with pytest.raises(DomainError):
        services.basis_correct(basis=draft, user=cast.curator, reason="ошибка")
    services.basis_approve(basis=draft, director=cast.director)
    services.basis_close(basis=draft, user=cast.accountant)
    services.basis_correct(basis=draft, user=cast.curator, reason="ошибка")
    with pytest.raises(DomainError):
        services.basis_correct(basis=draft, user=cast.curator, reason="ещё одна")


def test_a_correction_without_a_reason_is_refused_at_the_field(client_for, closed):
    response = client_for("curator").post(
        reverse("allowances:basis-correct", args=[closed.pk]), {"reason": "  "}
    )
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    assert not AllowanceBasis.objects.filter(corrects=closed).exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("director", 200),
        ("curator", 200),
        ("accountant", 200),
        ("mentor", 403),
        ("mentee", 403),
        ("council", 403),
        ("municipal", 403),
        ("other_curator", 404),
        ("other_director", 404),
        ("nobody", 404),
    ],
)
def test_who_reads_a_basis(client_for, draft, role, expected):
    assert client_for(role).get(reverse("allowances:basis-detail", args=[draft.pk])).status_code == expected
    assert client_for(role).get(reverse("allowances:basis-pdf", args=[draft.pk])).status_code == expected


def test_the_accountant_s_dashboard_lists_the_bases_and_the_menu_shows_only_them(client_for, closed):
    response = client_for("accountant").get(reverse("accounts:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("allowances:basis-detail", args=[closed.pk]) in html
    assert "Ноябрь 2026" in html
    for hidden in (
        "banks:my",
        "pairs:group-list",
        "programs:program-list",
        "staff:person-list",
        "orders:order-list",
    ):
        assert f'href="{reverse(hidden)}"' not in html


def test_the_1c_file_is_downloaded_from_an_approved_basis_only(client_for, cast, draft):
    client = client_for("accountant")
    url = reverse("allowances:basis-onec", args=[draft.pk])
    assert client.get(url).status_code == 302
    services.basis_approve(basis=draft, director=cast.director)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert client_for("mentor").get(url).status_code == 403


def test_the_accountant_role_is_granted_by_the_director_and_the_curator_and_is_no_member_of_mentoring(cast):
    from apps.accounts.models import Role
    from apps.accounts.rules import grantable_roles, is_accountant, is_org_member

    assert Role.ACCOUNTANT in grantable_roles(cast.director, cast.school)
    assert Role.ACCOUNTANT in grantable_roles(cast.curator, cast.school)
    assert Role.ACCOUNTANT not in grantable_roles(cast.mentor, cast.school)
    assert Role.ACCOUNTANT not in grantable_roles(cast.curator, cast.other_school)
    assert is_accountant(cast.accountant, cast.school) and not is_org_member(cast.accountant, cast.school)
