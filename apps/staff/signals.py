"""Signals of the staff registry that other apps listen to."""

from django.dispatch import Signal

# Sent inside the withdrawal transaction with ``consent`` and ``person``: processing stops at once, so
# receivers (pairs, programs) end the person's participation in the same transaction.
consent_withdrawn = Signal()
