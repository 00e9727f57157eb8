"""Retention (CNIL référentiel 2021-028): a file without contact for the programme's
retention period (24 months by default) is anonymised; its referent is told 30 days
before. A new contact in the meantime moves the date and cancels the notice."""

import datetime
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db.models import DateTimeField, Max
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accroche.access.permissions import Perm, roles_with
from accroche.followup.common import add_months
from accroche.organisations.models import Membership, Programme
from accroche.privacy.erasure import do_erase_youth
from accroche.privacy.models import Erasure, RetentionNotice
from accroche.youth.models import Enrolment, Youth

DEFAULT_MONTHS = 24
NOTICE_DAYS = 30


@dataclass
class RetentionRun:
    notified: int = 0
    anonymised: int = 0

    def __str__(self) -> str:
        return f"{self.notified} retention notices sent, {self.anonymised} files anonymised"


def _months_by_youth(ids: list[int]) -> dict[int, int]:
    """The longest retention among the programmes a young person was enrolled in."""
    rows = (
        Enrolment.objects.filter(youth_id__in=ids)
        .values("youth_id")
        .annotate(months=Max("programme__retention_months"))
    )
    return {row["youth_id"]: row["months"] for row in rows}


def _recipients(youth: Youth) -> list[str]:
    """The referents of the file's enrolments; else its holder structure's coordinators."""
    referents = Membership.objects.filter(
        referred_enrolments__youth=youth, is_active=True
    ).values_list("user__email", flat=True)
    emails = sorted(set(referents))
    if not emails:
        emails = sorted(
            set(
                Membership.objects.filter(
                    structure_id=youth.holder_structure_id,
                    role__in=roles_with(Perm.RECEIVE_RETENTION_NOTICES),
                    is_active=True,
                ).values_list("user__email", flat=True)
            )
        )
    return emails


def _notify(youth: Youth, due_on: datetime.date, last_contact_on: datetime.date) -> None:
    emails = _recipients(youth)
    RetentionNotice.objects.create(
        youth=youth, due_on=due_on, last_contact_on=last_contact_on, recipients=len(emails)
    )
    if emails:
        # No name in the e-mail: only the file's number, read after logging in.
        send_mail(
            _("Accroche : une fiche sera anonymisée le %(date)s") % {"date": date_format(due_on)},
            _(
                "Bonjour,\n\nLa fiche n° %(pk)s n'a eu aucun contact depuis le %(last)s. "
                "Comme le prévoit la durée de conservation du dispositif, elle sera anonymisée "
                "le %(date)s : l'identité et les notes seront effacées, les chiffres du "
                "dispositif resteront.\n\nSi le jeune est toujours accompagné, enregistrez "
                "un échange sur sa fiche avant cette date.\n\nAccroche"
            )
            % {"pk": youth.pk, "last": date_format(last_contact_on), "date": date_format(due_on)},
            None,
            emails,
        )


def apply_retention(now: datetime.datetime | None = None) -> RetentionRun:
    now = now or timezone.now()
    today = timezone.localdate(now)
    shortest = min([DEFAULT_MONTHS, *Programme.objects.values_list("retention_months", flat=True)])
    # A day of slack: the exact dates are compared below, in local time.
    horizon_day = add_months(today, -shortest) + datetime.timedelta(days=NOTICE_DAYS + 1)
    horizon = timezone.make_aware(datetime.datetime.combine(horizon_day, datetime.time.min))
    candidates = list(
        Youth.objects.filter(anonymised_at__isnull=True)
        .exclude(pk__in=Erasure.objects.values("youth_id"))
        .annotate(last=Coalesce("last_contact_at", "created_at", output_field=DateTimeField()))
        .filter(last__lte=horizon)
    )
    months = _months_by_youth([y.pk for y in candidates])
    notices = {
        (n.youth_id, n.last_contact_on): n
        for n in RetentionNotice.objects.filter(youth__in=candidates)
    }
    run = RetentionRun()
    for youth in candidates:
        last_on = timezone.localdate(youth.last)
        due = add_months(last_on, months.get(youth.pk, DEFAULT_MONTHS))
        notice = notices.get((youth.pk, last_on))
        if notice is None:
            if today >= due - datetime.timedelta(days=NOTICE_DAYS):
                # Never anonymise without 30 days' notice, even if the job was not running.
                _notify(youth, max(due, today + datetime.timedelta(days=NOTICE_DAYS)), last_on)
                run.notified += 1
        elif today >= notice.due_on:
            do_erase_youth(None, youth, Erasure.Reason.RETENTION)
            run.anonymised += 1
    return run


def pending_notice(youth: Youth) -> RetentionNotice | None:
    """The notice in force for a file (none once a later contact was recorded)."""
    if youth.anonymised_at:
        return None
    last = youth.last_contact_at or youth.created_at
    return RetentionNotice.objects.filter(
        youth=youth, last_contact_on=timezone.localdate(last)
    ).first()
