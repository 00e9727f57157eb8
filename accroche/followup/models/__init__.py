from accroche.followup.models.actions import OPEN_ACTION_STATUSES, Action, ActionStatus
from accroche.followup.models.aid import COMMITTED, Aid, AidKind, AidStatus, BudgetLine
from accroche.followup.models.appointments import Appointment, AppointmentOutcome
from accroche.followup.models.exits import (
    POSITIVE_OUTCOMES,
    FollowUpSituation,
    Outcome,
    OutcomeKind,
)
from accroche.followup.models.handoffs import (
    UNDER_WAY,
    CheckSituation,
    HandOff,
    HandOffCheck,
    HandOffStatus,
    HandOffTarget,
)
from accroche.followup.models.immersions import Immersion, ImmersionReview
from accroche.followup.models.interactions import ACTIVITY_KINDS, Interaction, InteractionKind
from accroche.followup.models.reminders import Reminder, ReminderKind
from accroche.followup.models.workshops import (
    Attendance,
    AttendanceStatus,
    Workshop,
    WorkshopKind,
    WorkshopSession,
)

__all__ = [
    "ACTIVITY_KINDS",
    "COMMITTED",
    "OPEN_ACTION_STATUSES",
    "POSITIVE_OUTCOMES",
    "UNDER_WAY",
    "Action",
    "ActionStatus",
    "Aid",
    "AidKind",
    "AidStatus",
    "Appointment",
    "AppointmentOutcome",
    "Attendance",
    "AttendanceStatus",
    "BudgetLine",
    "CheckSituation",
    "FollowUpSituation",
    "HandOff",
    "HandOffCheck",
    "HandOffStatus",
    "HandOffTarget",
    "Immersion",
    "ImmersionReview",
    "Interaction",
    "InteractionKind",
    "Outcome",
    "OutcomeKind",
    "Reminder",
    "ReminderKind",
    "Workshop",
    "WorkshopKind",
    "WorkshopSession",
]
