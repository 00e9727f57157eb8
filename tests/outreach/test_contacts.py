import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accroche.access.models import AuditEvent
from accroche.outreach.contacts import do_record_contact
from accroche.outreach.models import Contact
from accroche.youth.models import Youth
from accroche.youth.timeline import timeline_for
from tests.factories.outreach import OutreachSessionFactory
from tests.factories.youth import YouthFactory


@pytest.fixture
def session(programme):
    return OutreachSessionFactory(programme=programme)


def test_a_nickname_is_enough_to_create_the_file(mediator, session, structure):
    contact, created = do_record_contact(
        mediator, {}, session=session, new_youth={"first_name": "", "nickname": "Titi"}
    )
    youth = contact.youth
    assert created
    assert youth.nickname == "Titi"
    assert youth.holder_structure == structure
    assert youth.last_contact_at == contact.happened_at
    assert AuditEvent.objects.filter(action="create", object_type="youth", object_id=youth.pk)


def test_a_new_file_needs_a_name_and_nothing_is_kept_without_one(mediator, session):
    with pytest.raises(ValidationError) as exc:
        do_record_contact(mediator, {}, session=session, new_youth={"first_name": ""})
    assert "prénom ou un surnom" in str(exc.value)
    assert not Contact.objects.exists()
    assert not Youth.objects.exists()


def test_link_to_a_visible_file_updates_its_last_contact(mediator, session, structure):
    earlier = timezone.now() - datetime.timedelta(days=3)
    youth = YouthFactory(holder_structure=structure, last_contact_at=earlier)
    contact, _created = do_record_contact(mediator, {"result": "appointment"}, youth=youth,
                                          session=session)  # fmt: skip
    youth.refresh_from_db()
    assert youth.last_contact_at == contact.happened_at
    assert contact.age_band == "unknown"


def test_an_older_contact_leaves_last_contact_alone(mediator, session, structure):
    recent = timezone.now() - datetime.timedelta(hours=1)
    youth = YouthFactory(holder_structure=structure, last_contact_at=recent)
    long_ago = timezone.now() - datetime.timedelta(days=30)
    do_record_contact(mediator, {"happened_at": long_ago}, youth=youth, session=session)
    youth.refresh_from_db()
    assert youth.last_contact_at == recent


def test_another_structures_file_cannot_be_linked(mediator, session, other_structure):
    youth = YouthFactory(holder_structure=other_structure)
    with pytest.raises(ValidationError, match="introuvable"):
        do_record_contact(mediator, {}, youth=youth, session=session)
    assert not Contact.objects.exists()


def test_a_contact_on_its_own_needs_a_programme_of_the_structure(mediator, programme):
    contact, _ = do_record_contact(mediator, {"programme": programme, "mode": "call"})
    assert contact.session is None
    with pytest.raises(ValidationError, match="dispositif"):
        do_record_contact(mediator, {"mode": "call"})


def test_a_contact_in_the_future_is_refused(mediator, session):
    future = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="futur"):
        do_record_contact(mediator, {"happened_at": future}, session=session)


def test_contacts_appear_in_the_timeline_note_only_for_the_author(
    mediator, actor, session, structure, other_structure
):
    youth = YouthFactory(holder_structure=structure)
    do_record_contact(mediator, {"note": "parle de foot"}, youth=youth, session=session)
    mine = [e for e in timeline_for(mediator, youth) if e.kind == "contact"]
    assert len(mine) == 1
    assert "parle de foot" in mine[0].detail
    assert mine[0].url_name == "outreach:session"
    theirs = timeline_for(actor("case_worker", other_structure), youth)
    assert all("parle de foot" not in e.detail for e in theirs)


def test_a_contact_before_2000_is_refused(mediator, session):
    old = datetime.datetime(1999, 12, 31, 22, tzinfo=datetime.UTC)  # 23:00 in Paris
    with pytest.raises(ValidationError) as error:
        do_record_contact(mediator, {"happened_at": old}, session=session)
    assert error.value.message_dict["happened_at"] == [
        "Une rencontre ne peut pas dater d'avant le 1er janvier 2000 : vérifiez l'année."
    ]
    assert not Contact.objects.exists()
    first = datetime.datetime(1999, 12, 31, 23, 30, tzinfo=datetime.UTC)  # 1 January in Paris
    assert do_record_contact(mediator, {"happened_at": first}, session=session)[0].pk


def _back_dated(programme, ended: bool = True):
    # Yesterday 14:00-18:00, recorded today.
    day = timezone.localdate() - datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))
    return OutreachSessionFactory(
        programme=programme,
        started_at=start,
        ended_at=start + datetime.timedelta(hours=4) if ended else None,
    )


def test_a_named_contact_in_a_back_dated_session_happens_at_its_start(mediator, programme):
    session = _back_dated(programme)
    contact, _created = do_record_contact(
        mediator, {}, session=session, new_youth={"first_name": "Inès"}
    )
    assert contact.happened_at == session.started_at
    assert contact.youth.last_contact_at == session.started_at


def test_a_contact_in_a_session_under_way_happens_now(mediator, programme):
    session = _back_dated(programme, ended=False)
    before = timezone.now()
    contact, _created = do_record_contact(mediator, {}, session=session)
    assert before <= contact.happened_at <= timezone.now()


def test_a_time_given_is_kept(mediator, programme):
    session = _back_dated(programme)
    at = session.started_at + datetime.timedelta(hours=2)
    contact, _created = do_record_contact(mediator, {"happened_at": at}, session=session)
    assert contact.happened_at == at
