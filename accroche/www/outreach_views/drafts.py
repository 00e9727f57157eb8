"""Drafts kept on the phone (accroche/static/js/drafts.js) are dropped once the server
has recorded them: the pages tell the script which keys were saved."""

import uuid

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest

SESSION_KEY = "outreach_saved_keys"
KEEP = 20


def remember_saved(request: HttpRequest, key: uuid.UUID | None) -> None:
    if key is None:
        return
    keys = [str(key), *request.session.get(SESSION_KEY, [])]
    request.session[SESSION_KEY] = keys[:KEEP]


def saved_keys(request: HttpRequest) -> list[str]:
    session = getattr(request, "session", None)
    return list(session.get(SESSION_KEY, [])) if session is not None else []


def add_domain_errors(form: Form, exc: ValidationError) -> None:
    """Show a domain error next to its field when the form has it, on top otherwise."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, messages in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
