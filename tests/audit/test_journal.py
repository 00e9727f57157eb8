import datetime

import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accroche.access.actor import Actor
from accroche.access.audit_log import purge_expired
from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.jobs.registry import run_due_jobs
from accroche.youth.access import get_youth
from tests.factories.youth import YouthFactory


def read_a_file(membership):
    youth = YouthFactory(holder_structure=membership.structure, first_name="Sabrina")
    get_youth(Actor(user=membership.user, membership=membership), youth.pk)
    return youth


def test_it_requires_a_role_that_may_read_the_journal(login, member, structure):
    for role in (Role.MEDIATOR, Role.CASE_WORKER, Role.PARTNER, Role.EVALUATOR):
        assert login(member(role, structure)).get(reverse("audit:journal")).status_code == 404


def test_a_coordinator_sees_what_their_structure_did(login, member, structure, other_structure):
    mine = read_a_file(member(Role.CASE_WORKER, structure))
    theirs = read_a_file(member(Role.CASE_WORKER, other_structure))
    page = login(member(Role.COORDINATOR, structure)).get(reverse("audit:journal")).text
    assert f"youth n° {mine.pk}" in page
    assert f"youth n° {theirs.pk}" not in page
    assert "Sabrina" not in page


def test_the_dpo_sees_every_structure(login, member, structure, other_structure):
    mine = read_a_file(member(Role.CASE_WORKER, structure))
    theirs = read_a_file(member(Role.CASE_WORKER, other_structure))
    page = login(member(Role.DPO, structure)).get(reverse("audit:journal")).text
    assert f"youth n° {mine.pk}" in page
    assert f"youth n° {theirs.pk}" in page


def test_filters_by_user_and_file(login, member, structure):
    reader = member(Role.CASE_WORKER, structure)
    first = read_a_file(reader)
    second = read_a_file(member(Role.MEDIATOR, structure))
    client = login(member(Role.DPO, structure))
    page = client.get(reverse("audit:journal"), {"user_email": reader.user.email}).text
    assert f"youth n° {first.pk}" in page
    assert f"youth n° {second.pk}" not in page
    page = client.get(reverse("audit:journal"), {"object_id": second.pk}).text
    assert f"youth n° {second.pk}" in page
    assert f"youth n° {first.pk}" not in page


def test_bad_filters_say_so_in_french(login, member, structure):
    client = login(member(Role.DPO, structure))
    page = client.get(reverse("audit:journal"), {"since": "2026-05-02", "until": "2026-05-01"})
    assert "La date de fin doit suivre la date de début." in page.text


def test_export_is_csv_and_is_itself_logged(login, member, structure):
    youth = read_a_file(member(Role.CASE_WORKER, structure))
    client = login(member(Role.COORDINATOR, structure))
    response = client.get(reverse("audit:journal"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")  # a byte-order mark, for Excel in French
    assert body.splitlines()[0].startswith("date;utilisateur;structure")
    assert f";youth;{youth.pk};" in body
    assert AuditEvent.objects.filter(action="export", object_type="audit").exists()


def test_reading_the_journal_is_itself_logged_with_its_filters(login, member, structure):
    reader = member(Role.CASE_WORKER, structure)
    youth = read_a_file(reader)
    dpo = member(Role.DPO, structure)
    client = login(dpo)
    client.get(reverse("audit:journal"), {"user_email": reader.user.email, "object_type": "youth"})
    looked = AuditEvent.objects.get(object_type="audit")
    assert (looked.user_id, looked.structure_id, looked.role) == (dpo.user_id, structure.pk, "dpo")
    assert looked.action == AuditEvent.Action.LIST
    assert looked.fields == sorted(
        [f"user_email={reader.user.email}", "object_type=youth", "page=1"]
    )
    shown = AuditEvent.objects.get(object_type="youth", object_id=youth.pk)
    assert looked.object_ids == [shown.pk]
    # The next look shows the first one: whoever reads the journal is in it.
    client.get(reverse("audit:journal"))
    second = AuditEvent.objects.filter(object_type="audit").exclude(pk=looked.pk).get()
    assert looked.pk in second.object_ids
    assert second.fields == ["page=1"]


def test_journal_query_count(login, member, structure, django_assert_num_queries):
    client = login(member(Role.DPO, structure))
    for _ in range(3):
        read_a_file(member(Role.CASE_WORKER, structure))
    with django_assert_num_queries(12, exact=False) as first:
        client.get(reverse("audit:journal"))
    for _ in range(6):
        read_a_file(member(Role.CASE_WORKER))
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("audit:journal"))


def _insert_event(at: datetime.datetime) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO access_auditevent (at, via, action, object_type, object_ids, fields, role)"
            " VALUES (%s, 'system', 'read', 'youth', '[]', '[]', '')",
            [at],
        )


def test_events_are_purged_after_a_year_and_not_before():
    now = timezone.now()
    _insert_event(now - datetime.timedelta(days=400))
    _insert_event(now - datetime.timedelta(days=300))
    assert purge_expired(now) == 1
    assert AuditEvent.objects.count() == 1


def test_the_purge_runs_as_a_daily_job():
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        _insert_event(timezone.now() - datetime.timedelta(days=500))
        result = run_due_jobs(only="purge_audit_log")["purge_audit_log"]
    assert result == "ok: 1 audit events older than the retention deleted"
