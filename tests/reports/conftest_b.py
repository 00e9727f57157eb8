"""Fixtures of the funder reports (FSE+, PIC, committee, exports): a small programme whose
FSE+ indicators are computed by hand in ``fse_scene``'s docstring. Imported by the
test modules that use them (``tests/reports/conftest.py`` belongs to the dashboard)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from accroche.access.roles import Role
from accroche.followup.models import FollowUpSituation, OutcomeKind
from accroche.organisations.models import Membership, Programme, Structure
from accroche.reports.filters import ReportFilter
from accroche.youth.models import (
    Activity,
    Consent,
    Enrolment,
    Gender,
    Housing,
    Nationality,
    Phase,
    Resources,
    SpeContact,
    Youth,
)
from tests.factories.followup import OutcomeFactory
from tests.factories.organisations import ParticipationFactory, ProgrammeFactory
from tests.factories.territory import DiplomaLevelFactory
from tests.factories.youth import ConsentFactory, EnrolmentFactory, YouthFactory

FSE_START = datetime.date(2026, 3, 1)
FSE_END = datetime.date(2026, 5, 31)
FSE_QUERY = f"start={FSE_START.isoformat()}&end={FSE_END.isoformat()}"


def day(month: int, d: int) -> datetime.date:
    return datetime.date(2026, month, d)


@dataclass
class FseScene:
    programme: Programme
    youths: dict[str, Youth]

    def filter(self) -> ReportFilter:
        return ReportFilter(programme=self.programme, start=FSE_START, end=FSE_END)

    def query(self) -> str:
        return f"programme={self.programme.pk}&{FSE_QUERY}"


def _levels() -> dict[str, object]:
    return {
        "infra3": DiplomaLevelFactory(code="infra3", rank=2, isced_group="0-2"),
        "3": DiplomaLevelFactory(code="3", rank=3, isced_group="3-4"),
        "4": DiplomaLevelFactory(code="4", rank=4, isced_group="3-4"),
        "5": DiplomaLevelFactory(code="5", rank=5, isced_group="5-8"),
    }


def _enrol(programme: Programme, youth: Youth, entry: datetime.date, **kwargs: object) -> Enrolment:
    return EnrolmentFactory(youth=youth, programme=programme, entry_date=entry, **kwargs)


def _exit(enrolment: Enrolment, kind: str, on: datetime.date, six: str = "") -> None:
    enrolment.phase, enrolment.exited_on = Phase.EXITED, on
    enrolment.save(update_fields=["phase", "exited_on"])
    OutcomeFactory(enrolment=enrolment, kind=kind, exited_on=on, followup_situation=six)


@pytest.fixture
def fse_programme(structure: Structure, other_structure: Structure) -> Programme:
    programme = ProgrammeFactory(lead_structure=structure, name="Cap Avenir", slug="cap-avenir")
    ParticipationFactory(programme=programme, structure=other_structure)
    return programme


@pytest.fixture
def fse_scene(fse_programme: Programme, structure: Structure) -> FseScene:
    """Period 1 March – 31 May 2026, every file held by ``structure``.

    W1 woman, born 1 Jun 2008 (17 at entry 10 Mar), NEET on unemployment benefit, infra 3,
       sleeping rough, "hors UE", RQTH; left 20 Apr to a qualifying training, in training
       6 months later.
    W2 woman, born c. 2000 (26 at entry 15 Mar), NEET, saw France Travail 10 Jan (64 days
       before), level 4, with family; still followed.
    M1 man, born 1 Apr 1995 (31 at entry 1 Apr), employed, level 5, staying with friends;
       left 15 May to a lasting job, employed 6 months later.
    M2 man, no birth date, student, no diploma recorded; entered 2 Mar, left 20 Mar
       (dropped out), entered again 10 Apr: one participant, still followed.
    N  non-binary, born 1 Jan 1960 (66), NEET, saw France Travail 1 Jan 2025 (too long
       ago), level 3; left 1 May to the CEJ.
    S  not stated, entered and left on 5 Mar: one day, not a participant.
    E  woman, entered 15 Jan (before), left 31 Mar to create a business: a leaver only.
    L  man, entered 10 Jun (after the period): nowhere.

    Entrants W1 W2 M1 M2 N = 5 (women 2, men 2, non-binary 1); too short 1.
    Employment: unemployed W1 W2; inactive M2 N; employed M1. Age: <18 W1; 18–29 W2;
    30–54 M1; 55+ N; unknown M2. ISCED 0–2 W1; 3–4 W2 N; 5–8 M1; unknown M2.
    Disability W1; third country W1; housing exclusion W1 M1.
    Leavers W1 M1 N E = 4 (women 2, man 1, non-binary 1): education W1; employment M1 E;
    job searching N. Six months: known W1 M1; employed M1; in training W1.
    """
    lv = _levels()
    neet = Activity.NEET
    specs = {
        "W1": {"gender": Gender.WOMAN, "birth_date": datetime.date(2008, 6, 1),
               "nationality": Nationality.NON_EU, "rqth": True},
        "W2": {"gender": Gender.WOMAN, "birth_year": 2000, "nationality": Nationality.FRENCH},
        "M1": {"gender": Gender.MAN, "birth_date": datetime.date(1995, 4, 1)},
        "M2": {"gender": Gender.MAN},
        "N": {"gender": Gender.NON_BINARY, "birth_date": datetime.date(1960, 1, 1)},
        "S": {"gender": Gender.NOT_STATED},
        "E": {"gender": Gender.WOMAN},
        "L": {"gender": Gender.MAN},
    }  # fmt: skip
    youths = {
        name: YouthFactory(
            first_name=f"Prénom{name}",
            last_name=f"Nom{name}",
            nickname=f"Surnom{name}",
            phone=f"06 12 34 56 {10 + i:02d}",
            email=f"jeune{name.lower()}@exemple.fr",
            holder_structure=structure,
            **fields,
        )
        for i, (name, fields) in enumerate(specs.items())
    }
    p, y = fse_programme, youths
    # fmt: off
    w1 = _enrol(p, y["W1"], day(3, 10), entry_activity=neet, entry_resources=Resources.UNEMPLOYMENT,
                entry_diploma_level=lv["infra3"], entry_housing=Housing.HOMELESS)
    _exit(w1, OutcomeKind.QUALIFYING_TRAINING, day(4, 20), FollowUpSituation.TRAINING)
    _enrol(p, y["W2"], day(3, 15), entry_activity=neet, entry_diploma_level=lv["4"],
           entry_last_spe_contact_source=SpeContact.FRANCE_TRAVAIL,
           entry_last_spe_contact_on=day(1, 10), entry_housing=Housing.FAMILY)
    m1 = _enrol(p, y["M1"], day(4, 1), entry_activity=Activity.EMPLOYED,
                entry_diploma_level=lv["5"], entry_housing=Housing.FRIENDS)
    _exit(m1, OutcomeKind.STABLE_JOB, day(5, 15), FollowUpSituation.EMPLOYED)
    m2 = _enrol(p, y["M2"], day(3, 2), entry_activity=Activity.STUDENT)
    _exit(m2, OutcomeKind.DROPPED_OUT, day(3, 20))
    _enrol(p, y["M2"], day(4, 10), entry_activity=Activity.STUDENT)
    n = _enrol(p, y["N"], day(3, 20), entry_activity=neet, entry_diploma_level=lv["3"],
               entry_last_spe_contact_source=SpeContact.FRANCE_TRAVAIL,
               entry_last_spe_contact_on=datetime.date(2025, 1, 1))
    _exit(n, OutcomeKind.CEJ, day(5, 1))
    _exit(_enrol(p, y["S"], day(3, 5)), OutcomeKind.OTHER, day(3, 5))
    _exit(_enrol(p, y["E"], day(1, 15)), OutcomeKind.BUSINESS_CREATION, day(3, 31))
    _enrol(p, y["L"], day(6, 10))
    # fmt: on
    return FseScene(fse_programme, youths)


@pytest.fixture
def evaluation_consents(fse_scene: FseScene) -> list[Youth]:
    """Every young person of the scene but L consented to evaluation; M2 withdrew."""
    consenting = [y for name, y in fse_scene.youths.items() if name != "L"]
    for youth in consenting:
        ConsentFactory(
            youth=youth,
            purpose=Consent.Purpose.EVALUATION,
            withdrawn_on=day(4, 1) if youth is fse_scene.youths["M2"] else None,
        )
    return consenting


@pytest.fixture
def as_role(
    member: Callable[..., Membership], login: Callable[..., Client], structure: Structure
) -> Callable[..., Client]:
    """as_role(role, structure=the programme's lead) → a logged-in client."""

    def make(role: str = Role.COORDINATOR, where: Structure | None = None) -> Client:
        return login(member(role, where or structure))

    return make
