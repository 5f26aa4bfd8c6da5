"""``{% load pagecache %}``: parts of the page frame kept rendered across requests.

``{% kept "header" user.pk %} ... {% endkept %}`` renders its content once per name, the values after it, the
content version, the language and the host, and serves it from the ``pages`` cache afterwards (the rules of
:func:`samskap.core.pagecache.cached_fragment`): the content must depend on nothing else. Inside it, CSRF
tokens and ``{% current_path %}`` become placeholders that each response gets its own values for.
With the page cache off (``SAMSKAP_PAGE_CACHE_SECONDS=0``) the content is rendered every time.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.safestring import SafeString, mark_safe

from samskap.core.pagecache import CSRF_PLACEHOLDER, PATH_PLACEHOLDER, cached_fragment, rendering_for_cache

register = template.Library()


class KeptNode(template.Node):
    def __init__(self, nodelist: NodeList, name: FilterExpression, vary: list[FilterExpression]):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context: template.Context) -> SafeString:
        request = context.get("request")
        if request is None:
            return mark_safe(self.nodelist.render(context))  # noqa: S308 - our own template
        name = str(self.name.resolve(context))
        # hashed: the values may be long (a user's input); the key stays short whatever they are
        audience = hashlib.sha256("\x00".join(repr(v.resolve(context)) for v in self.vary).encode()).hexdigest()[:32]

        def render() -> str:
            if not getattr(request, "samskap_fragment_render", False):
                return str(self.nodelist.render(context))  # not kept (cache off, no database): as it is
            with context.push(csrf_token=CSRF_PLACEHOLDER, samskap_kept_render=True):
                return str(self.nodelist.render(context))

        return cached_fragment(request, f"kept:{name}", audience, render)


@register.tag("kept")
def do_kept(parser: Parser, token: Token) -> KeptNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'kept' needs a name: {% kept \"header\" user.pk %}")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]])


@register.simple_tag(takes_context=True)
def current_path(context: Any) -> str:
    """The request's path and query string (as ``request.get_full_path``), a placeholder inside ``{% kept %}``."""
    request = context.get("request")
    if context.get("samskap_kept_render") or rendering_for_cache(request):
        return mark_safe(PATH_PLACEHOLDER)  # noqa: S308 - letters only
    return request.get_full_path() if request is not None else ""
