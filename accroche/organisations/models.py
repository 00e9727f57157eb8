from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accroche.access.roles import Role


class StructureKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    STREET_EDUCATION = "prevention", _("Prévention spécialisée")
    SOCIAL_CENTRE = "social_centre", _("Centre social")
    MISSION_LOCALE = "mission_locale", _("Mission Locale")
    FRANCE_TRAVAIL = "france_travail", _("France Travail")
    MUNICIPALITY = "municipality", _("Commune / CCAS")
    INTERCOMMUNALITY = "intercommunality", _("Intercommunalité / Métropole")
    SIAE = "siae", _("Structure d'insertion par l'activité économique")
    SOCIAL_LANDLORD = "social_landlord", _("Bailleur social")
    SCHOOL = "school", _("Établissement scolaire")
    SPORTS_CLUB = "sports_club", _("Club sportif")
    COOPERATIVE = "cooperative", _("SCOP / SCIC")
    UNIVERSITY = "university", _("Université / laboratoire")
    COMPANY = "company", _("Entreprise")
    OTHER = "other", _("Autre")


class Structure(models.Model):
    """A partner organisation of the consortium."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=StructureKind.choices)
    # A value of the data·inclusion "réseaux porteurs" list, when the structure belongs to one.
    network = models.CharField(_("réseau (data·inclusion)"), max_length=100, blank=True)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    email = models.EmailField(_("e-mail de contact"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    commune = models.ForeignKey(
        "territory.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("commune"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("structure")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's attachment to a structure with one role (rattachement)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("actif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["structure__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "structure"], name="membership_user_structure")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.structure} · {self.get_role_display()}"


class Programme(models.Model):
    """A dispositif: what a consortium runs, with funders, targets and rules."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    slug = models.SlugField(_("adresse courte"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("début"))
    end_date = models.DateField(_("fin"))
    lead_structure = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        related_name="led_programmes",
        verbose_name=_("structure porteuse"),
    )
    total_budget = models.DecimalField(
        _("budget total (€)"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    communes = models.ManyToManyField(
        "territory.Commune", blank=True, verbose_name=_("communes du territoire")
    )
    qpvs = models.ManyToManyField(
        "territory.Qpv", blank=True, verbose_name=_("quartiers prioritaires")
    )
    structures: "models.ManyToManyField[Structure, Participation]" = models.ManyToManyField(
        Structure, through="Participation", related_name="programmes"
    )
    referral_deadline_hours = models.PositiveIntegerField(
        _("délai de réponse à un signalement (heures)"), default=72
    )
    no_contact_alert_days = models.PositiveIntegerField(
        _("alerte sans contact après (jours)"), default=21
    )
    immediate_need_alert_days = models.PositiveIntegerField(
        _("alerte besoin immédiat après (jours)"), default=7
    )
    retention_months = models.PositiveIntegerField(
        _("conservation après le dernier contact (mois)"), default=24
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("dispositif")

    def __str__(self) -> str:
        return self.name


class Participation(models.Model):
    """A structure taking part in a programme, with its own zones (they may overlap)."""

    class Kind(models.TextChoices):
        LEAD = "lead", _("Porteur")
        PARTNER = "partner", _("Partenaire opérationnel")
        UPSTREAM = "upstream", _("Partenaire de repérage")
        EVALUATOR = "evaluator", _("Évaluateur")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="participations"
    )
    structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, related_name="participations"
    )
    kind = models.CharField(_("rôle dans le dispositif"), max_length=20, choices=Kind.choices)
    zone_communes = models.ManyToManyField(
        "territory.Commune", blank=True, verbose_name=_("communes couvertes")
    )
    zone_qpvs = models.ManyToManyField("territory.Qpv", blank=True, verbose_name=_("QPV couverts"))

    class Meta:
        ordering = ["structure__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "structure"], name="participation_programme_structure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.structure} · {self.programme}"


class Funding(models.Model):
    class FunderKind(models.TextChoices):
        STATE_PIC = "state_pic", _("État – Plan d'investissement dans les compétences")
        FSE_PLUS = "fse_plus", _("Union européenne – FSE+")
        STATE_OTHER = "state_other", _("État – autre")
        REGION = "region", _("Région")
        DEPARTMENT = "department", _("Département")
        METROPOLE = "metropole", _("Métropole / intercommunalité")
        MUNICIPALITY = "municipality", _("Commune")
        CAF = "caf", _("CAF")
        PRIVATE = "private", _("Fondation / mécène")
        OWN = "own", _("Fonds propres")
        OTHER = "other", _("Autre")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="fundings")
    funder = models.CharField(_("financeur"), max_length=200)
    kind = models.CharField(_("type de financeur"), max_length=20, choices=FunderKind.choices)
    amount = models.DecimalField(
        _("montant (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    share = models.DecimalField(
        _("part (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        ordering = ["-amount"]

    def __str__(self) -> str:
        return self.funder


class Target(models.Model):
    class Indicator(models.TextChoices):
        SPOTTED = "spotted", _("Jeunes repérés")
        IDENTIFIED = "identified", _("Jeunes identifiés")
        ENROLLED = "enrolled", _("Jeunes accompagnés")
        HANDED_OFF = "handed_off", _("Jeunes orientés vers le service public de l'emploi")
        CEJ = "cej", _("Entrées en CEJ")
        POSITIVE_EXIT = "positive_exit", _("Sorties positives")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets")
    indicator = models.CharField(_("indicateur"), max_length=20, choices=Indicator.choices)
    minimum = models.PositiveIntegerField(_("objectif minimum"))
    maximum = models.PositiveIntegerField(_("objectif maximum"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "indicator"], name="target_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()} : {self.minimum}"


class EligibilityRules(models.Model):
    """A programme's eligibility rules, kept as data and evaluated on each file."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="rules")
    min_age = models.PositiveSmallIntegerField(_("âge minimum"), default=16)
    max_age = models.PositiveSmallIntegerField(_("âge maximum"), default=25)
    max_age_with_rqth = models.PositiveSmallIntegerField(
        _("âge maximum avec RQTH"), null=True, blank=True, default=29
    )
    max_diploma_level = models.ForeignKey(
        "territory.DiplomaLevel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("niveau de diplôme maximum"),
    )
    months_without_spe_contact = models.PositiveSmallIntegerField(
        _("mois sans contact avec la Mission Locale ou France Travail"), null=True, blank=True
    )
    neet_required = models.BooleanField(
        _("ni en emploi, ni en études, ni en formation"), default=True
    )
    territory_required = models.BooleanField(
        _("résider sur le territoire du dispositif"), default=True
    )

    def __str__(self) -> str:
        return f"{self.programme} · {self.min_age}–{self.max_age}"
