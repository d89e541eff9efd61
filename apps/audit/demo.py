"""Demo entries of the access journal of МБОУ СОШ № 7: the curator and the director at work."""

from django.contrib.auth import get_user_model

from apps.staff.models import Person

from .models import AccessEvent
from .services import audit_record


def seed(ctx) -> None:
    users = get_user_model().objects.in_bulk(["curator", "director"], field_name="username")
    curator, director = users.get("curator"), users.get("director")
    if curator is None or director is None or AccessEvent.objects.exists():
        return
    people = list(
        Person.objects.filter(organization__memberships__user=curator).distinct().order_by("pk")[:4]
    )
    for person in people:
        audit_record(request_or_user=curator, action="view", obj=person, url_name="staff:person-detail")
    if people:
        audit_record(request_or_user=curator, action="print", obj=people[0], url_name="staff:consent-pdf")
        audit_record(request_or_user=director, action="view", obj=people[-1], url_name="staff:person-detail")
        audit_record(
            request_or_user=curator,
            action="export",
            organization=people[0].organization,
            object_type="list:staff:person-list",
            url_name="staff:person-list",
        )
