"""LoadedModelChoiceField: one read of its queryset per form, Django's answers otherwise."""

import pytest
from django import forms

from accroche.form_fields import LoadedModelChoiceField
from accroche.organisations.models import Programme
from tests.factories.organisations import ProgrammeFactory


class Loaded(forms.Form):
    programme = LoadedModelChoiceField(queryset=Programme.objects.order_by("name"))


class Plain(forms.Form):
    programme = forms.ModelChoiceField(queryset=Programme.objects.order_by("name"))


@pytest.fixture
def programmes() -> list[Programme]:
    return [ProgrammeFactory(name="Cap Seine"), ProgrammeFactory(name="Avenir")]


@pytest.mark.django_db
def test_the_menu_and_the_check_read_the_programmes_once(programmes, django_assert_num_queries):
    with django_assert_num_queries(1):
        form = Loaded({"programme": programmes[0].pk})
        html = str(form["programme"])
        assert form.is_valid()
    assert form.cleaned_data["programme"] == programmes[0]
    assert html.index("Avenir") < html.index("Cap Seine")


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["999999", "abc", "1\x00", ""])
def test_it_answers_as_django_does(programmes, value):
    loaded, plain = Loaded({"programme": value}), Plain({"programme": value})
    assert loaded.is_valid() == plain.is_valid()
    assert loaded.errors == plain.errors
    assert str(loaded["programme"]) == str(plain["programme"])
    assert len(loaded.fields["programme"].choices) == len(plain.fields["programme"].choices)


@pytest.mark.django_db
def test_a_new_queryset_is_read_again(programmes):
    form = Loaded()
    field = form.fields["programme"]
    assert isinstance(field, LoadedModelChoiceField)
    assert len(field.objects) == 2
    field.queryset = Programme.objects.filter(name="Avenir")
    assert field.objects == [programmes[1]]
    assert "Cap Seine" not in str(form["programme"])


@pytest.mark.django_db
def test_each_form_reads_its_own(programmes):
    first = Loaded()
    assert len(first.fields["programme"].objects) == 2
    ProgrammeFactory(name="Zone nouvelle")
    assert "Zone nouvelle" in str(Loaded()["programme"])
