"""Reads of monitoring: the four Kirkpatrick levels, progress, participants, risk flags and trends,
each computed in SQL for any set of programs in a constant number of queries.

Anonymity toward the mentor: survey aggregates of a program are shown to its mentor only when at
least ``K_ANONYMITY`` (3) mentees answered, and free-text answers never. With 2 answers a mentor who
learns one mentee's opinion (from a conversation) knows the other's; with a pair (1 mentee) the
"aggregate" is the mentee's own answer. The curator and the director see program figures in full
(they run monitoring), but no response is linked to a person for anybody (see models)."""

from .levels import (
    K_ANONYMITY,
    Level4,
    free_text_answers,
    level1,
    level1_for_mentor,
    level2,
    level2_detail,
    level3,
    level4,
    protocols_of,
)
from .process import FORMAL_EVIDENCE_CHARS, hours_by_month, participants, progress
from .risks import LOW_SATISFACTION, MENTOR_LOAD_CEILING, Risk, risk_flags
from .scope import (
    assignment_for,
    campaign_assignments,
    campaign_for,
    campaigns_for,
    mentor_programs,
    my_assignments,
    program_for,
    report_programs,
    template_content,
    template_for,
    templates_for,
    years,
)
from .summary import chart_data, organization_summary, overview_rows
from .trends import trends

__all__ = [
    "FORMAL_EVIDENCE_CHARS",
    "K_ANONYMITY",
    "LOW_SATISFACTION",
    "MENTOR_LOAD_CEILING",
    "Level4",
    "Risk",
    "assignment_for",
    "campaign_assignments",
    "campaign_for",
    "campaigns_for",
    "chart_data",
    "free_text_answers",
    "hours_by_month",
    "level1",
    "level1_for_mentor",
    "level2",
    "level2_detail",
    "level3",
    "level4",
    "mentor_programs",
    "my_assignments",
    "organization_summary",
    "overview_rows",
    "participants",
    "program_for",
    "progress",
    "protocols_of",
    "report_programs",
    "risk_flags",
    "template_content",
    "template_for",
    "templates_for",
    "trends",
    "years",
]
