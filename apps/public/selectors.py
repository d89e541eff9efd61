"""What the public page «Наставничество» shows: nothing personal without a publication consent."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.banks.models import MentorEntry, MentorStrength
from apps.organizations.models import AcademicYear, Organization
from apps.programs.models import Program, ProgramTemplate
from apps.staff.models import DisclosureConsent

from .models import NewsItem


def public_organization(*, pk: int | None = None, slug: str | None = None) -> Organization:
    """By the readable slug, or by the id of the first addresses of the page."""
    lookup = {"pk": pk} if pk is not None else {"slug": slug}
    return get_object_or_404(Organization.objects.select_related("municipality__region"), **lookup)


def published_mentors(*, organization, year: AcademicYear | None) -> QuerySet[MentorEntry]:
    """Mentors of the year who gave an active consent to publication (152-ФЗ ст. 10.1); nobody else."""
    if year is None:
        return MentorEntry.objects.none()
    consent = DisclosureConsent.objects.filter(
        person=OuterRef("person"), kind=DisclosureConsent.Kind.PUBLICATION, withdrawn_on__isnull=True
    )
    return (
        MentorEntry.objects.filter(
            organization=organization,
            year=year,
            status__in=MentorEntry.APPROVED_STATUSES,
            person__left_on__isnull=True,
        )
        .filter(Exists(consent))
        .select_related("person__position")
        .prefetch_related(
            Prefetch("strengths", queryset=MentorStrength.objects.order_by("area")), "person__subjects"
        )
        .order_by("person__last_name", "person__first_name")
    )


def current_programs(*, organization) -> QuerySet[Program]:
    """Titles, forms and terms of the programs in progress; the page never shows their participants."""
    return (
        Program.objects.filter(organization=organization, status=Program.Status.APPROVED)
        .select_related("group")
        .only("title", "start", "end", "mode", "group__form", "group__types")
        .order_by("start", "title")
    )


def good_practices(*, organization) -> QuerySet[ProgramTemplate]:
    """The bank programs the curator put on the public page; the rest of the bank stays inside."""
    return (
        ProgramTemplate.objects.filter(organization=organization, on_public_page=True)
        .only("title", "months", "organization_id")
        .order_by("title", "pk")
    )


def public_program(*, organization, pk: int) -> ProgramTemplate:
    """A bank program shown on the public page, else 404 (a program kept inside the bank is not found)."""
    return get_object_or_404(ProgramTemplate, organization=organization, on_public_page=True, pk=pk)


def published_news(*, organization, on=None) -> QuerySet[NewsItem]:
    on = on or timezone.localdate()
    return NewsItem.objects.filter(organization=organization, publish_on__lte=on).order_by(
        "-publish_on", "-pk"
    )


def news_of(*, organization) -> QuerySet[NewsItem]:
    return (
        NewsItem.objects.filter(organization=organization)
        .select_related("author")
        .order_by("-publish_on", "-pk")
    )
