"""Hooks of monitoring for the apps above it (STYLE.md «Layers»).

``statform_rows``: callables with no arguments returning a list of ``apps.monitoring.statform.Row``;
a row replaces the declared row of the same code (the declared one says «нет данных»), or is added at
the end. The territory app fills the regional indicator (row 2.1) this way.

``territory_figures``: callables ``(organizations, year) -> dict`` of more figures of a whole
municipality or region, kept with its level-4 figures (``TerritoryFigures``, issue 18) under their keys;
the values must be JSON (numbers, strings, lists, dicts). The territory page's breakdown is kept so.

``territory_figures_refreshed``: callables ``(*, year, municipality_ids, region_ids) -> None`` run by
``territory_figures_refresh`` (the cron's ``refresh_territory_figures``) after it has kept the figures of
those municipalities and regions: what the apps above keep of a whole territory besides figures is
built again with them. The territory app keeps its coordinators' .xlsx of each territory so.
"""

from apps.core.hooks import Hook

statform_rows = Hook("monitoring.statform_rows")
territory_figures = Hook("monitoring.territory_figures")
territory_figures_refreshed = Hook("monitoring.territory_figures_refreshed")
