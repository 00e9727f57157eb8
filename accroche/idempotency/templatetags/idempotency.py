import uuid

from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from accroche.idempotency.records import KEY_FIELD

register = template.Library()


@register.simple_tag
def idempotency_key(form: forms.BaseForm | None = None) -> SafeString:
    """The hidden key of a POST form, written next to ``{% csrf_token %}``: sending the page
    twice acts once. A form with its own key field (outreach drafts keep theirs) is passed
    here and draws that field itself, so the key is not written twice."""
    if form is not None and KEY_FIELD in form.fields:
        return SafeString("")
    return format_html('<input type="hidden" name="{}" value="{}">', KEY_FIELD, uuid.uuid4())
