"""Repérage over the API: places, sessions and their counters, contacts, referrals.
The same access layer and domain functions as the pages; creations accept an
``idempotency_key`` (UUID): a replay answers 200 with what the first call created."""

import datetime
import uuid
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from accroche.api.auth import actor_of
from accroche.api.inputs import Limit, Offset
from accroche.organisations.models import Programme, Structure
from accroche.outreach import referrals as acts
from accroche.outreach.access import (
    contacts_visible_to,
    get_contact,
    get_place,
    get_referral,
    get_session,
    list_contacts,
    list_referrals,
    outreach_programmes,
    places_visible_to,
    referrals_visible_to,
    sent_referrals,
    sessions_visible_to,
)
from accroche.outreach.contacts import do_record_contact
from accroche.outreach.models import OutreachSession, Place, Referral, SessionCount
from accroche.outreach.places import do_create_place, do_update_place
from accroche.outreach.sessions import do_count, do_end_session, do_start_session, do_update_session
from accroche.phones import Phone
from accroche.territory.models import Commune, Qpv
from accroche.youth.access import youths_visible_to

router = Router(tags=["Repérage"])

PlaceKindCode = Literal[
    "hall", "park", "car_park", "sports_ground", "market", "cafe", "town_hall", "school",
    "van_stop", "event_venue", "online", "other",
]  # fmt: skip
ModalityCode = Literal["street_walk", "van", "event", "drop_in", "online", "home_visit"]
WeatherCode = Literal["", "sunny", "cloudy", "rain", "cold", "hot", "snow"]
AgeBandCode = Literal["under_16", "16_17", "18_21", "22_25", "26_29", "unknown"]
AgeBandOrEmpty = Literal["", "under_16", "16_17", "18_21", "22_25", "26_29", "unknown"]
GenderCode = Literal["woman", "man", "unknown"]
GenderOrEmpty = Literal["", "woman", "man", "unknown"]
ChannelCode = Literal["direct", "family", "peers", "partner"]
ModeCode = Literal["face_to_face", "call", "message", "social_network", "visit"]
ResultCode = Literal["informal_talk", "information", "appointment", "accompanied", "declined"]
SourceCode = Literal["partner", "family", "peer", "school", "self"]
StateCode = Literal["new", "taken", "contact_made", "closed"]
CloseReasonCode = Literal[
    "followed", "redirected", "already_followed", "unreachable", "declined", "not_eligible",
    "duplicate", "invalid",
]  # fmt: skip


def _created(obj: Any, created: bool) -> Any:
    return Status(201 if created else 200, obj)


def _programme(actor: Any, pk: int | None) -> Programme | None:
    return outreach_programmes(actor).filter(pk=pk).first() if pk else None


def _commune(code: str | None, field: str = "commune") -> Commune | None:
    if not code:
        return None
    commune = Commune.objects.filter(code=code).first()
    if commune is None:
        raise ValidationError({field: _("Commune inconnue (code INSEE attendu).")})
    return commune


def _qpv(code: str | None) -> Qpv | None:
    if not code:
        return None
    qpv = Qpv.objects.filter(code=code).first()
    if qpv is None:
        raise ValidationError({"qpv": _("Quartier prioritaire inconnu (code QN… attendu).")})
    return qpv


# --- places --------------------------------------------------------------------------


class PlaceOut(Schema):
    id: int
    programme_id: int
    name: str
    kind: str
    commune: str | None = Field(None, description="Code INSEE")
    qpv: str | None = Field(None, description="Code QPV")
    latitude: float | None
    longitude: float | None
    is_active: bool

    @staticmethod
    def resolve_commune(obj: Place) -> str | None:
        return obj.commune.code if obj.commune else None

    @staticmethod
    def resolve_qpv(obj: Place) -> str | None:
        return obj.qpv.code if obj.qpv else None


