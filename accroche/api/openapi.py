"""The API description, completed in one place with what every operation can answer besides
its own result (no token, not allowed, not found, invalid data, too many requests) and with
the integer bounds that inputs.ApiParser enforces on every JSON body."""

import copy
from typing import Any

from ninja import NinjaAPI

from accroche.api.inputs import INT_MAX, INT_MIN

ERROR_SCHEMA = {
    "title": "Erreur",
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "Le message, en français"},
        "errors": {
            "type": "array",
            "description": "Pour une donnée invalide : le champ en cause et son message",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                "required": ["field", "message"],
            },
        },
    },
    "required": ["detail"],
}
_REF = {"$ref": "#/components/schemas/Erreur"}

COMMON_RESPONSES = {
    "401": "Jeton absent, inconnu, révoqué ou expiré.",
    "403": "Jeton en lecture seule pour une écriture, ou rôle sans ce droit.",
    "429": "Trop de requêtes : la limite de l'API est atteinte (voir Retry-After).",
}
NOT_FOUND = (
    "Introuvable (l'objet de l'adresse ou un objet désigné par son identifiant), ou hors de "
    "ce que votre structure voit : les deux se confondent."
)
INVALID = "Données invalides : chaque erreur nomme son champ."
UNREADABLE = "Le corps de la requête n'est pas du JSON valide."


def _bound_integers(schema: Any) -> None:
    if isinstance(schema, dict):
        if schema.get("type") == "integer":
            schema.setdefault("minimum", INT_MIN)
            schema.setdefault("maximum", INT_MAX)
        for value in schema.values():
            _bound_integers(value)
    elif isinstance(schema, list):
        for value in schema:
            _bound_integers(value)


def _complete(operation: dict[str, Any]) -> None:
    parameters = operation.get("parameters", [])
    answers = dict(COMMON_RESPONSES)
    if parameters or "requestBody" in operation:  # any id it is sent may designate nothing
        answers["404"] = NOT_FOUND
        answers["422"] = INVALID
    if "requestBody" in operation:
        answers["400"] = UNREADABLE
    responses = operation.setdefault("responses", {})
    for status, description in answers.items():
        responses.setdefault(
            status, {"description": description, "content": {"application/json": {"schema": _REF}}}
        )


class AccrocheAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        # A copy: ninja shares these dicts with the query parameters a Schema flattens into,
        # which the parser does not bound.
        components = copy.deepcopy(schema.setdefault("components", {}).get("schemas", {}))
        schema["components"]["schemas"] = components
        _bound_integers(components)
        components["Erreur"] = ERROR_SCHEMA
        for operations in schema["paths"].values():
            for operation in operations.values():
                _complete(operation)
        return schema
