"""Vocabularies of repérage. Codes in English, labels in French."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    HALL = "hall", _("Hall d'immeuble")
    PARK = "park", _("Parc, square")
    CAR_PARK = "car_park", _("Parking")
    SPORTS_GROUND = "sports_ground", _("Terrain de sport, city stade")
    MARKET = "market", _("Marché")
    CAFE = "cafe", _("Café, snack")
    TOWN_HALL = "town_hall", _("Mairie")
    SCHOOL = "school", _("Établissement scolaire")
    VAN_STOP = "van_stop", _("Arrêt du camion")
    EVENT_VENUE = "event_venue", _("Lieu d'événement")
    ONLINE = "online", _("Réseau social, en ligne")
    OTHER = "other", _("Autre")


class Modality(models.TextChoices):
    STREET_WALK = "street_walk", _("Maraude à pied")
    VAN = "van", _("Camion")
    EVENT = "event", _("Événement")
    DROP_IN = "drop_in", _("Permanence hors les murs")
    ONLINE = "online", _("En ligne, réseaux sociaux")
    HOME_VISIT = "home_visit", _("Visite à domicile")


class Weather(models.TextChoices):
    SUNNY = "sunny", _("Beau temps")
    CLOUDY = "cloudy", _("Nuageux")
    RAIN = "rain", _("Pluie")
    COLD = "cold", _("Froid")
    HOT = "hot", _("Forte chaleur")
    SNOW = "snow", _("Neige, verglas")


class AgeBand(models.TextChoices):
    UNDER_16 = "under_16", _("Moins de 16 ans")
    AGE_16_17 = "16_17", _("16–17 ans")
    AGE_18_21 = "18_21", _("18–21 ans")
    AGE_22_25 = "22_25", _("22–25 ans")
    AGE_26_29 = "26_29", _("26–29 ans")
    UNKNOWN = "unknown", _("Âge inconnu")


# Short labels for the counter grid on a phone.
AGE_BAND_SHORT = {
    AgeBand.UNDER_16: _("< 16"),
    AgeBand.AGE_16_17: _("16–17"),
    AgeBand.AGE_18_21: _("18–21"),
    AgeBand.AGE_22_25: _("22–25"),
    AgeBand.AGE_26_29: _("26–29"),
    AgeBand.UNKNOWN: _("Âge ?"),
}


class CountGender(models.TextChoices):
    WOMAN = "woman", _("Fille")
    MAN = "man", _("Garçon")
    UNKNOWN = "unknown", _("Non précisé")


class Channel(models.TextChoices):
    """How the young person was reached: directly, or through their circle."""

    DIRECT = "direct", _("En direct")
    FAMILY = "family", _("Via la famille")
    PEERS = "peers", _("Via des pairs")
    PARTNER = "partner", _("Via un partenaire")


CHANNEL_SHORT = {
    Channel.DIRECT: _("Direct"),
    Channel.FAMILY: _("Famille"),
    Channel.PEERS: _("Pairs"),
    Channel.PARTNER: _("Partenaire"),
}


class ContactMode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", _("Rencontre sur place")
    CALL = "call", _("Appel")
    MESSAGE = "message", _("SMS, message")
    SOCIAL_NETWORK = "social_network", _("Réseau social")
    VISIT = "visit", _("Visite")


class ContactResult(models.TextChoices):
    INFORMAL_TALK = "informal_talk", _("Discussion informelle")
    INFORMATION = "information", _("Information donnée")
    APPOINTMENT = "appointment", _("Rendez-vous pris")
    ACCOMPANIED = "accompanied", _("Accompagné·e quelque part")
    DECLINED = "declined", _("A décliné")


class ReferralSource(models.TextChoices):
    PARTNER = "partner", _("Une structure partenaire")
    FAMILY = "family", _("Un membre de la famille")
    PEER = "peer", _("Un ami, un pair")
    SCHOOL = "school", _("Un établissement scolaire")
    SELF = "self", _("Le jeune lui-même")


class ReferralState(models.TextChoices):
    NEW = "new", _("Nouveau")
    TAKEN = "taken", _("Pris en charge")
    CONTACT_MADE = "contact_made", _("Contact établi")
    CLOSED = "closed", _("Clôturé")


class CloseReason(models.TextChoices):
    FOLLOWED = "followed", _("Accompagnement engagé")
    REDIRECTED = "redirected", _("Orienté vers une autre structure")
    ALREADY_FOLLOWED = "already_followed", _("Déjà suivi ailleurs")
    UNREACHABLE = "unreachable", _("Injoignable")
    DECLINED = "declined", _("Le jeune ne souhaite pas d'accompagnement")
    NOT_ELIGIBLE = "not_eligible", _("Hors des critères du dispositif")
    DUPLICATE = "duplicate", _("Doublon")
    INVALID = "invalid", _("Demande erronée ou abusive")


def age_band_for_age(age: int | None) -> str:
    if age is None or age >= 30:
        return AgeBand.UNKNOWN
    if age < 16:
        return AgeBand.UNDER_16
    if age < 18:
        return AgeBand.AGE_16_17
    if age < 22:
        return AgeBand.AGE_18_21
    if age < 26:
        return AgeBand.AGE_22_25
    return AgeBand.AGE_26_29
