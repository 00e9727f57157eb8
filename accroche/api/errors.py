"""Every API error answers in French, with the field it concerns."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from accroche.validation_messages import pydantic_message as _pydantic_message
from accroche.youth.access import ReadOnlyFile


def _field(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "data")]
    return ".".join(parts) or "__all__"


def install(api: NinjaAPI) -> None:
    _keep_text_lengths(api)

    @api.exception_handler(ValidationError)
    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"field": _field(e.get("loc", ())), "message": _pydantic_message(e)} for e in exc.errors
        ]
        return api.create_response(
            request, {"detail": _("Données invalides."), "errors": errors}, status=422
        )

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400 and isinstance(exc.__cause__, ValidationError):
            return on_validation(request, exc.__cause__)  # refused by inputs.ApiParser
        if exc.status_code == 400 and exc.__cause__ is not None:  # ninja: unreadable body
            detail = _("Le corps de la requête n'est pas du JSON valide.")
            return api.create_response(request, {"detail": detail}, status=400)
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    @api.exception_handler(DataError)
    @api.exception_handler(IntegrityError)
    def on_database_refusal(request: HttpRequest, exc: Exception) -> HttpResponse:
        # What inputs.ApiParser and the schemas let through but a column or a constraint
        # refuses (a number too large for its column, ...): the client's data, not a crash.
        detail = _("Données refusées par la base : une valeur est hors des limites permises.")
        return api.create_response(request, {"detail": detail, "errors": []}, status=422)

    @api.exception_handler(DjangoValidationError)
    def on_domain_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            errors = [
                {"field": field, "message": str(message)}
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            errors = [{"field": "__all__", "message": str(m)} for m in exc.messages]
        return api.create_response(
            request, {"detail": _("Données invalides."), "errors": errors}, status=422
        )

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": _("Introuvable.")}, status=404)

    @api.exception_handler(ReadOnlyFile)
    def on_read_only(request: HttpRequest, exc: ReadOnlyFile) -> HttpResponse:
        # The file's state refuses the change, whoever asks: a conflict, not a right.
        return api.create_response(request, {"detail": str(exc.message)}, status=409)

    @api.exception_handler(OverflowError)
    def on_overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
        # An id too large for the database (SQLite raises; PostgreSQL finds no row): no
        # record can have it, so the same 404 as any id that is not there.
        return api.create_response(request, {"detail": _("Introuvable.")}, status=404)

    @api.exception_handler(AuthenticationError)
    def on_auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request,
            {"detail": _("Authentification requise : envoyez « Authorization: Bearer <jeton> ».")},
            status=401,
        )


def _keep_text_lengths(api: NinjaAPI) -> None:
    """Ninja drops what was sent from its errors; a text too long keeps its length, so the
    message says how much was typed (the same message as the forms')."""
    build = api.validation_error_from_error_contexts

    def with_lengths(error_contexts: Any) -> ValidationError:
        exc = build(error_contexts)
        sent = [
            e.get("input")
            for context in error_contexts
            for e in context.pydantic_validation_error.errors(include_url=False)
        ]
        for error, value in zip(exc.errors, sent, strict=True):
            if error.get("type") == "string_too_long" and isinstance(value, str):
                error["ctx"] = {**(error.get("ctx") or {}), "length": len(value)}
        return exc

    api.validation_error_from_error_contexts = with_lengths  # type: ignore[method-assign]
