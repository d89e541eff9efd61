"""Hooks of the pairs app: how the apps above take part in pairs without pairs importing them
(``apps.core.hooks``, STYLE.md «Layers»).

- ``distance_mentors(organization=, year=)`` — mentors of other organisations a pair may take (a distance
  pair, issue 9 §3): each callable returns a queryset of MentorEntry. The territory app adds its regional
  base of mentors (visible in the region, with the transfer consent).
- ``group_ended_early(group=, day=, explanation=, user=)`` — a pair or group has just ended without an
  order because a participant withdrew the personal-data consent (``receivers``); called in the
  withdrawal transaction, ``explanation`` being the reason in words (programs: the approved program is
  finished early with it).
"""

from apps.core.hooks import Hook

distance_mentors = Hook("pairs.distance_mentors")
group_ended_early = Hook("pairs.group_ended_early")
