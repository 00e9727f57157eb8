"""What a steering figure is about: one programme, one period, and optionally a structure,
a commune, a QPV, an age band and a gender. Parsed from the query string by
``ReportFilterForm``; the ``*_for`` functions narrow a queryset with it.

Stable interface, shared by every report (dashboard, planning, funder reports, exports):

- ``parse_filter(actor, request.GET)`` → ``(form, filter or None)``;
- ``ReportFilter.querystring()`` rebuilds the query string (for links and exports);
- ``youth_q(f, prefix)`` is the condition on a young person (``prefix="youth__"`` from an
  enrolment, a hand-off, an outcome…); ``youths_for``, ``enrolments_for``,
  ``sessions_for``, ``session_counts_for`` and ``contacts_for`` apply the whole filter.

Who a young person is (commune, QPV, structure) is read from the file: the residence
commune and QPV, the holding structure; the age is the age at entry into the programme
(on the period's last day for someone never entered: see ``_age_q``).
Outreach sessions are filtered by the structure that led them and the places they went to.
"""

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, When
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import Exact, GreaterThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accroche.access.actor import Actor
from accroche.form_fields import LoadedModelChoiceField
from accroche.organisations.models import Participation, Programme, Structure
from accroche.organisations.programmes import programmes_visible_to
from accroche.outreach.models import Contact, OutreachSession, SessionCount
from accroche.territory.models import Commune, Qpv
from accroche.youth.models import Enrolment, Gender, Youth

AGE_BANDS: dict[str, tuple[int, int]] = {
    "16_17": (16, 17),
    "18_21": (18, 21),
    "22_25": (22, 25),
    "26_29": (26, 29),
}
AGE_BAND_CHOICES = [
    ("", _("Tous les âges")),
    ("16_17", _("16–17 ans")),
    ("18_21", _("18–21 ans")),
    ("22_25", _("22–25 ans")),
    ("26_29", _("26–29 ans")),
]
GENDER_CHOICES = [
    ("", _("Tous")),
    (Gender.WOMAN, _("Femmes")),
    (Gender.MAN, _("Hommes")),
    (Gender.NON_BINARY, _("Non-binaires")),
]
# The anonymous counter grid knows girls, boys and "not stated" only.
COUNT_GENDER: dict[str, str] = {Gender.WOMAN: "woman", Gender.MAN: "man"}


