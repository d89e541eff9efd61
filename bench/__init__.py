"""Benchmark of the portal at the scale of a region (issue #8): ``python -m bench`` or ``make bench``."""