class PlaceIn(Schema):
    programme_id: int
    name: str = Field(..., max_length=150)
    kind: PlaceKindCode
    commune: str | None = Field(None, max_length=5, description="Code INSEE")
    qpv: str | None = Field(None, max_length=10)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    idempotency_key: uuid.UUID | None = None


class PlacePatch(Schema):
    name: str | None = Field(None, max_length=150)
    kind: PlaceKindCode | None = None
    commune: str | None = Field(None, max_length=5)
    qpv: str | None = Field(None, max_length=10)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    is_active: bool | None = None


def _place_data(data: dict[str, Any]) -> dict[str, Any]:
    if "commune" in data:
        data["commune"] = _commune(data["commune"])
    if "qpv" in data:
        data["qpv"] = _qpv(data["qpv"])
    return data


@router.get("/places", response=list[PlaceOut], summary="Lieux des dispositifs de ma structure")
def list_places(request: HttpRequest) -> Any:
    return list(places_visible_to(actor_of(request)).select_related("commune", "qpv"))


@router.post("/places", response={200: PlaceOut, 201: PlaceOut}, summary="Ajouter un lieu")
def create_place(request: HttpRequest, payload: PlaceIn) -> Any:
    actor = actor_of(request)
    data = _place_data(payload.model_dump(exclude={"idempotency_key", "programme_id"}))
    data["programme"] = _programme(actor, payload.programme_id)
    return _created(*do_create_place(actor, data, idempotency_key=payload.idempotency_key))


@router.patch("/places/{place_id}", response=PlaceOut, summary="Modifier un lieu")
def update_place(request: HttpRequest, place_id: int, payload: PlacePatch) -> Any:
    actor = actor_of(request)
    place = get_place(actor, place_id)
    data = payload.model_dump(exclude_unset=True)
    for key in ("name", "kind", "is_active"):
        if key in data and data[key] is None:
            raise ValidationError({key: _("Ce champ ne peut pas être vide.")})
    do_update_place(actor, place, _place_data(data))
    return get_place(actor, place_id)


# --- sessions ------------------------------------------------------------------------


class CountOut(Schema):
    channel: str
    age_band: str
    gender: str
    count: int


class SessionOut(Schema):
    id: int
    programme_id: int
    structure_id: int
    modality: str
    started_at: datetime.datetime
    ended_at: datetime.datetime | None
    weather: str
    note: str
    place_ids: list[int]
    partner_structure_ids: list[int]
    team_ids: list[int]
    counts: list[CountOut]
    total: int

    @staticmethod
    def resolve_place_ids(obj: OutreachSession) -> list[int]:
        return [p.pk for p in obj.places.all()]

    @staticmethod
    def resolve_partner_structure_ids(obj: OutreachSession) -> list[int]:
        return [s.pk for s in obj.partner_structures.all()]

    @staticmethod
    def resolve_team_ids(obj: OutreachSession) -> list[int]:
        return [u.pk for u in obj.team.all()]

    @staticmethod
    def resolve_counts(obj: OutreachSession) -> list[Any]:
        return [c for c in obj.counts.all() if c.count]

    @staticmethod
    def resolve_total(obj: OutreachSession) -> int:
        return sum(c.count for c in obj.counts.all())


class SessionIn(Schema):
    programme_id: int
    modality: ModalityCode = "street_walk"
    started_at: datetime.datetime | None = Field(None, description="Vide : maintenant")
    ended_at: datetime.datetime | None = None
    weather: WeatherCode = ""
    note: str = Field("", max_length=2000)
    place_ids: list[int] = []
    partner_structure_ids: list[int] = []
    team_ids: list[int] = Field([], description="Vide : moi seul·e")
    idempotency_key: uuid.UUID | None = None


class SessionPatch(Schema):
    modality: ModalityCode | None = None
    started_at: datetime.datetime | None = None
    ended_at: datetime.datetime | None = None
    weather: WeatherCode | None = None
    note: str | None = Field(None, max_length=2000)
    place_ids: list[int] | None = None
    partner_structure_ids: list[int] | None = None
    team_ids: list[int] | None = None


