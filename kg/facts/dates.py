"""Dates for stage "facts": explicit dates, and weekdays resolved against the article's date.

Month and weekday names are data (``kg/lexicon/months.txt``, ``weekdays.txt``).
"""

from __future__ import annotations

import datetime as dt
import re

from kg.lexicon import entries

MONTHS = {m: i + 1 for i, m in enumerate(entries("months"))}
WEEKDAYS = list(entries("weekdays"))
_MONTH_NAMES = "|".join(MONTHS)
_DATE_RE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_NAMES}) (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}) (?P<m2>{_MONTH_NAMES}),? (?P<y2>\d{{4}})"
    rf"|(?:(?:early|mid|late|in) )(?P<m3>{_MONTH_NAMES}),? (?P<y3>\d{{4}}))\b",
    re.IGNORECASE,
)
WEEKDAY_RE = re.compile(r"\b(?:on |last |this )?(?P<d>" + "|".join(WEEKDAYS) + r")\b", re.I)


def parse_date(text: str) -> str | None:
    """An explicit date in a sentence, as ``YYYY-MM-DD`` or ``YYYY-MM``."""
    match = _DATE_RE.search(text)
    if not match:
        return None
    g = match.groupdict()
    if g["y1"] or g["y2"]:
        year = int(g["y1"] or g["y2"])
        month = MONTHS[(g["m1"] or g["m2"]).lower()]
        day = int(g["d1"] or g["d2"])
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    return f"{int(g['y3']):04d}-{MONTHS[g['m3'].lower()]:02d}"


def resolve_weekday(weekday: str, published: str | None) -> str | None:
    """The date of "on Tuesday" in an article published on ``published`` (the latest such day
    on or before it); None when the article's date is unknown."""
    if not published:
        return None
    try:
        base = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
    delta = (base.weekday() - WEEKDAYS.index(weekday.lower())) % 7
    return (base - dt.timedelta(days=delta)).isoformat()
