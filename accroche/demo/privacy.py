"""The demo's privacy: one file anonymised at the young person's request, and one file
whose referent was told it will be anonymised (no contact for almost 24 months)."""

import datetime

from django.utils import timezone

from accroche.access.actor import Actor
from accroche.access.roles import Role
from accroche.demo.consortium import DemoContext
from accroche.followup.common import add_months
from accroche.privacy.erasure import do_erase_youth
from accroche.privacy.models import Erasure, RetentionNotice
from accroche.privacy.retention import DEFAULT_MONTHS, NOTICE_DAYS
from accroche.youth.models import Gender, NameCompleteness, Youth
from accroche.youth.search import refresh_search_fields


def build(ctx: DemoContext) -> None:
    lead = ctx.programme.lead_structure
    coordinator = next(
        m
        for members in ctx.memberships.values()
        for m in members
        if m.role == Role.COORDINATOR and m.structure_id == lead.pk
    )
    erased = next(y for y in reversed(ctx.youths) if y.holder_structure_id == lead.pk)
    do_erase_youth(
        Actor(user=coordinator.user, membership=coordinator), erased, Erasure.Reason.REQUEST
    )
    # A file met once, almost two years ago; the daily job told its holder twelve days ago.
    told_on = ctx.today - datetime.timedelta(days=12)
    last_on = add_months(told_on + datetime.timedelta(days=NOTICE_DAYS), -DEFAULT_MONTHS)
    last_at = timezone.make_aware(datetime.datetime.combine(last_on, datetime.time(15)))
    quiet = Youth(
        first_name="Kévin",
        name_completeness=NameCompleteness.PARTIAL,
        gender=Gender.MAN,
        birth_year=ctx.today.year - 21,
        holder_structure=lead,
        created_by=coordinator.user,
    )
    refresh_search_fields(quiet)
    quiet.save()
    Youth.objects.filter(pk=quiet.pk).update(created_at=last_at, last_contact_at=last_at)
    RetentionNotice.objects.create(
        youth=quiet,
        due_on=add_months(last_on, DEFAULT_MONTHS),
        last_contact_on=last_on,
        recipients=1,
    )
