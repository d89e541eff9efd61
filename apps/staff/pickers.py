"""Person pickers that tell namesakes apart.

Two teachers «Ёлкин Пётр Фомич — учитель» in one list cannot both be chosen right. Every field where a
person (or a bank entry, or a group member, of a person) is chosen uses :class:`NamesakeChoiceMixin`: a
label that repeats in the list gets the year of birth, and when that repeats too, the subjects taught.
Labels that are unique stay short (and show no date of birth)."""

from collections import Counter

from django import forms
from django.forms.models import ModelChoiceIteratorValue


def person_label(person) -> str:
    """«Ёлкин Пётр Фомич — учитель»: the name and, when known, the position."""
    position = person.position.name.lower() if getattr(person, "position_id", None) else ""
    return person.full_name + (f" — {position}" if position else "")


def _birth_year(person) -> str:
    return f"{person.birth_date.year} г. р." if person.birth_date else "год рождения не указан"


def _subjects(person) -> str:
    names = [s.name for s in person.subjects.all()]
    return ", ".join(names) if names else "предметы не указаны"


def disambiguated(objs, label, person_of) -> list[str]:
    """The labels of ``objs``, each repeated label made distinct by the year of birth, then the subjects."""
    labels = [label(obj) for obj in objs]
    repeated = Counter(labels)
    labels = [
        f"{text} ({_birth_year(person_of(obj))})" if repeated[text] > 1 else text
        for obj, text in zip(objs, labels, strict=True)
    ]
    repeated = Counter(labels)
    return [
        f"{text[:-1]}; {_subjects(person_of(obj))})" if repeated[text] > 1 else text
        for obj, text in zip(objs, labels, strict=True)
    ]


class NamesakeChoiceIterator(forms.models.ModelChoiceIterator):
    def choices(self) -> list[tuple]:
        objs = list(self.queryset)
        labels = disambiguated(objs, self.field.label_from_instance, self.field.person_of)
        return [
            (ModelChoiceIteratorValue(self.field.prepare_value(obj), obj), text)
            for obj, text in zip(objs, labels, strict=True)
        ]

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.choices()


class NamesakeChoiceMixin:
    """``person_path``: how to reach the person from a choice ("" — the choice is a person; "person" — a
    bank entry; "mentee_person" — a group member)."""

    iterator = NamesakeChoiceIterator
    person_path = ""

    def person_of(self, obj):
        for attr in filter(None, self.person_path.split("__")):
            obj = getattr(obj, attr)
        return obj

    def label_from_instance(self, obj) -> str:
        return person_label(self.person_of(obj))


class PersonChoiceField(NamesakeChoiceMixin, forms.ModelChoiceField):
    pass


class PersonMultipleChoiceField(NamesakeChoiceMixin, forms.ModelMultipleChoiceField):
    pass
