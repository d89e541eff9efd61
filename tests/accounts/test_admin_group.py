"""The demo portal administrator is staff in the administrators' group, not a superuser: he opens the
admin of organisations and accounts, and no page of a school's personal data."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from apps.accounts.admin_group import GROUP_NAME
from apps.accounts.models import User
from apps.programs.models import Program

pytestmark = pytest.mark.django_db


def test_migrate_leaves_the_group_with_the_admin_models_only():
    group = Group.objects.get(name=GROUP_NAME)
    labels = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert labels == {"organizations", "accounts", "notifications", "axes", "core"}
    core = set(group.permissions.filter(content_type__app_label="core").values_list("codename", flat=True))
    assert core == {f"{action}_calendarday" for action in ("add", "change", "delete", "view")}
    axes = set(group.permissions.filter(content_type__app_label="axes").values_list("codename", flat=True))
    assert axes == {"view_accessattempt"}
    linking = set(
        group.permissions.filter(
            content_type__model__in=["externalidentity", "identityinvitation"]
        ).values_list("codename", flat=True)
    )
    assert linking == {"view_externalidentity", "delete_externalidentity", "view_identityinvitation"}
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_organization", "add_user", "view_emaildelivery"} <= codenames
    assert not codenames & {"view_order", "view_person", "view_program", "view_mentorentry"}


@pytest.fixture
def demo_admin(client):
    call_command("seed_demo")
    admin = User.objects.get(username="admin")
    client.force_login(admin)
    return admin


def test_demo_admin_is_staff_but_not_superuser(demo_admin, client):
    assert demo_admin.is_staff and not demo_admin.is_superuser
    assert client.get(reverse("admin:organizations_organization_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert client.get(reverse("admin:orders_order_changelist")).status_code == 403
    assert client.get(reverse("admin:banks_mentorentry_changelist")).status_code == 403


def test_demo_admin_reads_no_program_of_a_school(demo_admin, client):
    program = Program.objects.first()
    assert client.get(reverse("programs:program-detail", args=[program.pk])).status_code == 403
