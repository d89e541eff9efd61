"""What the training app plugs into the pages of the apps below it: the trainings on a person's card
(``staff.hooks.card_context``) and on a mentor's bank card (``banks.hooks.mentor_panels``)."""

from django.utils import timezone

from apps.banks.hooks import mentor_panels

from . import selectors


def card_training(*, person) -> dict:
    """The person's trainings for the card (one query); the card's template shows them only to whoever has
    ``training.view_person_training``."""
    return {
        "training_records": selectors.records_of_person(person=person),
        "training_since": selectors.since(timezone.localdate()),
    }


def mentor_training_panel(request, entry):
    """The mentor's trainings on the bank card, for the curator, the director and the mentor."""
    if not request.user.has_perm("training.view_person_training", entry.person):
        return None
    return (
        "training/_person_training.html",
        {
            "person": entry.person,
            "records": selectors.records_of_person(person=entry.person),
            "since": selectors.since(timezone.localdate()),
            "heading": "h5",
        },
    )


def register() -> None:
    """Called from ``TrainingConfig.ready()``."""
    mentor_panels.register(mentor_training_panel)
