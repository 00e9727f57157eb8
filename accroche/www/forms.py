from django import forms


class DomainModelForm(forms.ModelForm):
    """Labels, widgets and initial values come from the model; the rules belong to the
    domain function the view calls, which validates and saves. So the form neither
    copies its data onto the instance nor runs the model's validation."""

    def _post_clean(self) -> None:
        pass
