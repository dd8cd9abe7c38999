"""Digest schedules: parsing what editors type, and when a channel's digest falls due.

Times are wall-clock times in the channel's timezone ("09:00 Europe/London" stays 09:00 across
daylight-saving changes). A digest's period is the local date it is for: one digest per channel
per period, which is what the unique constraint on `digests` enforces.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EVERY_DAY = ",".join(DAY_NAMES)
_DAY_WORDS = {
    "daily": EVERY_DAY, "everyday": EVERY_DAY, "every day": EVERY_DAY, "all": EVERY_DAY,
    "weekdays": "mon,tue,wed,thu,fri", "weekends": "sat,sun", "weekend": "sat,sun",
}  # fmt: skip
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


class ScheduleError(ValueError):
    """What the editor typed is not a time, timezone or set of days; the message shows the form."""


def parse_time(value: str) -> str:
    """'8:30', '08:30', '8am', '5:15pm' -> 'HH:MM'."""
    found = _TIME.match(value.strip())
    if not found:
        raise ScheduleError(f"“{value}” is not a time: use 24-hour HH:MM, e.g. `/copydesk digest time 08:30`.")
    hour, minute, meridiem = int(found.group(1)), int(found.group(2) or 0), (found.group(3) or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            raise ScheduleError(f"“{value}” is not a time.")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ScheduleError(f"“{value}” is not a time: use 24-hour HH:MM, e.g. 08:30.")
    return f"{hour:02d}:{minute:02d}"


def parse_timezone(value: str) -> str:
    name = value.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(
            f"“{value}” is not a timezone: use an IANA name such as Europe/London or America/New_York."
        ) from None
    return name


def parse_days(value: str) -> str:
    """'mon-fri', 'weekdays', 'daily', 'mon,wed,fri', 'sat sun' -> canonical 'mon,tue,...'."""
    text = " ".join(value.lower().split())
    if text in _DAY_WORDS:
        return _DAY_WORDS[text]
    chosen: set[int] = set()
    for part in re.split(r"[,\s]+", text):
        if not part:
            continue
        if "-" in part:
            first, _, last = part.partition("-")
            start, end = _day_index(first, value), _day_index(last, value)
            span = range(start, end + 1) if start <= end else [*range(start, 7), *range(end + 1)]
            chosen.update(span)
        else:
            chosen.add(_day_index(part, value))
    if not chosen:
        raise ScheduleError("Give some days: `/copydesk digest days mon-fri` (or daily, weekdays, mon,wed,fri).")
    return ",".join(DAY_NAMES[i] for i in sorted(chosen))


def _day_index(word: str, original: str) -> int:
    key = word.strip()[:3]
    if key not in DAY_NAMES:
        raise ScheduleError(f"“{original}” is not a set of days: try mon-fri, daily, weekdays or mon,wed,fri.")
    return DAY_NAMES.index(key)


def describe_days(days: str) -> str:
    for word in ("daily", "weekdays", "weekends"):
        if days == _DAY_WORDS[word]:
            return word
    return ", ".join(day.capitalize() for day in days.split(","))


def occurrence_on(day: date, at: str, tz: str) -> datetime:
    hour, minute = (int(part) for part in at.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(tz))


def latest_occurrence(at: str, tz: str, days: str, now: datetime) -> datetime | None:
    """The most recent scheduled time at or before `now` (aware, in the schedule's zone), within a week."""
    zone = ZoneInfo(tz)
    local_today = now.astimezone(zone).date()
    allowed = set(days.split(","))
    for back in range(8):
        day = local_today - timedelta(days=back)
        if DAY_NAMES[day.weekday()] not in allowed:
            continue
        moment = occurrence_on(day, at, tz)
        if moment <= now:
            return moment
    return None


def next_occurrence(at: str, tz: str, days: str, now: datetime) -> datetime | None:
    zone = ZoneInfo(tz)
    local_today = now.astimezone(zone).date()
    allowed = set(days.split(","))
    for ahead in range(8):
        day = local_today + timedelta(days=ahead)
        if DAY_NAMES[day.weekday()] in allowed:
            moment = occurrence_on(day, at, tz)
            if moment > now:
                return moment
    return None


def period_of(occurrence: datetime) -> str:
    """A scheduled digest's period: the local date it is for."""
    return occurrence.date().isoformat()


def manual_period(now: datetime) -> str:
    """`digest now` is its own period, so it never takes the place of the day's scheduled digest."""
    return "now:" + now.strftime("%Y-%m-%dT%H:%M:%S")
