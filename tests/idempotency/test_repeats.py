"""Issue 17, double submits: the important creates of the pages and of the API, sent twice
with one key, create once and answer the second time as the first."""

import html
import re
import uuid

from django.urls import reverse
from django.utils import timezone

from accroche.access.roles import Role
from accroche.followup.models import HandOff, Interaction
from accroche.idempotency.models import IdempotencyRecord
from accroche.youth.models import Youth


def _page_key(client, url: str) -> str:
    """The key the page's own form carries (not the logout's), as a browser sends it."""
    forms = re.findall(r"<form\b([^>]*)>(.*?)</form>", client.get(url).text, re.DOTALL)
    keys = [
        key
        for attrs, inner in forms
        if 'method="post"' in attrs and "action=" not in attrs
        for key in re.findall(r'name="idempotency_key" value="([^"]+)"', inner)
    ]
    assert len(keys) == 1
    return keys[0]


def _twice(client, url: str, data: dict) -> tuple:
    data = {"idempotency_key": _page_key(client, url)} | data
    return client.post(url, data), client.post(url, data)


def test_the_youth_form_sent_twice_creates_one_file(login, member, structure):
    client = login(member(Role.CASE_WORKER, structure))
    first, second = _twice(
        client, reverse("youth:create"), {"first_name": "Aya", "gender": "woman"}
    )
    youth = Youth.objects.get()
    assert first.url == second.url == reverse("youth:detail", args=[youth.pk])
    assert second["Idempotent-Replayed"] == "true"


def test_the_interview_form_sent_twice_records_one_interview(login, referent, youth):
    client = login(referent.membership)
    url = reverse("followup:interaction_create", args=[youth.pk])
    when = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    first, second = _twice(client, url, {"kind": "interview", "happened_at": when})
    assert Interaction.objects.count() == 1
    assert first.url == second.url


def test_the_handoff_form_sent_twice_proposes_one_handoff(login, referent, youth):
    client = login(referent.membership)
    url = reverse("followup:handoff_create", args=[youth.pk])
    first, second = _twice(client, url, {"target": "mission_locale"})
    assert HandOff.objects.count() == 1
    assert first.url == second.url


def test_a_form_with_errors_leaves_the_key_for_the_corrected_form(login, member, structure):
    client = login(member(Role.CASE_WORKER, structure))
    url = reverse("youth:create")
    key = _page_key(client, url)
    refused = client.post(url, {"idempotency_key": key, "last_name": "Durand"})
    assert refused.status_code == 200
    assert not Youth.objects.exists()
    assert not IdempotencyRecord.objects.exists()
    corrected = client.post(url, {"idempotency_key": key, "first_name": "Aya", "gender": "woman"})
    assert corrected.status_code == 302
    assert Youth.objects.count() == 1


def test_a_key_sent_again_with_other_data_is_refused_in_french(login, member, structure):
    client = login(member(Role.CASE_WORKER, structure))
    url = reverse("youth:create")
    key = _page_key(client, url)
    client.post(url, {"idempotency_key": key, "first_name": "Aya", "gender": "woman"})
    other = client.post(url, {"idempotency_key": key, "first_name": "Inès", "gender": "woman"})
    assert other.status_code == 422
    assert "déjà été envoyé avec d'autres informations" in html.unescape(other.text)
    assert list(Youth.objects.values_list("first_name", flat=True)) == ["Aya"]


def test_a_key_of_another_user_is_theirs_alone(login, member, structure):
    data = {"idempotency_key": str(uuid.uuid4()), "first_name": "Aya", "gender": "woman"}
    login(member(Role.CASE_WORKER, structure)).post(reverse("youth:create"), data)
    login(member(Role.CASE_WORKER, structure)).post(reverse("youth:create"), data)
    assert Youth.objects.count() == 2


def test_a_forged_key_is_refused(login, member, structure):
    client = login(member(Role.CASE_WORKER, structure))
    response = client.post(reverse("youth:create"), {"idempotency_key": "é" * 3, "first_name": "A"})
    assert response.status_code == 400
    assert "Clé d'envoi invalide" in html.unescape(response.text)
    assert not Youth.objects.exists()


