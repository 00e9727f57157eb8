from django.http import HttpRequest
from ninja import Router, Schema

from accroche.api.auth import actor_of

router = Router(tags=["Compte"])


class MeOut(Schema):
    user_id: int
    email: str
    structure_id: int
    structure: str
    role: str


@router.get("", response=MeOut, summary="Qui suis-je (jeton, structure, rôle)")
def me(request: HttpRequest) -> MeOut:
    actor = actor_of(request)
    return MeOut(
        user_id=actor.user.pk,
        email=actor.user.email,
        structure_id=actor.structure_id,
        structure=actor.structure.name,
        role=actor.role,
    )
