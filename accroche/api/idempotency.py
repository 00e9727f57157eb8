"""The API side of accroche/idempotency: a repeat answered in place of the operation, and
the ``Idempotency-Key`` header documented on every POST operation."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from accroche.idempotency.records import HEADER, Answered

PARAMETER = {
    "name": HEADER,
    "in": "header",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 200},
    "description": (
        "Clé choisie par le client (un UUID par exemple) pour qu'une demande renvoyée "
        "(réseau coupé, réponse perdue) n'agisse qu'une fois : pendant 24 h, la même demande "
        "avec la même clé reçoit la première réponse réussie (en-tête "
        "`Idempotent-Replayed: true`). Une réponse d'erreur laisse la clé libre. La même clé "
        "pour une autre demande : 422 ; la première demande encore en cours : 409."
    ),
}


# What the key itself may answer, besides the operation's own answers.
_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Erreur"}}}
RESPONSES = {
    "400": "Clé d'idempotence mal formée.",
    "409": "La première demande avec cette clé est encore en cours, ou n'a pas abouti.",
    "422": "Cette clé a déjà servi pour une autre demande.",
}


def install(api: NinjaAPI) -> None:
    @api.exception_handler(Answered)
    def on_answered(request: HttpRequest, exc: Answered) -> HttpResponse:
        return exc.response

    generate = api.get_openapi_schema

    def with_header(**kwargs: Any) -> Any:
        schema = generate(**kwargs)
        for operations in schema["paths"].values():
            if "post" in operations:
                operations["post"].setdefault("parameters", []).append(PARAMETER)
                responses = operations["post"].setdefault("responses", {})
                for status, description in RESPONSES.items():
                    responses.setdefault(status, {"description": description, "content": _ERROR})
        return schema

    api.get_openapi_schema = with_header  # type: ignore[method-assign]