class CountIn(Schema):
    age_band: AgeBandCode
    gender: GenderCode
    channel: ChannelCode = "direct"
    delta: Literal[1, -1] = 1


def _links(actor: Any, data: dict[str, Any]) -> dict[str, Any]:
    from accroche.accounts.models import User

    out: dict[str, Any] = {}
    if data.get("place_ids") is not None:
        out["places"] = list(places_visible_to(actor).filter(pk__in=data["place_ids"]))
        if len(out["places"]) != len(set(data["place_ids"])):
            raise ValidationError({"place_ids": _("Lieu inconnu.")})
    if data.get("partner_structure_ids") is not None:
        out["partner_structures"] = list(
            Structure.objects.filter(pk__in=data["partner_structure_ids"])
        )
    if data.get("team_ids") is not None:
        out["team"] = list(User.objects.filter(pk__in=data["team_ids"]))
        if len(out["team"]) != len(set(data["team_ids"])):
            raise ValidationError({"team_ids": _("Membre de l'équipe inconnu.")})
    return out


def _session_qs(actor: Any) -> Any:
    return sessions_visible_to(actor).prefetch_related(
        "places", "partner_structures", "team", Prefetch("counts", SessionCount.objects.all())
    )


@router.get("/sessions", response=list[SessionOut], summary="Sorties de ma structure")
def list_sessions(request: HttpRequest, limit: Limit = 50, offset: Offset = 0) -> Any:
    return list(_session_qs(actor_of(request)).order_by("-started_at")[offset : offset + limit])


@router.get("/sessions/{session_id}", response=SessionOut, summary="Une sortie")
def read_session(request: HttpRequest, session_id: int) -> Any:
    actor = actor_of(request)
    get_session(actor, session_id)
    return _session_qs(actor).get(pk=session_id)


@router.post(
    "/sessions", response={200: SessionOut, 201: SessionOut}, summary="Démarrer une sortie"
)
def start_session(request: HttpRequest, payload: SessionIn) -> Any:
    actor = actor_of(request)
    data = payload.model_dump(include={"modality", "started_at", "ended_at", "weather", "note"})
    data |= _links(actor, payload.model_dump())
    data["programme"] = _programme(actor, payload.programme_id)
    if not data.get("team"):
        data.pop("team", None)
    session, created = do_start_session(actor, data, idempotency_key=payload.idempotency_key)
    return _created(_session_qs(actor).get(pk=session.pk), created)


@router.patch("/sessions/{session_id}", response=SessionOut, summary="Modifier une sortie")
def update_session(request: HttpRequest, session_id: int, payload: SessionPatch) -> Any:
    actor = actor_of(request)
    session = get_session(actor, session_id, edit=True)
    raw = payload.model_dump(exclude_unset=True)
    data = {k: v for k, v in raw.items() if not k.endswith("_ids")}
    for key in ("modality", "started_at", "weather", "note"):
        if key in data and data[key] is None:
            raise ValidationError({key: _("Ce champ ne peut pas être vide.")})
    do_update_session(actor, session, data | _links(actor, raw))
    return _session_qs(actor).get(pk=session_id)


@router.post(
    "/sessions/{session_id}/counts",
    response=CountOut,
    summary="Compter un jeune de plus (delta 1) ou de moins (delta -1)",
)
def count(request: HttpRequest, session_id: int, payload: CountIn) -> Any:
    actor = actor_of(request)
    session = get_session(actor, session_id, edit=True)
    value = do_count(actor, session, **payload.model_dump())
    return CountOut(
        channel=payload.channel, age_band=payload.age_band, gender=payload.gender, count=value
    )


@router.post("/sessions/{session_id}/end", response=SessionOut, summary="Terminer une sortie")
def end_session(request: HttpRequest, session_id: int) -> Any:
    actor = actor_of(request)
    do_end_session(actor, get_session(actor, session_id, edit=True))
    return _session_qs(actor).get(pk=session_id)


