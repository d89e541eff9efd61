"""Random Russian names that can never be mistaken for the names tests look for.

Tests check that a named person is, or is not, on a page: the cast's people (Морозова Татьяна Сергеевна,
Васильев Артём Дмитриевич …) and a few fixed names of single tests. A random surname «Сергеев» is a
substring of the patronymic «Сергеевна» in the page header, and a random «Морозова» would be taken for
the cast's mentor. The factories draw their names here: Faker's ``ru_RU`` names, drawn again while one
shares a substring with a reserved name (ё read as е, case ignored). Drawn from Faker's generator, which
pytest-randomly reseeds for every test, so a test's people are the same on every run with its seed.
"""

import factory

# Every name part that a test looks for, present or absent, by its literal text. Add a name here when a
# new test asserts about it.
RESERVED = (
    # the cast (tests/conftest.py) and the monitoring trio (tests/factories/monitoring.py)
    "Кузнецова Наталья Викторовна",
    "Соловьёва Елена Петровна",
    "Морозова Татьяна Сергеевна",
    "Васильев Артём Дмитриевич",
    "Наставляемый Опрошенный",
    # fixed names of single tests
    "Безсогласиева Гусев Дюжева Иванова Мария Ковальчук Петрова Алина Руслановна Седых Анна",
    "Сидоров Соколова Тайнова Ольга Кузьмина Черных Ёлкин Пётр Фомич Дюма",
)

_RESERVED_WORDS = tuple({w.lower().replace("ё", "е") for line in RESERVED for w in line.split()})


def is_reserved(name: str) -> bool:
    """True when ``name`` contains a reserved name part or is contained in one."""
    name = name.lower().replace("ё", "е")
    return any(word in name or name in word for word in _RESERVED_WORDS)


def draw(kind: str) -> str:
    """A name of Faker's ``ru_RU`` provider method ``kind`` (``last_name_female`` …) that is not reserved."""
    faker = factory.Faker._get_faker(locale="ru_RU")
    for _ in range(1000):
        name = getattr(faker, kind)()
        if not is_reserved(name):
            return name
    raise RuntimeError(f"Faker gave only reserved names for {kind}")


def safe_name(kind: str) -> factory.LazyFunction:
    """A factory declaration: ``last_name = safe_name("last_name_female")``."""
    return factory.LazyFunction(lambda: draw(kind))
