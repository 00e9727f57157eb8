"""One rule for the length of every text field of every form, installed at start-up
(accroche.www.apps): the page never cuts what is typed, the server says the limit."""

from typing import Any

from django import forms

from accroche.validation_messages import TOO_LONG


def install_length_rule() -> None:
    """No ``maxlength`` attribute, which a browser applies by silently cutting what is
    pasted; the server's refusal says the limit and how much was typed, the text kept."""
    if getattr(forms.CharField, "_length_rule", False):
        return
    widget_attrs = forms.CharField.widget_attrs

    def without_maxlength(self: forms.CharField, widget: forms.Widget) -> Any:
        attrs = widget_attrs(self, widget)
        attrs.pop("maxlength", None)
        return attrs

    forms.CharField.widget_attrs = without_maxlength  # type: ignore[method-assign]
    forms.CharField.default_error_messages = {"max_length": TOO_LONG}
    forms.CharField._length_rule = True  # type: ignore[attr-defined]
