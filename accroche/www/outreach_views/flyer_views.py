"""A printable flyer with a QR code pointing to the programme's public contact page."""

import io

import segno
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from accroche.organisations.models import Programme
from accroche.outreach.access import outreach_programmes
from accroche.www.http import AccrocheRequest, actor_of
from accroche.youth.eligibility import stored_rules


def _programme(request: AccrocheRequest, pk: int) -> Programme:
    programme = outreach_programmes(actor_of(request)).filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


def public_url(request: AccrocheRequest, programme: Programme) -> str:
    return request.build_absolute_uri(reverse("public:self_referral", args=[programme.slug]))


def _qr(request: AccrocheRequest, programme: Programme) -> segno.QRCode:
    return segno.make(public_url(request, programme), error="m")


def _ages(programme: Programme) -> tuple[int, int]:
    """The ages the programme takes: the same rule as its eligibility check."""
    rules = stored_rules(programme)
    return (rules.min_age, rules.max_age)


def flyer(request: AccrocheRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    buffer = io.BytesIO()
    _qr(request, programme).save(buffer, kind="svg", scale=8, border=2, xmldecl=False, svgns=True)
    return render(
        request,
        "outreach/flyer.html",
        {
            "programme": programme,
            "url": public_url(request, programme),
            "qr_svg": buffer.getvalue().decode(),
            "deadline_days": max(1, round(programme.referral_deadline_hours / 24)),
            "ages": _ages(programme),
        },
    )


def qr_png(request: AccrocheRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    buffer = io.BytesIO()
    _qr(request, programme).save(buffer, kind="png", scale=12, border=4)
    response = HttpResponse(buffer.getvalue(), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="qr-{programme.slug}.png"'
    return response
