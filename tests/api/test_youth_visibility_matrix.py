"""Who sees a file, page and API alike: structure (holder / shared with / other) × role ×
sharing consent (none / given / withdrawn). Anything not visible is a 404."""

import datetime

import pytest
from django.urls import reverse

from accroche.access.roles import Role
from tests.factories.organisations import StructureFactory
from tests.factories.youth import ConsentFactory, DiagnosticFactory, YouthFactory

FIELD_ROLES = {Role.MEDIATOR, Role.CASE_WORKER, Role.COORDINATOR}
MATRIX = [
    (place, role, consent)
    for place in ("holder", "shared", "other")
    for role in Role
    for consent in ("none", "given", "withdrawn")
]


def expected(place: str, role: str, consent: str) -> int:
    sees = role in FIELD_ROLES and (place == "holder" or (place == "shared" and consent == "given"))
    return 200 if sees else 404


@pytest.fixture
def setting(member, structure):
    def make(place: str, role: str, consent: str):
        shared, other = StructureFactory(), StructureFactory()
        youth = YouthFactory(holder_structure=structure)
        diagnostic = DiagnosticFactory(youth=youth, needs="Un logement")
        if consent != "none":
            ConsentFactory(
                youth=youth,
                shared_with=[shared],
                withdrawn_on=datetime.date.today() if consent == "withdrawn" else None,
            )
        viewer = {"holder": structure, "shared": shared, "other": other}[place]
        return youth, diagnostic, member(role, viewer)

    return make


@pytest.mark.parametrize(("place", "role", "consent"), MATRIX)
def test_file_page(setting, login, place, role, consent):
    youth, diagnostic, viewer = setting(place, role, consent)
    client = login(viewer)
    assert client.get(reverse("youth:detail", args=[youth.pk])).status_code == expected(
        place, role, consent
    )
    url = reverse("youth:diagnostic", args=[youth.pk, diagnostic.pk])
    assert client.get(url).status_code == expected(place, role, consent)


@pytest.mark.parametrize(("place", "role", "consent"), MATRIX)
def test_api(setting, api_client, place, role, consent):
    youth, diagnostic, viewer = setting(place, role, consent)
    client = api_client(viewer)
    want = expected(place, role, consent)
    assert client.get(f"/api/youth/{youth.pk}").status_code == want
    assert client.get(f"/api/youth/{youth.pk}/diagnostics/{diagnostic.pk}").status_code == want
    assert client.get(f"/api/youth/{youth.pk}/timeline").status_code == want
