"""Password sign-in as Django's own, with Django's model permissions read only for staff.

The portal's permissions are the ``rules`` predicates; Django's model permissions matter only on the
admin site, i.e. for staff. Django's ``ModelBackend`` read the permission tables (two queries) on every
request where a ``rules`` check was refused, for any user (bench, issue #8); for non-staff users they
are now empty without a query.
"""

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend


class ModelBackend(DjangoModelBackend):
    def get_user_permissions(self, user_obj, obj=None):
        if not user_obj.is_staff:
            return set()
        return super().get_user_permissions(user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None):
        if not user_obj.is_staff:
            return set()
        return super().get_group_permissions(user_obj, obj)
