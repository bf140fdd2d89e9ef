"""Sentences staff mode composes from the catalogue (kiosk/i18n/): a refused save, a rule, the
coverage of a schedule, the question before a deletion.

Staff mode has its own language (the toggle in its header), independent of the visitors'.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from kiosk.clock import WEEKDAYS
from kiosk.documents.decoding import Problem
from kiosk.i18n.catalogue import save_reason, staff_text, weekday_name
from kiosk.i18n.keys import StaffKey
from kiosk.i18n.languages import StaffLanguage as Language
from kiosk.playlist.coverage import RuleCoverage
from kiosk.playlist.models import MAX_DURATION_S, MIN_DURATION_S, ScheduleRule
from kiosk.playlist.playlist_deletion import PlaylistDeletion

log = logging.getLogger(__name__)


def problems_text(problems: list[Problem], language: Language) -> str:
    """One localized sentence per distinct reason; the file and JSON path go to the log only."""
    for problem in problems:
        log.warning("staff save refused: %s", problem)
    return "\n".join(
        staff_text("invalid", language).format(reason=reason) for reason in _reasons(problems, language)
    )


def reasons_text(problems: list[Problem], language: Language) -> str:
    """The distinct reasons, localized, with where in the file the first one is (for the technician)."""
    joined = staff_text("reason_separator", language).join(_reasons(problems, language))
    where = next((problem.path for problem in problems if problem.path), "")
    return staff_text("reasons_at", language).format(reasons=joined, where=where) if where else joined


def _reasons(problems: list[Problem], language: Language) -> list[str]:
    reasons: list[str] = []
    for problem in problems:
        reason = save_reason(problem.reason, language).format(
            low=f"{MIN_DURATION_S:g}", high=f"{MAX_DURATION_S:g}"
        )
        if reason not in reasons:
            reasons.append(reason)
    return reasons


def date_text(day: dt.date | None, language: Language) -> str:
    if day is None:
        return ""
    return f"{day.isoformat()} {weekday_name(WEEKDAYS[day.weekday()], language)}"


def describe_rule(rule: ScheduleRule, language: Language) -> str:
    """`周六 周日  09:00–18:00`, or `2024-03-02  09:30–11:00` for a one-off rule."""
    if rule.date is not None:
        when = rule.date if rule.until in (None, rule.date) else f"{rule.date} – {rule.until}"
    else:
        when = " ".join(weekday_name(day, language) for day in rule.days)
    return f"{when}  {rule.start}–{rule.end}"


def _windows(indices: tuple[int, ...], language: Language) -> str:
    """Windows by number as a sentence names them: 3、4 in Chinese; window 3, windows 3 and 4 in English."""
    numbers = [str(index + 1) for index in indices]
    if len(numbers) <= 1:
        return staff_text("window_one", language).format(number=numbers[0]) if numbers else ""
    return staff_text("windows_many", language).format(
        numbers=staff_text("window_separator", language).join(numbers[:-1]), last=numbers[-1]
    )


def coverage_text(rules: list[ScheduleRule], coverage: list[RuleCoverage], language: Language) -> str:
    """One sentence per rule that never plays, plays partly or is over; else that all is well."""
    keys: dict[str, StaffKey] = {
        "never": "coverage_never",
        "partly": "coverage_partly",
        "past": "coverage_past",
    }
    lines = [
        staff_text(keys[item.outcome], language).format(
            rule=item.index + 1,
            what=describe_rule(rules[item.index], language),
            others=_windows(item.covered_by, language),
            lost=item.lost_minutes,
        )
        for item in coverage
        if item.outcome in keys
    ]
    return "\n".join(lines) or staff_text("coverage_ok", language)


def deletion_text(
    deletion: PlaylistDeletion,
    name: str,
    language: Language,
    playlist_name: Callable[[str, Language], str],
) -> str:
    """The question before a playlist is deleted: each change to the schedule, one line each."""
    if not deletion.changes_schedule:
        return staff_text("delete_confirm", language).format(name=name)
    lines = [staff_text("delete_changes", language).format(name=name)]
    lines += [
        staff_text("delete_drops_rule", language).format(rule=describe_rule(rule, language))
        for rule in deletion.removed_rules
    ]
    if deletion.default_becomes is not None:
        new_default = playlist_name(deletion.default_becomes, language)
        lines.append(staff_text("delete_new_default", language).format(name=new_default))
    if deletion.stopped_play_now is not None:
        until = deletion.stopped_play_now.until.replace("T", " ")
        lines.append(staff_text("delete_stops_play_now", language).format(until=until))
    return "\n".join(lines)
