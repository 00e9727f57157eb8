from collections.abc import Callable
from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accroche.access.actor import Actor
from accroche.organisations.memberships import active_memberships
from accroche.www.http import AccrocheRequest
from accroche.youth.access import ReadOnlyFile

SESSION_KEY = "accroche_membership_id"


class CurrentMembershipMiddleware:
    """Puts the user's current membership (structure + role) on the request, as
    ``request.actor``; the user picks it among their structures (session)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, http_request: HttpRequest) -> HttpResponse:
        request = cast("AccrocheRequest", http_request)
        request.actor = None
        request.memberships = []
        if request.user.is_authenticated and not request.path.startswith("/api/"):
            memberships = active_memberships(request.user)
            wanted = request.session.get(SESSION_KEY)
            current = next((m for m in memberships if m.pk == wanted), None)
            if current is None and memberships:
                current = memberships[0]
            request.memberships = memberships
            if current is not None:
                request.actor = Actor(user=request.user, membership=current)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A change asked of an anonymised file: a page that says so, 409 Conflict."""
        if not isinstance(exception, ReadOnlyFile):
            return None
        youth_pk = (request.resolver_match.kwargs if request.resolver_match else {}).get("pk")
        return render(
            request,
            "youth/read_only.html",
            {"message": exception.message, "youth_pk": youth_pk},
            status=409,
        )
