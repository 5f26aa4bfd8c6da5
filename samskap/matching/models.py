"""The brokering catalogue, its vectors, and the suggestions people accept or reject."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskap.core.validators import validate_http_url
from samskap.directory.models import Language


class Kind(models.TextChoices):
    PERSON = "person", _("Expert")
    GROUP = "group", _("Research group")
    INSTRUMENT = "instrument", _("Funding instrument")
    CASE = "case", _("Innovation case")
    NEED = "need", _("Similar need")


class CatalogItem(models.Model):
    """One thing that can be matched. Own objects mirror a source model; imported ones stand alone."""

    external_id = models.CharField(_("external id"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default="nb")
    meta = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=500, blank=True, validators=[validate_http_url])
    imported = models.BooleanField(_("imported"), default=False)
    passage_hash = models.CharField(max_length=64, blank=True)
    vector = models.BinaryField(null=True, blank=True)
    vector_model = models.CharField(max_length=100, blank=True)
    # Needs only: the need embedded as a query (e5 "query:" prefix), so its suggestions need no embedding
    # at request time. Dropped with the passage vector when the text changes.
    query_vector = models.BinaryField(null=True, blank=True)
    # Indexed: the items changed since the index snapshot (the delta) are found by it.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("catalogue item")
        verbose_name_plural = _("catalogue items")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def source_pk(self) -> int | None:
        prefix, _sep, rest = self.external_id.partition(":")
        return int(rest) if prefix == self.kind and rest.isdigit() and not self.imported else None


class IndexState(models.Model):
    """A single row whose version goes up whenever the catalogue changes; processes rebuild on change."""

    version = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("index state")
        verbose_name_plural = _("index states")

    def __str__(self) -> str:
        return f"index v{self.version}"


class StoredChallenges(models.Model):
    """Shared challenges (clusters of needs) of one county ("" = all), computed by a background task
    when needs change; the shared-challenges page only reads them."""

    county = models.CharField(max_length=10, blank=True, unique=True)
    #: [{"label": str, "ids": [external ids]}], biggest first
    clusters = models.JSONField(default=list)
    version = models.PositiveBigIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stored shared challenges")
        verbose_name_plural = _("stored shared challenges")

    def __str__(self) -> str:
        return f"challenges {self.county or 'all'} v{self.version}"


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Suggestion(models.Model):
    need = models.ForeignKey("needs.Need", on_delete=models.CASCADE, related_name="suggestions",
                             verbose_name=_("need"))
    item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="suggestions",
                             verbose_name=_("suggestion"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    score = models.FloatField(_("score"), default=0)
    why = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided"), auto_now=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [models.UniqueConstraint(fields=["need", "item"], name="one_decision_per_suggestion")]

    def __str__(self) -> str:
        return f"{self.need_id} -> {self.item_id}: {self.decision}"
