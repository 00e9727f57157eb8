import functools

import factory
from django.contrib.auth.hashers import make_password
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accroche.accounts.models import User

PASSWORD = "un mot de passe assez long"


@functools.cache
def _password_hash() -> str:
    # Argon2 is slow on purpose: hash the shared test password once per run.
    return make_password(PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"pro{n}@exemple.fr")
    first_name = factory.Sequence(lambda n: f"Camille{n}")
    last_name = "Martin"
    password = factory.LazyFunction(_password_hash)


def totp_device(user: User) -> TOTPDevice:
    """The user's confirmed authenticator application (made on first use)."""
    return TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "test"})[0]


def current_code(device: TOTPDevice) -> str:
    """What the application shows now (time-machine moves it with the clock)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
