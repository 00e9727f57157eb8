import functools

import factory
from django.contrib.auth.hashers import make_password

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