# --- contacts ------------------------------------------------------------------------


class ContactOut(Schema):
    id: int
    session_id: int | None
    programme_id: int
    structure_id: int
    youth_id: int | None
    happened_at: datetime.datetime
    mode: str
    channel: str
    result: str
    age_band: str
    gender: str
    note: str


class NewYouthIn(Schema):
    first_name: str = Field("", max_length=100)
    nickname: str = Field("", max_length=100)
    phone: Phone = ""


class ContactIn(Schema):
    session_id: int | None = None
    programme_id: int | None = Field(None, description="Obligatoire hors d'une sortie")
    youth_id: int | None = Field(None, description="Un jeune que ma structure voit")
    new_youth: NewYouthIn | None = Field(None, description="Créer sa fiche (prénom ou surnom)")
    happened_at: datetime.datetime | None = None
    mode: ModeCode = "face_to_face"
    channel: ChannelCode = "direct"
    result: ResultCode = "informal_talk"
    age_band: AgeBandOrEmpty = ""
    gender: GenderOrEmpty = ""
    note: str = Field("", max_length=1000)
    idempotency_key: uuid.UUID | None = None


@router.get("/contacts", response=list[ContactOut], summary="Rencontres de ma structure")
def list_contacts_api(request: HttpRequest, limit: Limit = 50, offset: Offset = 0) -> Any:
    actor = actor_of(request)
    return list_contacts(actor, contacts_visible_to(actor)[offset : offset + limit])


@router.get("/contacts/{contact_id}", response=ContactOut, summary="Une rencontre")
def read_contact(request: HttpRequest, contact_id: int) -> Any:
    return get_contact(actor_of(request), contact_id)


@router.post(
    "/contacts",
    response={200: ContactOut, 201: ContactOut},
    summary="Noter une rencontre (et créer ou relier la fiche du jeune)",
)
def create_contact(request: HttpRequest, payload: ContactIn) -> Any:
    actor = actor_of(request)
    session = get_session(actor, payload.session_id, edit=True) if payload.session_id else None
    youth = None
    if payload.youth_id is not None:
        youth = youths_visible_to(actor).filter(pk=payload.youth_id).first()
        if youth is None:
            raise ValidationError({"youth_id": _("Jeune introuvable.")})
    data = payload.model_dump(include={"happened_at", "mode", "channel", "result", "age_band",
                                       "gender", "note"})  # fmt: skip
    data["programme"] = _programme(actor, payload.programme_id)
    contact, created = do_record_contact(
        actor, data, session=session, youth=youth,
        new_youth=payload.new_youth.model_dump() if payload.new_youth else None,
        idempotency_key=payload.idempotency_key,
    )  # fmt: skip
    return _created(contact, created)


# --- referrals -----------------------------------------------------------------------


class ReferralOut(Schema):
    id: int
    programme_id: int
    source: str
    sender_structure_id: int | None
    sender_name: str
    sender_contact: str
    name: str
    age_band: str
    phone: str
    email: str
    social_handle: str
    reach_when: str
    commune: str = Field(description="Code INSEE")
    qpv: str | None = Field(None, description="Code QPV")
    need: str
    state: str
    is_late: bool
    due_at: datetime.datetime
    taken_by_structure_id: int | None
    taken_at: datetime.datetime | None
    contact_made_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    close_reason: str
    youth_id: int | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_commune(obj: Referral) -> str:
        return obj.commune.code

    @staticmethod
    def resolve_qpv(obj: Referral) -> str | None:
        return obj.qpv.code if obj.qpv else None


class ReferralStatusOut(Schema):
    """What a sender sees: the status, nothing of the file."""

    id: int
    name: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    state: str
    taken_by_structure: str | None

    @staticmethod
    def resolve_taken_by_structure(obj: Referral) -> str | None:
        return obj.taken_by_structure.name if obj.taken_by_structure else None


