"""Hooks of the pairs app: how the apps above follow what happens to a pair without pairs importing
them (``apps.core.hooks``, STYLE.md «Layers»).

- ``group_ended_early(group=, day=, explanation=, user=)`` — a pair or group has just ended without an
  order because a participant withdrew the personal-data consent (``receivers``); called in the
  withdrawal transaction, ``explanation`` being the reason in words (programs: the approved program is
  finished early with it).
"""

from apps.core.hooks import Hook

group_ended_early = Hook("pairs.group_ended_early")
