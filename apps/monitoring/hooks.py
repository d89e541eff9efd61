"""Hooks of monitoring for the apps above it (STYLE.md «Layers»).

``statform_rows``: callables with no arguments returning a list of ``apps.monitoring.statform.Row``;
a row replaces the declared row of the same code (the declared one says «нет данных»), or is added at
the end. The territory app fills the regional indicator (row 2.1) this way.
"""

from apps.core.hooks import Hook

statform_rows = Hook("monitoring.statform_rows")
