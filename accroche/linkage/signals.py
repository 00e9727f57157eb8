from functools import partial
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from accroche.linkage.index import refresh_after_commit
from accroche.youth.models import Youth


@receiver(post_save, sender=Youth, dispatch_uid="linkage_refresh_youth")
def refresh_linkage(sender: type[Youth], instance: Youth, **kwargs: Any) -> None:
    # After commit: the file is saved whatever happens here, and a rolled-back save
    # leaves no encoding behind.
    transaction.on_commit(partial(refresh_after_commit, instance.pk))