class ReferralIn(Schema):
    programme_id: int
    source: SourceCode = Field("partner", description="Imposé à « partner » pour un partenaire")
    sender_name: str = Field("", max_length=150)
    sender_contact: str = Field("", max_length=150)
    name: str = Field(..., max_length=100)
    age_band: AgeBandOrEmpty = ""
    phone: Phone = ""
    email: str = Field("", max_length=254)
    social_handle: str = Field("", max_length=100)
    reach_when: str = Field("", max_length=150)
    commune: str = Field(..., max_length=5, description="Code INSEE")
    qpv: str | None = Field(None, max_length=10)
    need: str = Field("", max_length=1000)
    idempotency_key: uuid.UUID | None = None


class ContactMadeIn(Schema):
    youth_id: int | None = None
    create_youth: bool = False


class CloseIn(Schema):
    reason: CloseReasonCode
    note: str = Field("", max_length=300)


def _referral_qs(actor: Any) -> Any:
    return referrals_visible_to(actor).select_related("commune", "qpv")


@router.get("/referrals", response=list[ReferralOut], summary="Signalements à traiter")
def list_referrals_api(
    request: HttpRequest,
    state: StateCode | None = None,
    late: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    actor = actor_of(request)
    qs = _referral_qs(actor)
    if state:
        qs = qs.filter(state=state)
    if late:
        qs = qs.filter(acts.late_filter())
    return list_referrals(actor, qs.order_by("due_at", "pk")[offset : offset + limit])


@router.get("/referrals/sent", response=list[ReferralStatusOut], summary="Signalements envoyés")
def list_sent(request: HttpRequest, limit: Limit = 50, offset: Offset = 0) -> Any:
    actor = actor_of(request)
    qs = sent_referrals(actor).select_related("taken_by_structure").order_by("-created_at", "-pk")
    return list_referrals(actor, qs[offset : offset + limit])


@router.get("/referrals/{referral_id}", response=ReferralOut, summary="Un signalement")
def read_referral(request: HttpRequest, referral_id: int) -> Any:
    return get_referral(actor_of(request), referral_id)


@router.post(
    "/referrals", response={200: ReferralOut, 201: ReferralOut}, summary="Signaler un jeune"
)
def create_referral(request: HttpRequest, payload: ReferralIn) -> Any:
    actor = actor_of(request)
    data = payload.model_dump(exclude={"programme_id", "idempotency_key"})
    data["commune"] = _commune(payload.commune)
    data["qpv"] = _qpv(payload.qpv)
    referral, created = acts.do_create_referral(
        actor, _programme(actor, payload.programme_id), data,
        idempotency_key=payload.idempotency_key,
    )  # fmt: skip
    return _created(referral, created)


@router.post("/referrals/{referral_id}/take", response=ReferralOut, summary="Le prendre en charge")
def take(request: HttpRequest, referral_id: int) -> Any:
    actor = actor_of(request)
    return acts.take(actor, get_referral(actor, referral_id))


@router.post(
    "/referrals/{referral_id}/contact-made", response=ReferralOut, summary="Contact établi"
)
def contact_made(request: HttpRequest, referral_id: int, payload: ContactMadeIn) -> Any:
    actor = actor_of(request)
    referral = get_referral(actor, referral_id)
    youth = None
    if payload.youth_id is not None:
        youth = youths_visible_to(actor).filter(pk=payload.youth_id).first()
        if youth is None:
            raise ValidationError({"youth_id": _("Jeune introuvable.")})
    return acts.mark_contact_made(actor, referral, youth=youth, create_youth=payload.create_youth)


@router.post("/referrals/{referral_id}/close", response=ReferralOut, summary="Clôturer")
def close(request: HttpRequest, referral_id: int, payload: CloseIn) -> Any:
    actor = actor_of(request)
    return acts.close(actor, get_referral(actor, referral_id), payload.reason, payload.note)
