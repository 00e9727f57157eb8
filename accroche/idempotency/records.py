"""Submitting twice acts once, for every form of the pages and every POST of the API: a
request sent with a key (a hidden field of the form, the ``Idempotency-Key`` header of the
API) records its answer under (user, key) for a day, and a repeat gets that answer again.

Only answers of a success are kept (a redirect, an ``HX-Redirect``, a JSON success of the
API): a form sent back with its errors leaves the key free for the corrected form. A key
sent again for another request (other address, other content, other structure) is refused
(422), and a repeat that arrives while the first request runs waits for its answer, or is
told to come back (409). Everything is in the database, so it holds across servers."""

import hashlib
import json
import re
import time
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.idempotency.models import IdempotencyRecord

KEY_FIELD = "idempotency_key"
HEADER = "Idempotency-Key"
KEEP = timedelta(hours=24)
WAIT_SECONDS = 3.0  # how long a repeat waits for the first request's answer
# No request runs this long: a record still without an answer is one whose server stopped
# (crash, restart) after it may have acted. It stays taken: a new key is a new request.
INTERRUPTED = timedelta(minutes=5)
POLL_SECONDS = 0.1
ATTR = "accroche_idempotency"
_VALID_KEY = re.compile(r"[\x21-\x7e]{1,200}")
_NOT_HASHED = frozenset({"csrfmiddlewaretoken", KEY_FIELD})  # a new page gives new ones


class Answered(Exception):
    """Raised where a request must stop (the API's authentication): carries the answer."""

    def __init__(self, response: HttpResponse) -> None:
        super().__init__(response.status_code)
        self.response = response


@dataclass
class Pending:
    key: str
    digest: str  # of the request itself; the structure acting is added when claimed
    api: bool
    record_id: int | None = None  # set once this request holds the key


def valid_key(value: str) -> bool:
    return _VALID_KEY.fullmatch(value) is not None


def start(request: HttpRequest, key: str, *, api: bool) -> None:
    setattr(request, ATTR, Pending(key=key, digest=_digest(request), api=api))


def claim(request: HttpRequest, user_id: int) -> HttpResponse | None:
    """Takes the key for this request (None: go on), or answers in its place: the first
    answer again, or a refusal."""
    pending: Pending | None = getattr(request, ATTR, None)
    if pending is None or pending.record_id is not None:
        return None
    actor = getattr(request, "actor", None)
    who = actor.membership.pk if actor is not None else ""
    fingerprint = hashlib.sha256(f"{pending.digest}:{who}".encode()).hexdigest()
    for _attempt in range(3):
        record_id = _insert(user_id, pending.key, fingerprint)
        if record_id is not None:
            pending.record_id = record_id
            return None
        record = _settled(user_id, pending.key, fingerprint)
        if record is None:
            continue  # the first request's answer was not kept, or the record expired
        if record.fingerprint != fingerprint:
            return refusal(request, pending.api, "reused")
        if record.status is None:
            interrupted = record.created_at < timezone.now() - INTERRUPTED
            return refusal(request, pending.api, "interrupted" if interrupted else "running")
        return _replay(record)
    return refusal(request, pending.api, "running")


def finish(request: HttpRequest, response: HttpResponseBase | None) -> None:
    """Keeps the answer of a success; frees the key otherwise (None: an exception)."""
    pending: Pending | None = getattr(request, ATTR, None)
    if pending is None or pending.record_id is None:
        return
    rows = IdempotencyRecord.objects.filter(pk=pending.record_id)
    pending.record_id = None
    if response is None or not _kept(pending, response):
        rows.delete()
        return
    content_type = response.get("Content-Type", "")
    assert isinstance(response, HttpResponse)  # _kept refuses streaming answers
    rows.update(
        status=response.status_code,
        location=response.get("Location", ""),
        hx_redirect=response.get("HX-Redirect", ""),
        content_type=content_type[:100],
        body=response.content.decode(response.charset) if pending.api else "",
    )


def prune() -> int:
    return IdempotencyRecord.objects.filter(created_at__lt=timezone.now() - KEEP).delete()[0]


# Why a request with a key is refused, and its status code.
REFUSALS = {"invalid": 400, "running": 409, "interrupted": 409, "reused": 422}


