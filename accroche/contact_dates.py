"""The earliest date a contact with a young person (an outreach encounter, an interview or
a call) may carry: none predates the programmes, so an earlier one is a typing mistake
(a year typed "0226" or "1926"). The future is refused by each rule, with a tolerance."""

import datetime

from django.utils import timezone

EARLIEST_CONTACT = datetime.date(2000, 1, 1)


def is_before_earliest(at: datetime.datetime) -> bool:
    day = timezone.localtime(at).date() if timezone.is_aware(at) else at.date()
    return day < EARLIEST_CONTACT
