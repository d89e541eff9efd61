"""Django's model permissions count only for staff (the admin site); the portal's are the rules."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def with_model_permission(**fields):
    user = UserFactory(**fields)
    user.user_permissions.add(Permission.objects.get(codename="view_order", content_type__app_label="orders"))
    return type(user).objects.get(pk=user.pk)  # a fresh object: no permission cache


def test_a_model_permission_gives_nothing_to_a_user_who_is_not_staff():
    user = with_model_permission(is_staff=False)
    with CaptureQueriesContext(connection) as queries:
        assert not user.has_perm("orders.view_order")
    assert len(queries) == 0


def test_staff_keep_their_model_permissions_for_the_admin_site():
    user = with_model_permission(is_staff=True)
    assert user.has_perm("orders.view_order")
    assert not user.has_perm("orders.delete_order")
