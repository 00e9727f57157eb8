"""Multidisciplinary follow-up teams: per commune of a programme, professionals of several
structures, each with their role in the team."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accroche.organisations.models import Programme, Structure
from accroche.territory.models import Commune


class FollowUpTeam(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="teams")
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    name = models.CharField(_("nom de l'équipe"), max_length=200)
    meets = models.CharField(
        _("quand l'équipe se réunit"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple « le 1er mardi du mois, 14 h, à la mairie »."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("équipe pluridisciplinaire")
        ordering = ["commune__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "commune"], name="team_per_commune")
        ]

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    """A professional in a team (not necessarily a user of Accroche). Their professional
    contact is shown on the public "qui contacter ?" page only if ``is_public``."""

    team = models.ForeignKey(FollowUpTeam, on_delete=models.CASCADE, related_name="members")
    structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, related_name="+", verbose_name=_("structure")
    )
    name = models.CharField(_("nom"), max_length=200)
    role = models.CharField(_("rôle dans l'équipe"), max_length=200)
    phone = models.CharField(_("téléphone professionnel"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail professionnel"), blank=True)
    availability = models.CharField(
        _("quand le ou la joindre"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple « mardi et jeudi soir, samedi matin »."),
    )
    is_public = models.BooleanField(
        _("afficher sur la page publique « qui contacter ? »"), default=False
    )

    class Meta:
        verbose_name = _("membre d'équipe")
        ordering = ["structure__name", "name", "pk"]

    def __str__(self) -> str:
        return self.name
