"""Demo accounts share one known authenticator secret, so `make run` stays usable: add the
key shown by `seed_demo --logins` to an application, or run `manage.py demo_code EMAIL`."""

from base64 import b32encode
from binascii import hexlify

from django_otp.plugins.otp_totp.models import TOTPDevice

from accroche.accounts.models import User

# Public on purpose: it protects only the fictional demo consortium.
DEMO_TOTP_KEY = hexlify(b"accroche-demo-2fa-26").decode()
DEMO_EMAIL_DOMAIN = "demo.accroche.fr"


def demo_totp_key_base32() -> str:
    return b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()


def ensure_demo_devices() -> int:
    """Gives every demo account its device (idempotent: also for a demo seeded earlier)."""
    created = 0
    for user in User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}"):
        _device, made = TOTPDevice.objects.get_or_create(
            user=user,
            confirmed=True,
            defaults={"name": "Démo", "key": DEMO_TOTP_KEY},
        )
        created += made
    return created
