"""Factories for programs: an active pair reached through the pairs and orders services, and a
program with its plans, approved through the programs services."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.orders.services import order_send_for_signature, order_sign
from apps.pairs import services as pair_services
from apps.pairs.selectors import participants
from apps.programs import services
from tests.factories import pairs as f


def sign(order, director):
    order_send_for_signature(order=order, user=director)
    return order_sign(order=order, director=director)


def active_group(school, year, mentor, mentees, *, curator, director, **overrides):
    group = pair_services.group_create(
        **f.group_kwargs(school, year, mentor, mentees, **overrides), created_by=curator
    )
    for person in participants(group):
        pair_services.duty_consent_upload(
            group=group,
            person=person,
            signed_on=date(2026, 9, 2),
            scan=SimpleUploadedFile("consent.pdf", b"%PDF-1.4 scan", content_type="application/pdf"),
            user=curator,
        )
    sign(pair_services.groups_submit_to_order(groups=[group], user=curator), director)
    group.refresh_from_db()
    return group


def draft_program(group, user, *, start=date(2026, 10, 1), end=date(2027, 5, 31), **sections):
    program = services.program_create(
        group=group, user=user, title="Программа молодого учителя", start=start, end=end
    )
    data = {"goal": "Устранение профессиональных дефицитов", "tasks": "Освоить технологическую карту урока"}
    data.update(sections)
    return services.program_update(program=program, user=user, data=data, version=program.version)


def approve(program, curator):
    """Submit, have every participant agree, approve — through the services."""
    from apps.programs.models import Program

    program = services.program_submit(program=program, user=curator)
    for person in participants(program.group):
        services.program_agree(program=program, user=person.user)
    program = services.program_approve(program=program, user=curator)
    return Program.objects.get(pk=program.pk)
