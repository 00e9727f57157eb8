from django import template

from accroche.www.links import url_for

register = template.Library()


@register.simple_tag
def link(name: str, pk: int | None = None) -> str:
    """``{% link 'youth:detail' y.pk %}``: like ``{% url %}`` for a page of one id, without
    walking the URL patterns again (accroche/www/links.py)."""
    return url_for(name, pk)
