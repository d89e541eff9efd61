"""Hooks of the banks' pages for the apps above (apps/core/hooks.py, apps/core/panels.py)."""

from apps.core.hooks import Hook

# Panels at the foot of a mentor's bank card (banks/mentor_detail.html): each callable gets
# ``(request, entry)`` and returns a (template name, context), a rendered fragment or None. The
# territory app adds the mentor's awards.
mentor_panels = Hook("banks.mentor_panels")
