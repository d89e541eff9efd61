import factory

from apps.accounts.models import Membership, Role, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    last_name = factory.Faker("last_name_male", locale="ru_RU")
    first_name = factory.Faker("first_name_male", locale="ru_RU")
    patronymic = factory.Faker("middle_name_male", locale="ru_RU")
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
