"""OpenStreetMap opening hours ("Tu-Fr 17:00-21:00; Sa 14:00-19:00", the format
data·inclusion uses) in plain French, for a young person reading on a phone. Only the
common forms are read; anything else is given back as it was written."""

import re

from django.utils.translation import gettext as _

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_TIME = r"\d{1,2}:\d{2}"
_RULE = re.compile(
    rf"^(?P<days>(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:\s*[-,]\s*(?:Mo|Tu|We|Th|Fr|Sa|Su))*)\s+"
    rf"(?P<times>{_TIME}-{_TIME}(?:\s*,\s*{_TIME}-{_TIME})*|off|closed)$"
)


def _day_names() -> dict[str, str]:
    return {
        "Mo": _("lundi"),
        "Tu": _("mardi"),
        "We": _("mercredi"),
        "Th": _("jeudi"),
        "Fr": _("vendredi"),
        "Sa": _("samedi"),
        "Su": _("dimanche"),
    }


def _hour(text: str) -> str:
    hours, minutes = text.split(":")
    return f"{int(hours)} h {minutes}" if minutes != "00" else f"{int(hours)} h"


def _days(text: str) -> str:
    names = _day_names()
    parts = []
    for chunk in re.split(r"\s*,\s*", text):
        if "-" in chunk:
            first, last = (c.strip() for c in chunk.split("-"))
            parts.append(
                _("du %(first)s au %(last)s") % {"first": names[first], "last": names[last]}
            )
        else:
            parts.append(names[chunk])
    if len(parts) > 1:
        return _("%(some)s et %(last)s") % {"some": ", ".join(parts[:-1]), "last": parts[-1]}
    return parts[0]


def _times(text: str) -> str:
    if text in ("off", "closed"):
        return _("fermé")
    ranges = []
    for chunk in re.split(r"\s*,\s*", text):
        start, end = chunk.split("-")
        ranges.append(_("de %(start)s à %(end)s") % {"start": _hour(start), "end": _hour(end)})
    return _(" et ").join(ranges)


def in_words(opening_hours: str) -> str:
    """'Tu-Fr 17:00-21:00; Sa 14:00-19:00' → 'du mardi au vendredi de 17 h à 21 h ;
    samedi de 14 h à 19 h'. Rules it cannot read are kept as written."""
    rules = [r.strip() for r in opening_hours.split(";") if r.strip()]
    sentences = []
    for rule in rules:
        if rule == "PH off":
            sentences.append(_("fermé les jours fériés"))
            continue
        match = _RULE.match(rule)
        if match is None:
            sentences.append(rule)
        else:
            sentences.append(f"{_days(match['days'])} {_times(match['times'])}")
    return " ; ".join(sentences)
