"""Duplicates: "may already exist" for a file being typed, the review queue, merges."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from accroche.api.auth import actor_of
from accroche.linkage.matching import (
    Candidate,
    Pair,
    do_mark_not_duplicate,
    possible_duplicates,
    review_queue,
)
from accroche.linkage.merge import do_merge, do_undo_merge, undo_deadline
from accroche.linkage.models import Merge
from accroche.linkage.score import Reason
from accroche.territory.models import Commune

router = Router(tags=["Doublons"])


class ReasonOut(Schema):
    label: str
    weight: float = Field(description="Poids (log2) : positif rapproche, négatif distingue")

    @staticmethod
    def resolve_label(obj: Reason) -> str:
        return str(obj.label)

    @staticmethod
    def resolve_weight(obj: Reason) -> float:
        return round(obj.weight, 2)


class CandidateOut(Schema):
    youth_id: int
    display_name: str
    probability: float
    reasons: list[ReasonOut]

    @staticmethod
    def resolve_youth_id(obj: Candidate) -> int:
        return obj.youth.pk

    @staticmethod
    def resolve_display_name(obj: Candidate) -> str:
        return obj.youth.display_name

    @staticmethod
    def resolve_probability(obj: Candidate) -> float:
        return round(obj.probability, 3)


class SuggestionsOut(Schema):
    candidates: list[CandidateOut]
    elsewhere: list[str] = Field(
        description="Structures qui suivent probablement aussi ce jeune (rien d'autre de leurs "
        "fiches) : demandez-lui."
    )


class IdentityQuery(Schema):
    first_name: str = ""
    nickname: str = ""
    last_name: str = ""
    birth_date: date | None = None
    birth_year: int | None = None
    gender: str = ""
    phone: str = ""
    email: str = ""
    social_handle: str = ""
    residence_commune: str = Field("", description="Code INSEE")
    exclude: int | None = Field(None, description="Fiche à ne pas proposer (celle qu'on modifie)")


class PairOut(Schema):
    a: int
    b: int
    probability: float
    reasons: list[ReasonOut]

    @staticmethod
    def resolve_a(obj: Pair) -> int:
        return obj.a.pk

    @staticmethod
    def resolve_b(obj: Pair) -> int:
        return obj.b.pk

    @staticmethod
    def resolve_probability(obj: Pair) -> float:
        return round(obj.probability, 3)


class MergeIn(Schema):
    keep: int
    absorb: int


class MergeOut(Schema):
    id: int
    keep: int
    absorbed: int
    merged_at: datetime
    undo_until: datetime
    undone_at: datetime | None

    @staticmethod
    def resolve_keep(obj: Merge) -> int:
        return obj.keep_id

    @staticmethod
    def resolve_absorbed(obj: Merge) -> int:
        return obj.absorbed_id

    @staticmethod
    def resolve_undo_until(obj: Merge) -> datetime:
        return undo_deadline(obj)


class PairIn(Schema):
    a: int
    b: int


@router.get(
    "/possible-duplicates",
    response=SuggestionsOut,
    summary="Cette personne existe-t-elle déjà ? (avant de créer ou d'importer une fiche)",
)
def possible(request: HttpRequest, query: Query[IdentityQuery]) -> Any:
    data = query.dict()
    exclude = data.pop("exclude")
    code = data.pop("residence_commune")
    data["residence_commune"] = Commune.objects.filter(code=code).first() if code else None
    return possible_duplicates(actor_of(request), data, exclude=exclude)


@router.get("/queue", response=list[PairOut], summary="Doublons probables parmi mes fiches")
def queue(request: HttpRequest) -> Any:
    return review_queue(actor_of(request))


@router.post("/merges", response={201: MergeOut}, summary="Fusionner deux fiches")
def merge(request: HttpRequest, payload: MergeIn) -> Any:
    return Status(201, do_merge(actor_of(request), payload.keep, payload.absorb))


@router.post("/merges/{merge_id}/undo", response=MergeOut, summary="Annuler une fusion (30 jours)")
def undo(request: HttpRequest, merge_id: int) -> Any:
    return do_undo_merge(actor_of(request), merge_id)


@router.post(
    "/not-duplicates", response={201: PairIn}, summary="Ce ne sont pas les mêmes personnes"
)
def not_duplicate(request: HttpRequest, payload: PairIn) -> Any:
    do_mark_not_duplicate(actor_of(request), payload.a, payload.b)
    return Status(201, payload)
