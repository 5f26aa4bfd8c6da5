"""Municipalities, counties, organisations, people and roles."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.core.validators import validate_http_url


class LanguageForm(models.TextChoices):
    BOKMAL = "bokmal", _("Bokmål")
    NYNORSK = "nynorsk", _("Nynorsk")
    NEUTRAL = "neutral", _("Neutral")


class Language(models.TextChoices):
    NB = "nb", _("Norwegian Bokmål")
    NN = "nn", _("Norwegian Nynorsk")
    EN = "en", _("English")


class County(models.Model):
    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.name


class MunicipalityQuerySet(models.QuerySet["Municipality"]):
    def active(self) -> MunicipalityQuerySet:
        return self.filter(active=True)


class Municipality(models.Model):
    code = models.CharField(_("municipality number"), max_length=4, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("county"))
    language_form = models.CharField(
        _("official language form"), max_length=8, choices=LanguageForm.choices, default=LanguageForm.NEUTRAL
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    admin_centre = models.CharField(_("administrative centre"), max_length=100, blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    profile = models.TextField(_("profile"), blank=True, help_text=_("What the municipality works on in research and innovation."))
    active = models.BooleanField(_("active"), default=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    def get_language_form_display(self) -> str:  # type: ignore[no-redef]
        # Django's generated method rebuilds a dict of all choices per call; the municipality list calls it per row.
        return str(dict(LanguageForm.choices).get(self.language_form, self.language_form))

    @property
    def ui_language(self) -> str:
        return "nn" if self.language_form == LanguageForm.NYNORSK else "nb"


def validate_org_number(value: str) -> None:
    """Norwegian organisation number: nine digits, the last a mod-11 check digit."""
    digits = value.replace(" ", "")
    if len(digits) != 9 or not digits.isdigit():
        raise ValidationError(_("An organisation number has nine digits."), code="format")
    weights = [3, 2, 7, 6, 5, 4, 3, 2]
    remainder = sum(int(d) * w for d, w in zip(digits[:8], weights, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    if check == 10 or check != int(digits[8]):
        raise ValidationError(_("The organisation number's check digit is wrong."), code="checksum")


class OrgType(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY = "county", _("County authority")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    UNIVERSITY = "university", _("University or university college")
    HOSPITAL = "hospital", _("Hospital trust")
    COMPANY = "company", _("Company")
    FUNDING = "funding", _("Funding body")
    INTEREST = "interest", _("Interest body")
    OTHER = "other", _("Other")


RESEARCH_ORG_TYPES = {OrgType.RESEARCH_INSTITUTE, OrgType.UNIVERSITY, OrgType.HOSPITAL}


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    org_type = models.CharField(_("type"), max_length=24, choices=OrgType.choices)
    org_number = models.CharField(
        _("organisation number"), max_length=11, blank=True, validators=[validate_org_number]
    )
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.SET_NULL, related_name="organisations",
        verbose_name=_("municipality"),
    )
    county = models.ForeignKey(
        County, null=True, blank=True, on_delete=models.SET_NULL, related_name="organisations", verbose_name=_("county")
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_http_url])

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person",
        verbose_name=_("user account"),
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people",
        verbose_name=_("organisation"),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    fields_of_interest = models.CharField(_("fields of interest"), max_length=500, blank=True,
                                          help_text=_("Separate fields with commas."))
    research_fields = models.TextField(_("research fields"), blank=True)
    methods = models.TextField(_("methods"), blank=True)
    projects = models.TextField(_("projects"), blank=True)
    working_languages = models.CharField(_("working languages"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=2, choices=Language.choices,
                                          blank=True)
    listed_in_directory = models.BooleanField(_("listed in the directory"), default=False)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    @property
    def interests(self) -> list[str]:
        return [part.strip() for part in self.fields_of_interest.split(",") if part.strip()]


class RoleKind(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    FOUI_CONTACT = "foui_contact", _("Municipality FoUI contact")
    RESEARCHER = "researcher", _("Researcher")


class Role(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles",
                             verbose_name=_("user"))
    kind = models.CharField(_("role"), max_length=16, choices=RoleKind.choices)
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="roles",
        verbose_name=_("municipality"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "municipality"], name="unique_role"),
            models.CheckConstraint(
                condition=~models.Q(kind="foui_contact") | models.Q(municipality__isnull=False),
                name="foui_contact_has_municipality",
            ),
        ]

    def __str__(self) -> str:
        if self.municipality_id:
            return f"{self.get_kind_display()} ({self.municipality})"
        return str(self.get_kind_display())


class ApiToken(models.Model):
    """A bearer token for the API. Only a hash is stored; the token is shown once.

    A token works until it expires (``API_TOKEN_LIFETIME_DAYS`` after it was made) or its owner revokes it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, default="api")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.user_id})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: Any, name: str = "api") -> tuple[ApiToken, str]:
        key = "smk_" + secrets.token_urlsafe(32)
        expires_at = timezone.now() + dt.timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)
        token = cls.objects.create(user=user, name=name, key_hash=cls.hash_key(key), expires_at=expires_at)
        return token, key

    @property
    def is_active(self) -> bool:
        """Neither revoked nor expired (a token from before expiry existed has none and works until revoked)."""
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())

    def touch(self) -> None:
        """Note the use, at most once a minute (an API script must not turn every read into a write)."""
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at > dt.timedelta(minutes=1):
            self.last_used_at = now
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)


class ResearchGroup(models.Model):
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="research_groups",
                                     verbose_name=_("organisation"))
    description = models.TextField(_("description"))
    keywords = models.CharField(_("keywords"), max_length=500, blank=True, help_text=_("Separate with commas."))
    language = models.CharField(_("language of the text"), max_length=2, choices=Language.choices, default="nb")
    website = models.URLField(_("website"), blank=True, validators=[validate_http_url])

    class Meta:
        ordering = ["name"]
        verbose_name = _("research group")
        verbose_name_plural = _("research groups")
        constraints = [models.UniqueConstraint(fields=["name", "organisation"], name="unique_group_per_org")]

    def __str__(self) -> str:
        return self.name

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]
