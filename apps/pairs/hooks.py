"""Hooks of the pairs app for the apps above (apps/core/hooks.py)."""

from apps.core.hooks import Hook

# Mentors of other organisations a pair may take (a distance pair, issue 9 §3): each callable gets
# ``organization=, year=`` and returns a queryset of MentorEntry. The territory app adds its regional
# base of mentors (visible in the region, with the transfer consent).
distance_mentors = Hook("pairs.distance_mentors")
