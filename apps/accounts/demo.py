"""One demo user for every role (the README lists them), including a person with two roles."""

from apps.core.demo import DEMO_PASSWORD

from .admin_group import ensure_portal_admin_group
from .models import Membership, Role, User

# username, surname, name, patronymic, e-mail, [(role, scope key in ctx)]
DEMO_USERS = [
    ("admin", "Администраторов", "Сергей", "Иванович", "admin@example.ru", [(Role.ADMIN, None)]),
    ("director", "Кузнецова", "Наталья", "Викторовна", "director@example.ru", [(Role.DIRECTOR, "school")]),
    ("curator", "Соловьёва", "Елена", "Петровна", "curator@example.ru", [(Role.CURATOR, "school")]),
    ("council", "Григорьева", "Марина", "Александровна", "council@example.ru", [(Role.COUNCIL, "school")]),
    ("psychologist", "Лебедева", "Ольга", "Николаевна", "psy@example.ru", [(Role.PSYCHOLOGIST, "school")]),
    ("mentor", "Морозова", "Татьяна", "Сергеевна", "mentor@example.ru", [(Role.MENTOR, "school")]),
    ("mentee", "Васильев", "Артём", "Дмитриевич", "mentee@example.ru", [(Role.MENTEE, "school")]),
    (
        "reverse",
        "Ёлкина",
        "Дарья",
        "Андреевна",
        "reverse@example.ru",
        [(Role.MENTOR, "school"), (Role.MENTEE, "school")],
    ),
    # The school's accountant: reads the monthly basis of the mentors' allowance, nothing else.
    ("accountant", "Романова", "Галина", "Борисовна", "buh@example.ru", [(Role.ACCOUNTANT, "school")]),
    ("other_director", "Ёлкин", "Пётр", "Фомич", "gymn2@example.ru", [(Role.DIRECTOR, "school_other")]),
    (
        "other_curator",
        "Черных",
        "Ирина",
        "Олеговна",
        "gymn2-curator@example.ru",
        [(Role.CURATOR, "school_other")],
    ),
    (
        "municipal",
        "Павлова",
        "Светлана",
        "Юрьевна",
        "municipal@example.ru",
        [(Role.MUNICIPAL, "municipality")],
    ),
    ("regional", "Кравченко", "Алексей", "Михайлович", "regional@example.ru", [(Role.REGIONAL, "region")]),
]


def seed(ctx) -> None:
    for username, last, first, patronymic, email, roles in DEMO_USERS:
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "last_name": last,
                "first_name": first,
                "patronymic": patronymic,
                "email": email,
                "is_active": True,
                "is_staff": username == "admin",
                # Staff in the portal administrators' group, not a superuser: a superuser passes every
                # permission check, and the portal administrator reads no personal data of a school.
                "is_superuser": False,
            },
        )
        if username == "admin":
            user.groups.add(ensure_portal_admin_group())
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        for role, scope_key in roles:
            scope = {"organization": None, "municipality": None, "region": None}
            if role == Role.MUNICIPAL:
                scope["municipality"] = ctx[scope_key]
            elif role == Role.REGIONAL:
                scope["region"] = ctx[scope_key]
            elif role != Role.ADMIN:
                scope["organization"] = ctx[scope_key]
            Membership.objects.update_or_create(user=user, role=role, **scope, defaults={"is_active": True})
        ctx[f"user_{username}"] = user
