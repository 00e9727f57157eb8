# The follow-up fixtures (a referent, a young person enrolled, an API client).
from tests.followup.conftest import actor, api_client, enrolment, programme, referent, youth

__all__ = ["actor", "api_client", "enrolment", "programme", "referent", "youth"]
