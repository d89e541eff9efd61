"""What the banks add to the staff registry's pages (``apps.staff.hooks``, registered in
``BanksConfig.ready()``): the bank state of each row of the registry list and the entries of a
person's card over the years."""

from django.db.models import Exists, OuterRef, QuerySet

from .models import MenteeEntry, MentorEntry

# Bank entries in these states are no longer in the bank.
MENTEE_OUT_OF_BANK = (MenteeEntry.Status.LEFT, MenteeEntry.Status.FINISHED, MenteeEntry.Status.REJECTED)
MENTOR_OUT_OF_BANK = (MentorEntry.Status.RELEASED, MentorEntry.Status.REJECTED)


def annotate_bank_state(queryset: QuerySet, *, year) -> QuerySet:
    """Annotate ``in_mentor_bank`` and ``in_mentee_bank``: an entry of ``year`` the person has not left
    (the registry's bank filter and badges read them)."""
    year_id = year.pk if year else None
    return queryset.annotate(
        in_mentor_bank=Exists(
            MentorEntry.objects.filter(person=OuterRef("pk"), year_id=year_id).exclude(
                status__in=MENTOR_OUT_OF_BANK
            )
        ),
        in_mentee_bank=Exists(
            MenteeEntry.objects.filter(person=OuterRef("pk"), year_id=year_id).exclude(
                status__in=MENTEE_OUT_OF_BANK
            )
        ),
    )


def card_entries(*, person) -> dict:
    """The person's entries in both banks over the years, for the card: two queries. Each entry knows its
    person without a query (its status agrees with the person's sex)."""
    mentor_entries = list(
        MentorEntry.objects.filter(person=person).select_related("year").order_by("-year__start_year")
    )
    mentee_entries = list(
        MenteeEntry.objects.filter(person=person)
        .select_related("year")
        .prefetch_related("difficulties")
        .order_by("-year__start_year")
    )
    for entry in (*mentor_entries, *mentee_entries):
        entry.person = person
    return {"mentor_entries": mentor_entries, "mentee_entries": mentee_entries}