@dataclass(frozen=True)
class ReportFilter:
    programme: Programme
    start: datetime.date
    end: datetime.date  # inclusive
    structure: Structure | None = None
    commune: Commune | None = None
    qpv: Qpv | None = None
    age_band: str = ""
    gender: str = ""

    @property
    def start_at(self) -> datetime.datetime:
        return _midnight(self.start)

    @property
    def end_at(self) -> datetime.datetime:
        """Exclusive: midnight after the last day."""
        return _midnight(self.end + datetime.timedelta(days=1))

    @property
    def narrows_youths(self) -> bool:
        return any((self.structure, self.commune, self.qpv, self.age_band, self.gender))

    def params(self) -> dict[str, str]:
        found = {
            "programme": str(self.programme.pk),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "structure": str(self.structure.pk) if self.structure else "",
            "commune": str(self.commune.pk) if self.commune else "",
            "qpv": str(self.qpv.pk) if self.qpv else "",
            "age_band": self.age_band,
            "gender": self.gender,
        }
        return {key: value for key, value in found.items() if value}

    def querystring(self, **extra: str) -> str:
        return urlencode({**self.params(), **extra})


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def default_period(
    programme: Programme, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """From the programme's start to today (or its end, once over or not yet started)."""
    if programme.start_date <= today <= programme.end_date:
        return programme.start_date, today
    return programme.start_date, programme.end_date


class ReportFilterForm(forms.Form):
    programme = LoadedModelChoiceField(
        label=_("Dispositif"), queryset=Programme.objects.none(), empty_label=None
    )
    start = forms.DateField(
        label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Au"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    structure = forms.ModelChoiceField(
        label=_("Structure"),
        queryset=Structure.objects.none(),
        required=False,
        empty_label=_("Toutes"),
    )
    commune = forms.ModelChoiceField(
        label=_("Commune de résidence"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Toutes"),
    )
    qpv = forms.ModelChoiceField(
        label=_("QPV de résidence"),
        queryset=Qpv.objects.none(),
        required=False,
        empty_label=_("Tous"),
    )
    age_band = forms.ChoiceField(label=_("Âge"), choices=AGE_BAND_CHOICES, required=False)
    gender = forms.ChoiceField(label=_("Genre"), choices=GENDER_CHOICES, required=False)

    def __init__(self, actor: Actor, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programmes = programmes_visible_to(actor).order_by("name")
        fields = self.fields
        fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        taking_part = Participation.objects.filter(programme__in=programmes)
        fields["structure"].queryset = Structure.objects.filter(  # type: ignore[attr-defined]
            pk__in=taking_part.values("structure_id")
        ).order_by("name")
        territory = Programme.communes.through.objects.filter(programme__in=programmes)
        fields["commune"].queryset = Commune.objects.filter(  # type: ignore[attr-defined]
            pk__in=territory.values("commune_id")
        ).order_by("name")
        qpvs = Programme.qpvs.through.objects.filter(programme__in=programmes)
        fields["qpv"].queryset = Qpv.objects.filter(  # type: ignore[attr-defined]
            pk__in=qpvs.values("qpv_id")
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("La fin de la période doit suivre son début."))
        return data


def parse_filter(actor: Actor, data: Any) -> tuple[ReportFilterForm, ReportFilter | None]:
    """The form (to show) and the filter (None when the actor sees no programme or the
    query string is wrong: the page then shows the form's errors). Without a programme in
    the query string, the actor's first programme over its default period."""
    data = data.copy() if hasattr(data, "copy") else dict(data)
    form = ReportFilterForm(actor, data)
    if not data.get("programme"):
        field = form.fields["programme"]
        assert isinstance(field, LoadedModelChoiceField)
        if not field.objects:
            return ReportFilterForm(actor), None
        # The form reads its data when validated: the same form, with the first programme.
        data["programme"] = str(field.objects[0].pk)
    if not form.is_valid():
        return form, None
    clean = form.cleaned_data
    programme = clean["programme"]
    start, end = default_period(programme, timezone.localdate())
    report = ReportFilter(
        programme=programme,
        start=clean.get("start") or start,
        end=clean.get("end") or end,
        structure=clean.get("structure"),
        commune=clean.get("commune"),
        qpv=clean.get("qpv"),
        age_band=clean.get("age_band") or "",
        gender=clean.get("gender") or "",
    )
    # Show the period actually used (the form is valid: this only changes what it shows).
    data["start"], data["end"] = report.start.isoformat(), report.end.isoformat()
    return form, report


def _age_q(f: ReportFilter, prefix: str) -> Q:
    """In the age band at entry: the age on the day of the person's first entry into the
    filter's programme, the age every funder asks for and the one the FSE+ tables and the
    evaluation export use (``fse_rules.age_on``: birthday not yet reached that year, one
    year less; a birth year alone, the difference of years). Someone never entered into
    the programme (a contact, someone spotted) has no entry date: their age on the
    period's last day is used, the date the figures are given on, known for everyone."""
    low, high = AGE_BANDS[f.age_band]
    youth = OuterRef(f"{prefix}pk")
    in_programme = Enrolment.objects.filter(programme=f.programme, youth_id=youth)
    earlier = Enrolment.objects.filter(
        programme=f.programme, youth_id=OuterRef("youth_id"), entry_date__lt=OuterRef("entry_date")
    )
    first_entries = (
        in_programme.filter(~Exists(earlier))
        .annotate(age=_age_at_entry())
        .filter(age__gte=low, age__lte=high)
    )
    return Q(Exists(first_entries)) | (~Q(Exists(in_programme)) & _age_on_q(f, prefix))


def _age_at_entry() -> Case:
    """An enrolment's young person's age on its entry date, in SQL (SQLite and PostgreSQL)."""
    entry, birth = "entry_date", "youth__birth_date"
    before_birthday = Q(GreaterThan(ExtractMonth(birth), ExtractMonth(entry))) | Q(
        Exact(ExtractMonth(birth), ExtractMonth(entry)),
        GreaterThan(ExtractDay(birth), ExtractDay(entry)),
    )
    exact = ExtractYear(entry) - ExtractYear(birth) - Case(When(before_birthday, then=1), default=0)
    return Case(
        When(youth__birth_date__isnull=False, then=exact),
        When(youth__birth_year__isnull=False, then=ExtractYear(entry) - F("youth__birth_year")),
        default=None,
        output_field=IntegerField(),
    )


def _age_on_q(f: ReportFilter, prefix: str) -> Q:
    """In the age band on the period's last day."""
    low, high = AGE_BANDS[f.age_band]
    ref = f.end
    # Born after ref - (high + 1) years and on or before ref - low years.
    oldest = _years_before(ref, high + 1)
    youngest = _years_before(ref, low)
    exact = Q(**{f"{prefix}birth_date__gt": oldest, f"{prefix}birth_date__lte": youngest})
    estimated = Q(
        **{
            f"{prefix}birth_date__isnull": True,
            f"{prefix}birth_year__gte": ref.year - high,
            f"{prefix}birth_year__lte": ref.year - low,
        }
    )
    return exact | estimated


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def youth_q(f: ReportFilter, prefix: str = "") -> Q:
    """The condition on a young person's file; ``prefix`` reaches it from another model."""
    q = Q()
    if f.structure is not None:
        q &= Q(**{f"{prefix}holder_structure": f.structure})
    if f.commune is not None:
        q &= Q(**{f"{prefix}residence_commune": f.commune})
    if f.qpv is not None:
        q &= Q(**{f"{prefix}residence_qpv": f.qpv})
    if f.gender:
        q &= Q(**{f"{prefix}gender": f.gender})
    if f.age_band:
        q &= _age_q(f, prefix)
    return q


def youths_for(f: ReportFilter, qs: QuerySet[Youth] | None = None) -> QuerySet[Youth]:
    """Young people matching the filter's personal criteria (any programme)."""
    return (qs if qs is not None else Youth.objects.all()).filter(youth_q(f))


def enrolments_for(f: ReportFilter, qs: QuerySet[Enrolment] | None = None) -> QuerySet[Enrolment]:
    """The programme's enrolments whose young person matches (any date)."""
    qs = qs if qs is not None else Enrolment.objects.all()
    return qs.filter(youth_q(f, "youth__"), programme=f.programme)


def sessions_for(
    f: ReportFilter, qs: QuerySet[OutreachSession] | None = None
) -> QuerySet[OutreachSession]:
    """The programme's outreach sessions started in the period, led by the structure, at a
    place of the commune or QPV."""
    qs = qs if qs is not None else OutreachSession.objects.all()
    qs = qs.filter(programme=f.programme, started_at__gte=f.start_at, started_at__lt=f.end_at)
    if f.structure is not None:
        qs = qs.filter(structure=f.structure)
    places = Q()
    if f.commune is not None:
        places &= Q(places__commune=f.commune)
    if f.qpv is not None:
        places &= Q(places__qpv=f.qpv)
    if places:
        # A subquery: a session at two matching places is still one session.
        qs = qs.filter(pk__in=OutreachSession.objects.filter(places).values("pk"))
    return qs


def session_counts_for(f: ReportFilter) -> QuerySet[SessionCount]:
    """Cells of the anonymous counter grid of the matching sessions, in the age band and
    gender (a non-binary filter matches no cell: the grid does not record it)."""
    return SessionCount.objects.filter(count_cells_q(f), session__in=sessions_for(f))


def count_cells_q(f: ReportFilter) -> Q:
    """The condition on a cell of the counter grid (age band and gender only)."""
    q = Q()
    if f.age_band:
        q &= Q(age_band=f.age_band)
    if f.gender:
        q &= Q(gender=COUNT_GENDER.get(f.gender, "-"))
    return q


def contacts_for(f: ReportFilter, qs: QuerySet[Contact] | None = None) -> QuerySet[Contact]:
    """The programme's contacts with a known young person matching the filter, in the
    period (personal data: compose with the access layer before showing them)."""
    qs = qs if qs is not None else Contact.objects.all()
    return qs.filter(
        youth_q(f, "youth__"),
        programme=f.programme,
        youth__isnull=False,
        happened_at__gte=f.start_at,
        happened_at__lt=f.end_at,
    )
