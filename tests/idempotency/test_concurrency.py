"""Two identical requests at the same moment, on two connections (two application
servers): one file. PostgreSQL only (SQLite serialises its writers anyway)."""

import threading
import time
from typing import Any

import pytest
from django.db import connections

import accroche.api.youth
from accroche.access.roles import Role
from accroche.youth.models import Youth


@pytest.mark.django_db(transaction=True)
def test_two_identical_requests_at_once_create_one_file(
    postgres_only, api_client, member, structure, monkeypatch
):
    client = api_client(member(Role.MEDIATOR, structure))
    real = accroche.api.youth.do_create_youth

    def slow_create(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.5)  # the second request arrives while the first one works
        return real(*args, **kwargs)

    monkeypatch.setattr(accroche.api.youth, "do_create_youth", slow_create)
    start = threading.Barrier(2)
    answers: list[Any] = []

    def send() -> None:
        try:
            start.wait()
            answers.append(
                client.post(
                    "/api/youth",
                    {"nickname": "Titi"},
                    content_type="application/json",
                    headers={"Idempotency-Key": "en-meme-temps"},
                )
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Youth.objects.count() == 1
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].content == answers[1].content
    assert sorted(a.get("Idempotent-Replayed", "") for a in answers) == ["", "true"]
