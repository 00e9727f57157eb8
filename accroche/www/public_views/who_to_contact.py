"""The public "qui contacter ?" page of a programme: no login, for a phone, plain French.
It shows professionals and structures only, never anything about a young person."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse

from accroche.organisations.models import Programme
from accroche.partner_services.directory import contacts_for
from accroche.www.http import AccrocheRequest

SELF_REFERRAL_PATH = "/p/{slug}/contact/"


def self_referral_url(slug: str) -> str:
    """The outreach pages' self-referral form; its path if that page is not installed."""
    try:
        return reverse("public:self_referral", args=[slug])
    except NoReverseMatch:
        return SELF_REFERRAL_PATH.format(slug=slug)


@login_not_required
def page(request: AccrocheRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    communes = list(programme.communes.order_by("name"))
    code = request.GET.get("commune", "")
    chosen = next((c for c in communes if c.code == code), None)
    sections = contacts_for(programme, [chosen] if chosen else communes)
    return render(
        request,
        "public/who_to_contact.html",
        {
            "programme": programme,
            "communes": communes,
            "chosen": chosen,
            "sections": sections,
            "contact_url": self_referral_url(programme.slug),
        },
    )
