"""The scale step of accounts: the users above the organisations (admin, regional, municipal), and
``scale_user`` for the steps of the apps above that give their people an account.

Reads ``ctx.region``, ``ctx.municipalities``, ``ctx.orgs``; sets ``ctx.password_hash``."""

from django.contrib.auth.hashers import make_password

from apps.core.scale import PASSWORD, ScaleContext

from .models import Membership, Role, User


def scale_user(ctx: ScaleContext, username, *, last="", first="", patronymic="", superuser=False) -> User:
    """A user of the scale region, not saved yet: every one has the same password."""
    return User(
        username=username,
        password=ctx.password_hash,
        last_name=last,
        first_name=first,
        patronymic=patronymic,
        email=f"{username}@scale.example.ru",
        is_staff=superuser,
        is_superuser=superuser,
    )


def build_users(ctx: ScaleContext) -> None:
    ctx.password_hash = make_password(PASSWORD)
    users: list[User] = []
    memberships: list[Membership] = []

    def add(username, **names) -> User:
        user = scale_user(ctx, username, **names)
        users.append(user)
        return user

    admin = add("scale_admin", last="Администраторов", first="Игорь", patronymic="Петрович", superuser=True)
    memberships.append(Membership(user=admin, role=Role.ADMIN))
    regional = add("scale_regional", last="Кравцова", first="Алла", patronymic="Викторовна")
    memberships.append(Membership(user=regional, role=Role.REGIONAL, region=ctx.region))
    largest_municipality = ctx.orgs[0].municipality_id
    for m, municipality in enumerate(ctx.municipalities):
        name = (
            "scale_municipal" if municipality.pk == largest_municipality else f"scale_m{m + 1:02d}_municipal"
        )
        last, first, patronymic = ctx.name("f")
        user = add(name, last=last, first=first, patronymic=patronymic)
        memberships.append(Membership(user=user, role=Role.MUNICIPAL, municipality=municipality))
    ctx.copy(User, users, "users")
    ctx.copy(Membership, memberships, "memberships")
