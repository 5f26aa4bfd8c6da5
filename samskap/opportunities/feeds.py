"""The catalogue as an Atom feed: the newest published opportunities first."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samskap.opportunities.models import Opportunity


def atom_bytes(opportunities: Iterable[Opportunity]) -> bytes:
    feed = Atom1Feed(title=_("Cooperation opportunities – Samskap"),
                     link=settings.SITE_URL + reverse("opportunities:list"),
                     description=_("Thesis topics, secondments, shared positions and public-sector PhDs."),
                     language=get_language() or "nb",
                     feed_url=settings.SITE_URL + reverse("opportunities:feed"))
    for opportunity in opportunities:
        link = settings.SITE_URL + reverse("opportunities:detail", args=[opportunity.pk])
        feed.add_item(title=opportunity.title, link=link, unique_id=link,
                      description=f"{opportunity.kind_label} · {opportunity.organisation.name}\n\n{opportunity.summary}",
                      pubdate=opportunity.published_at or opportunity.created_at,
                      updateddate=opportunity.updated_at, categories=[opportunity.kind_label],
                      author_name=opportunity.organisation.name)
    return feed.writeString("utf-8").encode("utf-8")


def atom_response(opportunities: Iterable[Opportunity]) -> HttpResponse:
    return HttpResponse(atom_bytes(opportunities), content_type="application/atom+xml; charset=utf-8")
