import factory

from apps.accounts.models import Membership, Role, User
from tests.factories.names import safe_name


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    last_name = safe_name("last_name_male")
    first_name = safe_name("first_name_male")
    patronymic = safe_name("middle_name_male")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.ru")
    password = factory.PostGenerationMethodCall("set_password", "pass-2026")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """UserFactory(roles=[(Role.CURATOR, org), (Role.MUNICIPAL, municipality)])"""
        for role, scope in extracted or []:
            membership_create(user=self, role=role, scope=scope)
        if create:
            self.save()


def membership_create(*, user: User, role: str, scope=None) -> Membership:
    fields = {"organization": None, "municipality": None, "region": None}
    if role == Role.MUNICIPAL:
        fields["municipality"] = scope
    elif role == Role.REGIONAL:
        fields["region"] = scope
    elif role != Role.ADMIN:
        fields["organization"] = scope
    membership = Membership.objects.create(user=user, role=role, **fields)
    user.__dict__.pop("active_memberships", None)
    return membership
