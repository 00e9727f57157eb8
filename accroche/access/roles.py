"""The roles a membership can hold. What each may do is in ``permissions.py``; the values
are stored in ``Membership.role`` and must never change."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MEDIATOR = "mediator", _("Médiateur·rice / éducateur·rice de rue")
    CASE_WORKER = "case_worker", _("Référent·e / conseiller·ère")
    COORDINATOR = "coordinator", _("Coordinateur·rice")
    PARTNER = "partner", _("Partenaire")
    EVALUATOR = "evaluator", _("Évaluateur·rice")
    ADMIN = "admin", _("Administrateur·rice")
    DPO = "dpo", _("Délégué·e à la protection des données")
