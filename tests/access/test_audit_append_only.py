import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from accroche.access.audit import log_system
from accroche.access.models import AuditEvent


def test_the_model_refuses_to_save_an_existing_row():
    event = log_system("read", "youth", 1)
    event.action = "delete"
    with pytest.raises(RuntimeError):
        event.save()


def test_the_model_refuses_to_delete():
    with pytest.raises(RuntimeError):
        log_system("read", "youth", 1).delete()


def test_the_database_refuses_an_update():
    log_system("read", "youth", 1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.update(action="delete")
    assert AuditEvent.objects.get().action == "read"


def test_the_database_refuses_to_delete_a_recent_row():
    log_system("read", "youth", 1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == 1


def test_the_database_lets_rows_older_than_the_retention_be_purged():
    old = timezone.now() - datetime.timedelta(days=400)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO access_auditevent (at, via, action, object_type, object_ids, fields, role)"
            " VALUES (%s, 'system', 'read', 'youth', '[]', '[]', '')",
            [old],
        )
    log_system("read", "youth", 2)
    AuditEvent.objects.filter(at__lt=timezone.now() - datetime.timedelta(days=366)).delete()
    assert list(AuditEvent.objects.values_list("object_id", flat=True)) == [2]
