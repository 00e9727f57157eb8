"""The age filter selects by the age at entry into the programme (hand-written dates)."""

import datetime

from accroche.outreach.models import Contact
from accroche.reports import indicators
from accroche.reports.filters import ReportFilter, enrolments_for, youths_for
from tests.factories.youth import EnrolmentFactory, YouthFactory
from tests.reports.conftest import at

START, END = datetime.date(2026, 3, 1), datetime.date(2026, 5, 31)


def _filter(programme, band: str) -> ReportFilter:
    return ReportFilter(programme=programme, start=START, end=END, age_band=band)


def test_someone_25_at_entry_and_26_at_the_end_is_in_22_25(programme, structure):
    # Born 15 April 2000: 25 on entry (10 March 2026), 26 from 15 April, on 31 May.
    youth = YouthFactory(holder_structure=structure, birth_date=datetime.date(2000, 4, 15))
    EnrolmentFactory(youth=youth, programme=programme, entry_date=datetime.date(2026, 3, 10))
    assert list(youths_for(_filter(programme, "22_25"))) == [youth]
    assert list(youths_for(_filter(programme, "26_29"))) == []
    stages = {stage.key: stage.value for stage in indicators.funnel(_filter(programme, "22_25"))}
    assert stages["enrolled"] == 1


def test_the_birthday_is_the_day_itself(programme, structure):
    # Born 10 March 2004: 22 on the day of the first entry (10 March 2026) — the birthday
    # counts — though 21 the day before.
    youth = YouthFactory(holder_structure=structure, birth_date=datetime.date(2004, 3, 10))
    EnrolmentFactory(youth=youth, programme=programme, entry_date=datetime.date(2026, 3, 10))
    assert list(enrolments_for(_filter(programme, "22_25"))) == list(youth.enrolments.all())
    assert list(enrolments_for(_filter(programme, "18_21"))) == []


def test_someone_never_entered_is_aged_on_the_last_day(programme, structure):
    # Only a contact, born 15 April 2000: 26 on 31 May, though 25 on the contact's day.
    youth = YouthFactory(holder_structure=structure, birth_date=datetime.date(2000, 4, 15))
    Contact.objects.create(
        programme=programme, structure=structure, youth=youth, happened_at=at(START)
    )
    assert list(youths_for(_filter(programme, "26_29"))) == [youth]
    assert list(youths_for(_filter(programme, "22_25"))) == []


def test_a_birth_year_alone_gives_the_difference_of_years_at_entry(programme, structure):
    # Born "in 2000": 25 at an entry in 2025, 26 in 2026 at the period's end.
    youth = YouthFactory(holder_structure=structure, birth_date=None, birth_year=2000)
    EnrolmentFactory(youth=youth, programme=programme, entry_date=datetime.date(2025, 12, 1))
    assert list(youths_for(_filter(programme, "22_25"))) == [youth]
