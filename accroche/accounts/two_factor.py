"""Two-factor login: a TOTP application (6-digit codes) plus 10 single-use recovery codes.

Which accounts need it: every account holding a role that reads or hands out personal data
(derived from accroche/access/permissions.py, see ``TWO_FACTOR_ROLES``), and staff. A user
who enrolled anyway (an evaluator, say) is always asked for a code.

A session is "verified" once ``django_otp.login`` has stored the device in it; the check
reads only the session, so verified pages cost no extra query.
"""

import dataclasses
import datetime
import re
from collections.abc import Iterable
from typing import cast

import segno
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accroche.access.permissions import Perm, roles_with
from accroche.accounts.models import User
from accroche.organisations.models import Membership

# Reading a file, the audit log (who read which file), hand-offs naming a young person,
# sending a referral about one, or managing members (which can grant any of these) all
# expose personal data. Evaluators hold none of these: they read aggregates only.
_PERSONAL_DATA_PERMS = (
    Perm.VIEW_YOUTH,
    Perm.VIEW_AUDIT,
    Perm.RECEIVE_HANDOFFS,
    Perm.SEND_REFERRALS,
    Perm.MANAGE_MEMBERS,
)
TWO_FACTOR_ROLES: frozenset[str] = frozenset(
    role for perm in _PERSONAL_DATA_PERMS for role in roles_with(perm)
)
RECOVERY_CODE_COUNT = 10
TOTP_NAME = "Application d'authentification"
RECOVERY_NAME = "Codes de secours"
_TOTP_CODE = re.compile(r"^\d{6}$")


def is_verified(request: HttpRequest) -> bool:
    return bool(request.session.get(DEVICE_ID_SESSION_KEY))


def two_factor_required(user: AbstractBaseUser, memberships: Iterable[Membership]) -> bool:
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    if getattr(user, "is_staff", False) or getattr(user, "is_superuser", False):
        return True
    return any(m.role in TWO_FACTOR_ROLES for m in memberships)


def totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_device(user: User) -> bool:
    # django-otp is untyped.
    return cast(bool, TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def pending_device(user: User) -> TOTPDevice:
    """The device being enrolled: made once, kept until confirmed (a reload shows the same key)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def readable_key(device: TOTPDevice) -> str:
    """The secret in base32, by groups of four, for typing it into an application."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, omitsize=False))


@transaction.atomic
def do_confirm_enrolment(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirms the device if the code is right; returns fresh recovery codes (or None)."""
    if not device.verify_token(_clean(code)):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return do_new_recovery_codes(device.user)


@transaction.atomic
def do_new_recovery_codes(user: User) -> list[str]:
    """Replaces any previous recovery codes: the old sheet stops working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@dataclasses.dataclass
class CodeCheck:
    ok: bool
    # Set when the code was not even tried: too many recent failures (exponential backoff).
    wait_until: datetime.datetime | None = None
    recovery_codes_left: int | None = None


def check_code(request: HttpRequest, user: User, code: str) -> CodeCheck:
    """Tries a 6-digit code on the application, anything else on the recovery codes.
    A success marks the session verified; a TOTP code or a recovery code works once."""
    code = _clean(code)
    device: TOTPDevice | StaticDevice | None
    if _TOTP_CODE.match(code):
        device = totp_device(user)
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return CodeCheck(ok=False)
    allowed, details = device.verify_is_allowed()
    if not allowed:
        return CodeCheck(ok=False, wait_until=(details or {}).get("locked_until", timezone.now()))
    if not device.verify_token(code):
        return CodeCheck(ok=False)
    otp_login(request, device)
    left = device.token_set.count() if isinstance(device, StaticDevice) else None
    return CodeCheck(ok=True, recovery_codes_left=left)


def _clean(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()
