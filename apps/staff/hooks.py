"""Hooks of the staff registry: how the apps above reach a person's data without staff importing them
(``apps.core.hooks``, STYLE.md «Layers»). Each app registers its callables in its ``AppConfig.ready()``,
in a module of its own (``erasure.py``, ``subject_data.py``…); they run in the order of INSTALLED_APPS.

Withdrawal and destruction (152-ФЗ art. 21 p. 5):

- ``consent_withdrawn(consent=, person=)`` — called inside the withdrawal transaction (and its history
  context ``consent_withdraw``): processing stops at once, so each app ends its part there (banks: the
  person leaves the banks; pairs: the participation ends).
- ``erased_history(person=)`` — before the destruction: each app returns ``{kind: queryset}`` of the
  change-history events (pghistory) of its rows about the person; the act keeps their extract (when,
  what, by whom, no values) and they are deleted after everything else, so the erasure's own updates go
  too.
- ``erasers(person=, user=)`` — each app destroys or depersonalises its rows of the person (``user``: the
  person's account, or None) and returns an ``Erasure``: the act's lines and the files to delete on commit.

The subject's request (152-ФЗ art. 14):

- ``subject_data_sections(person=)`` — each app returns its sections of the answer
  (``apps.staff.subject_data.Section``), in its order; the answer lists them in the order of the apps.

The registry's pages:

- ``registry_annotations(queryset, year=)`` — each app annotates the registry list (one SQL query
  whatever the number of rows) and returns the queryset (banks: ``in_mentor_bank``, ``in_mentee_bank``).
- ``card_context(person=)`` — each app returns a dict added to the card's context (banks: the entries
  over the years); a fixed number of queries.
"""

from dataclasses import dataclass, field

from apps.core.hooks import Hook


@dataclass
class Erasure:
    """What one app did with a person's data, for the destruction act: the categories destroyed and the
    categories kept (each the act's words and a count, in the app's order) and the stored files to
    delete once the transaction commits."""

    destroyed: list[tuple[str, int]] = field(default_factory=list)
    kept: list[tuple[str, int]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @classmethod
    def counted(cls, words: dict[str, str], counts: dict[str, int], **kwargs) -> "Erasure":
        """The counts of an app's ``erase_person_data`` with the act's words for each key, in the
        order of ``words``."""
        return cls(destroyed=[(text, counts.get(key, 0)) for key, text in words.items()], **kwargs)


consent_withdrawn = Hook("staff.consent_withdrawn")
erased_history = Hook("staff.erased_history")
erasers = Hook("staff.erasers")
subject_data_sections = Hook("staff.subject_data_sections")
registry_annotations = Hook("staff.registry_annotations")
card_context = Hook("staff.card_context")
