"""Signals of the accounts app, for the higher apps to react without being imported here.

The access journal (``apps.audit``) records them and the notifications (``apps.notifications``) tell
the school's director; both connect in their ``AppConfig.ready()``. Sent inside the service's
transaction: the journal row is written, or nothing is.
"""

from django.dispatch import Signal

# A role was granted (``granted=True``) or revoked: ``membership``, ``by`` (the user who did it).
role_changed = Signal()

# A one-time sign-in code was issued (``action="issue"``, ``by`` the curator or director) or used to
# sign in (``action="use"``, ``by`` the person themself): ``code``.
sign_in_code_event = Signal()

# Sign-in through the identity provider (README «Sign-in through a regional identity provider»):
# ``action`` is "link", "unlink", "invite", "sign_in" or "refuse"; ``identity`` (None for a refusal and an
# invitation), ``user`` (the account concerned, None for a refusal), ``by`` (who did it), ``organization``.
external_identity_event = Signal()
