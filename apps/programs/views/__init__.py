"""Pages of programs, by page group: the program itself, its plans, the roadmap and calendars, the
activity log, changes and the end, the program bank, downloads. urls.py names each module."""
