"""Hooks of monitoring for the apps above it (STYLE.md «Layers»).

``statform_rows``: callables with no arguments returning a list of ``apps.monitoring.statform.Row``;
a row replaces the declared row of the same code (the declared one says «нет данных»), or is added at
the end. The territory app fills the regional indicator (row 2.1) this way.

``territory_figures``: callables ``(organizations, year) -> dict`` of more figures of a whole
municipality or region, kept with its level-4 figures (``TerritoryFigures``, issue 18) under their keys;
the values must be JSON (numbers, strings, lists, dicts). The territory page's breakdown is kept so.
"""

from apps.core.hooks import Hook

statform_rows = Hook("monitoring.statform_rows")
territory_figures = Hook("monitoring.territory_figures")
