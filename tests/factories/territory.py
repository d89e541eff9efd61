"""Roadmaps reached through the services, and disclosure consents."""

from datetime import date

from apps.staff import services as staff_services
from apps.staff.models import DisclosureConsent
from apps.territory import services


def roadmap(organization, year, user):
    return services.roadmap_start(organization=organization, year=year, user=user)


def approved(organization, year, curator, director):
    return services.roadmap_approve(roadmap=roadmap(organization, year, curator), director=director)


def consent(person, kind=DisclosureConsent.Kind.PUBLICATION, user=None, signed_on=date(2026, 9, 5)):
    return staff_services.disclosure_consent_record(person=person, kind=kind, signed_on=signed_on, user=user)