def refusal(request: HttpRequest, api: bool, reason: str) -> HttpResponse:
    status = REFUSALS[reason]
    if api:
        messages = {
            "invalid": _(
                "En-tête Idempotency-Key invalide : de 1 à 200 caractères visibles "
                "(un UUID par exemple)."
            ),
            "running": _(
                "Une demande avec cette clé Idempotency-Key est encore en cours : "
                "renvoyez-la dans quelques secondes pour obtenir sa réponse."
            ),
            "interrupted": _(
                "La première demande avec cette clé Idempotency-Key a été interrompue avant "
                "de répondre : elle a pu aboutir. Vérifiez-le avant de la renvoyer avec une "
                "nouvelle clé."
            ),
            "reused": _(
                "Cette clé Idempotency-Key a déjà servi pour une autre demande (autre adresse, "
                "autre contenu ou autre structure) : prenez une nouvelle clé pour une "
                "nouvelle demande."
            ),
        }
        return JsonResponse({"detail": messages[reason]}, status=status)
    messages = {
        "invalid": _("Clé d'envoi invalide : rechargez la page puis recommencez."),
        "running": _(
            "Ce formulaire est déjà en cours d'envoi. Patientez quelques secondes, puis "
            "rechargez la page pour vérifier qu'il a bien été enregistré."
        ),
        "interrupted": _(
            "Le premier envoi de ce formulaire a été interrompu : il a pu être enregistré. "
            "Vérifiez-le avant de recommencer depuis une page rechargée."
        ),
        "reused": _(
            "Ce formulaire a déjà été envoyé avec d'autres informations. Rien n'a été "
            "enregistré cette fois-ci : rechargez la page pour faire un nouvel envoi."
        ),
    }
    return render(
        request, "www/idempotency_refused.html", {"message": messages[reason]}, status=status
    )


def _digest(request: HttpRequest) -> str:
    sha = hashlib.sha256(f"{request.method} {request.get_full_path()}\n".encode())
    if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        # The parsed fields, not the raw body: the page's CSRF token changes at each load,
        # and an upload may be larger than what Django reads into memory.
        fields = [
            [name, request.POST.getlist(name)]
            for name in sorted(request.POST)
            if name not in _NOT_HASHED
        ]
        sha.update(json.dumps(fields).encode())
        for name in sorted(request.FILES):
            for upload in request.FILES.getlist(name):
                sha.update(f"\n{name}:{upload.name}:{upload.size}\n".encode())
                for chunk in upload.chunks():
                    sha.update(chunk)
                upload.seek(0)
    else:
        sha.update(request.body)
    return sha.hexdigest()


def _insert(user_id: int, key: str, fingerprint: str) -> int | None:
    """One statement that either takes the key or does nothing (no error to roll back,
    so no savepoint): the id if this request took it."""
    q = connection.ops.quote_name
    table = q(IdempotencyRecord._meta.db_table)
    columns, unique = (
        f"{q('user_id')}, {q('key')}, {q('fingerprint')}",
        f"{q('user_id')}, {q('key')}",
    )
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s) "  # noqa: S608 - names from the model
        f"ON CONFLICT ({unique}) DO NOTHING RETURNING {q('id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id, key, fingerprint])
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def _settled(user_id: int, key: str, fingerprint: str) -> IdempotencyRecord | None:
    """The record holding the key, once its request has answered (or the wait is over)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        record = IdempotencyRecord.objects.filter(user_id=user_id, key=key).first()
        if record is None:
            return None
        if record.created_at < timezone.now() - KEEP:
            IdempotencyRecord.objects.filter(pk=record.pk, created_at=record.created_at).delete()
            return None
        if (
            record.status is not None
            or record.fingerprint != fingerprint
            or record.created_at < timezone.now() - INTERRUPTED
            or time.monotonic() >= deadline
        ):
            return record
        time.sleep(POLL_SECONDS)


def _kept(pending: Pending, response: HttpResponseBase) -> bool:
    if response.streaming:
        return False
    status = response.status_code
    if 300 <= status < 400:
        return True
    if not 200 <= status < 300:
        return False
    if response.has_header("HX-Redirect"):
        return True
    # A page answered with 200 is a form shown again (with its errors, or a search).
    assert isinstance(response, HttpResponse)
    json_body = response.get("Content-Type", "").startswith("application/json")
    return pending.api and (json_body or not response.content)


def _replay(record: IdempotencyRecord) -> HttpResponse:
    assert record.status is not None
    content_type = record.content_type or None
    response: HttpResponse
    if record.location:
        response = HttpResponseRedirect(
            record.location, content=record.body, status=record.status, content_type=content_type
        )
    else:
        response = HttpResponse(record.body, status=record.status, content_type=content_type)
    if record.hx_redirect:
        response["HX-Redirect"] = record.hx_redirect
    response["Idempotent-Replayed"] = "true"
    return response
