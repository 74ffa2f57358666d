"""`{% page_links "place" subject as links %}`: the links higher apps registered for a page
(core/page_links.py)."""

from __future__ import annotations

from django import template

from carebridge.core import page_links as registry

register = template.Library()


@register.simple_tag
def page_links(place: str, subject: object) -> list[registry.Link]:
    return registry.links(place, subject)
