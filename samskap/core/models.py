"""The one model of core: when each periodic job (``registry.add_periodic_job``) was last started."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicRun(models.Model):
    name = models.CharField(_("job"), max_length=100, unique=True)
    last_started_at = models.DateTimeField(_("last started"))
    last_result = models.CharField(_("last result"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("periodic job run")
        verbose_name_plural = _("periodic job runs")

    def __str__(self) -> str:
        return f"{self.name} {self.last_started_at:%Y-%m-%d %H:%M}"


class ContentVersion(models.Model):
    """One row: a number raised after every committed write that can change what a page shows.

    ``samskap.core.changes`` raises it; the public page cache (``samskap.core.pagecache``) puts it in its keys,
    so that every web process, on any machine sharing the database, stops serving a page the moment the
    data under it changed.
    """

    value = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self) -> str:
        return str(self.value)
