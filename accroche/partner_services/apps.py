from django.apps import AppConfig


class PartnerServicesConfig(AppConfig):
    """Partner services (data·inclusion), their matching with a young person's barriers,
    coverage, the "who to contact" directory and territorial diagnostics. Their tables stay
    in the ``territory`` app (``accroche/territory/models/``), which holds them beside the
    reference data they point at; this package holds the rules and is above ``youth``."""

    name = "accroche.partner_services"
    label = "partner_services"
