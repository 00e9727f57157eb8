"""Drafts kept on the phone (accroche/static/js/drafts.js) are dropped once the server
has recorded them: the pages tell the script which keys were saved."""

import uuid

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
