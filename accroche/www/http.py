from django.http import Http404, HttpRequest
from django_htmx.middleware import HtmxDetails

from accroche.access.actor import Actor
from accroche.accounts.models import User
from accroche.organisations.models import Membership


class AccrocheRequest(HttpRequest):
    """What our middleware puts on a logged-in request (for type checking)."""

    user: User
    actor: Actor | None
    memberships: list[Membership]
    htmx: HtmxDetails


def actor_of(request: AccrocheRequest) -> Actor:
    """The current actor; a user without an active membership sees nothing (404)."""
    if request.actor is None:
        raise Http404
    return request.actor
