import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from accroche.access.roles import Role
from accroche.outreach.models import SessionCount
from accroche.outreach.sessions import count_grid, count_totals, do_count
from tests.factories.outreach import OutreachSessionFactory


@pytest.fixture
def session(programme):
    return OutreachSessionFactory(programme=programme)


def test_taps_add_up_in_one_cell(mediator, session):
    for _ in range(3):
        do_count(mediator, session, age_band="18_21", gender="woman")
    assert count_grid(session, "direct") == {("18_21", "woman"): 3}
    assert SessionCount.objects.count() == 1


def test_minus_never_goes_below_zero(mediator, session):
    do_count(mediator, session, age_band="16_17", gender="man")
    assert do_count(mediator, session, age_band="16_17", gender="man", delta=-1) == 0
    assert do_count(mediator, session, age_band="16_17", gender="man", delta=-1) == 0


def test_channels_are_counted_apart(mediator, session):
    do_count(mediator, session, age_band="22_25", gender="man", channel="family")
    do_count(mediator, session, age_band="22_25", gender="man")
    assert count_totals(session) == {"direct": 1, "family": 1}


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("age_band", {"age_band": "40_50", "gender": "man"}),
        ("gender", {"age_band": "18_21", "gender": "cat"}),
        ("delta", {"age_band": "18_21", "gender": "man", "delta": 5}),
    ],
)
def test_bad_taps_are_refused_in_french(mediator, session, field, kwargs):
    with pytest.raises(ValidationError) as exc:
        do_count(mediator, session, **kwargs)
    assert field in exc.value.message_dict
    assert not SessionCount.objects.exists()


def test_partners_cannot_count(actor, structure, session):
    with pytest.raises(Http404):
        do_count(actor(Role.PARTNER, structure), session, age_band="18_21", gender="man")


def test_an_htmx_tap_answers_the_grid(login, member, structure, session):
    client = login(member(Role.MEDIATOR, structure))
    response = client.post(
        reverse("outreach:count", args=[session.pk]),
        {"tap": "18_21:woman:1", "channel": "peers"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'data-cell="18_21:woman">1<' in response.text
    assert "<html" not in response.text
    assert count_totals(session) == {"peers": 1}


def test_a_tap_without_javascript_comes_back_to_the_session(login, member, structure, session):
    client = login(member(Role.MEDIATOR, structure))
    url = reverse("outreach:count", args=[session.pk])
    response = client.post(url, {"tap": "under_16:man:1", "channel": "direct"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("outreach:session", args=[session.pk]))
    assert count_totals(session) == {"direct": 1}


def test_another_structure_cannot_tap(login, member, other_structure, session):
    client = login(member(Role.MEDIATOR, other_structure))
    url = reverse("outreach:count", args=[session.pk])
    assert client.post(url, {"tap": "18_21:man:1"}).status_code == 404
    assert not SessionCount.objects.exists()


def test_switching_channel_shows_its_counts(login, member, mediator, structure, session):
    do_count(mediator, session, age_band="26_29", gender="unknown", channel="partner")
    client = login(member(Role.MEDIATOR, structure))
    response = client.get(
        reverse("outreach:count", args=[session.pk]),
        {"channel": "partner"},
        headers={"HX-Request": "true"},
    )
    assert 'data-cell="26_29:unknown">1<' in response.text


def test_changing_channel_without_javascript_counts_nothing(login, member, structure, session):
    client = login(member(Role.MEDIATOR, structure))
    url = reverse("outreach:count", args=[session.pk])
    response = client.post(url, {"show": "1", "channel": "family"})
    assert response.url.endswith("?canal=family#compteur")
    assert not SessionCount.objects.exists()
