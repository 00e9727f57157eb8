# The follow-up fixtures (a referent, a young person enrolled, an API client).
from tests.followup.conftest import api_client, enrolment, programme, referent, youth

__all__ = ["api_client", "enrolment", "programme", "referent", "youth"]
