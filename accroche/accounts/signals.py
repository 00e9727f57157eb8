import time
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

LOGIN_AT_KEY = "accroche_login_at"


@receiver(user_logged_in)
def remember_login_time(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    """The start of the 12-hour absolute session lifetime."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT_KEY] = int(time.time())