def _api_twice(client, url: str, body: dict, key: str | None = None) -> tuple:
    headers = {"Idempotency-Key": key or str(uuid.uuid4())}
    return tuple(
        client.post(url, body, content_type="application/json", headers=headers) for _ in (1, 2)
    )


def test_post_api_youth_twice_creates_one_file(api_client, member, structure):
    client = api_client(member(Role.MEDIATOR, structure))
    first, second = _api_twice(client, "/api/youth", {"nickname": "Titi"})
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert first.json()["id"] == Youth.objects.get().pk
    assert second["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first


def test_an_interview_through_the_api_twice_is_recorded_once(api_client, referent, youth):
    client = api_client(referent.membership)
    url = f"/api/followup/youth/{youth.pk}/interactions"
    body = {"kind": "interview", "happened_at": timezone.now().isoformat()}
    first, second = _api_twice(client, url, body)
    assert first.status_code == second.status_code == 201, first.content
    assert first.content == second.content
    assert Interaction.objects.count() == 1


def test_a_handoff_through_the_api_twice_is_proposed_once(api_client, referent, youth):
    client = api_client(referent.membership)
    url = f"/api/followup/youth/{youth.pk}/handoffs"
    first, second = _api_twice(client, url, {"target": "mission_locale"})
    assert first.status_code == second.status_code == 201, first.content
    assert first.content == second.content
    assert HandOff.objects.count() == 1


def test_the_api_refuses_a_key_sent_again_for_another_body(api_client, member, structure):
    client = api_client(member(Role.MEDIATOR, structure))
    headers = {"Idempotency-Key": "commande-42"}
    client.post(
        "/api/youth", {"nickname": "Titi"}, content_type="application/json", headers=headers
    )
    other = client.post(
        "/api/youth", {"nickname": "Toto"}, content_type="application/json", headers=headers
    )
    assert other.status_code == 422
    assert "déjà servi pour une autre demande" in other.json()["detail"]
    assert Youth.objects.count() == 1


def test_the_same_key_from_another_structure_is_another_request(
    api_client, member, structure, other_structure
):
    """A person working for two structures: the answer given to one is not the other's."""
    mine = member(Role.MEDIATOR, structure)
    theirs = member(Role.MEDIATOR, other_structure)
    theirs.user = mine.user
    theirs.save()
    headers = {"Idempotency-Key": "k"}
    body = {"nickname": "Titi"}
    api_client(mine).post("/api/youth", body, content_type="application/json", headers=headers)
    other = api_client(theirs).post(
        "/api/youth", body, content_type="application/json", headers=headers
    )
    assert other.status_code == 422


def test_an_api_error_leaves_the_key_free(api_client, member, structure):
    client = api_client(member(Role.MEDIATOR, structure))
    headers = {"Idempotency-Key": "k-1"}
    refused = client.post(
        "/api/youth", {"last_name": "Durand"}, content_type="application/json", headers=headers
    )
    assert refused.status_code == 422
    # The corrected body under the same key: the refusal did not hold the key.
    corrected = client.post(
        "/api/youth",
        {"first_name": "Aya", "gender": "woman"},
        content_type="application/json",
        headers=headers,
    )
    assert corrected.status_code == 201
    assert Youth.objects.count() == 1


def test_the_api_refuses_an_unusable_key(api_client, member, structure):
    client = api_client(member(Role.MEDIATOR, structure))
    response = client.post(
        "/api/youth", {"nickname": "Titi"}, content_type="application/json",
        headers={"Idempotency-Key": "x" * 201},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Idempotency-Key invalide" in response.json()["detail"]
    assert not Youth.objects.exists()


def test_a_repeat_without_a_valid_token_is_not_answered(api_client, member, structure):
    """The key is looked at once the token is known: a repeat without it gets a 401, never
    the first answer."""
    membership = member(Role.MEDIATOR, structure)
    client = api_client(membership)
    headers = {"Idempotency-Key": "k-2"}
    client.post(
        "/api/youth", {"nickname": "Titi"}, content_type="application/json", headers=headers
    )
    anonymous = client.__class__()
    response = anonymous.post(
        "/api/youth", {"nickname": "Titi"}, content_type="application/json", headers=headers
    )
    assert response.status_code == 401
