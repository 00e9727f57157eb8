"""Pseudonyms, coarsening and small-cell suppression for what leaves Accroche without
names: the FSE+ participant listing, the committee's cases to review, the evaluators'
export.

- A pseudonym is an HMAC-SHA-256 of the young person's id under a key: a key typed by
  whoever exports (never stored), or the programme's own secret derived from the
  server's SECRET_KEY. Same key → same pseudonyms, so two exports can be joined; another
  key → pseudonyms that cannot be linked to the first ones nor traced back to an id.
- Ages go in bands, dates to the month.
- Cell suppression: in a record-level table, any value of a column shared by fewer than
  ``MIN_CELL`` (5) people is replaced by ``SUPPRESSED``, column by column (each
  variable's small categories; combinations of columns are not checked).
"""

import datetime
import hashlib
import hmac
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from accroche.organisations.models import Programme

MIN_CELL = 5
MIN_KEY_LENGTH = 12
SUPPRESSED = _("(masqué : moins de 5 personnes)")
PSEUDONYM_LENGTH = 12  # hex digits: 48 bits, no collision in practice at our scale


def programme_key(programme: Programme) -> bytes:
    """The programme's own pseudonymisation secret (stable while SECRET_KEY is)."""
    return salted_hmac("accroche.reports.pseudonymise", f"programme:{programme.pk}").digest()


def typed_key(text: str) -> bytes:
    """A key typed by a person: hashed so that any length gives a full-size HMAC key."""
    return hashlib.sha256(f"accroche-pseudonym:{text}".encode()).digest()


def pseudonym(key: bytes, youth_id: int) -> str:
    digest = hmac.new(key, f"youth:{youth_id}".encode(), hashlib.sha256).hexdigest()
    return "J-" + digest[:PSEUDONYM_LENGTH].upper()


EVALUATION_AGE_BANDS = (
    (0, 17, _("Moins de 18 ans")),
    (18, 21, _("18–21 ans")),
    (22, 25, _("22–25 ans")),
    (26, 29, _("26–29 ans")),
    (30, 200, _("30 ans et plus")),
)


def age_band_label(age: int | None) -> str:
    if age is None:
        return str(_("Non renseigné"))
    for low, high, label in EVALUATION_AGE_BANDS:
        if low <= age <= high:
            return str(label)
    return str(_("Non renseigné"))


def month(day: datetime.date | None) -> str:
    return f"{day:%Y-%m}" if day else ""


def count_band(n: int) -> str:
    if n == 0:
        return "0"
    if n < 5:
        return "1–4"
    if n < 10:
        return "5–9"
    return "10+"


def suppress_small_cells(
    rows: list[list[Any]], columns: Iterable[int], minimum: int = MIN_CELL
) -> dict[int, int]:
    """Replace, in place, every value shared by fewer than ``minimum`` rows in each of
    ``columns``; empty values are left alone. Returns the number of cells masked per
    column."""
    masked: dict[int, int] = {}
    for column in columns:
        counts = Counter(row[column] for row in rows)
        small = {value for value, n in counts.items() if n < minimum and value not in ("", None)}
        masked[column] = 0
        for row in rows:
            if row[column] in small:
                row[column] = str(SUPPRESSED)
                masked[column] += 1
    return masked


def pseudonymised_ids(key: bytes, youth_ids: Sequence[int]) -> dict[int, str]:
    return {youth_id: pseudonym(key, youth_id) for youth_id in youth_ids}
