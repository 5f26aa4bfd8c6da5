"""Case library (kunnskapsbank) and the innovation barometer (innovasjonsbarometer)."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskap.core.validators import validate_http_url_lines
from samskap.directory.models import Language, Municipality
from samskap.needs.models import Sector


class InnovationType(models.TextChoices):
    """The five kinds of innovation of the KS innovation barometer and the Oslo Manual."""

    SERVICE = "service", _("Service innovation")
    PRODUCT = "product", _("Product innovation")
    PROCESS = "process", _("Process innovation")
    ORGANISATION = "organisation", _("Organisational innovation")
    COMMUNICATION = "communication", _("Communication innovation")


class InnovationCategory(models.TextChoices):
    """Timmermans' three categories of innovation in a crisis (seed 002)."""

    EMERGENCY = "emergency", _("Emergency innovation")
    PREPAREDNESS = "preparedness", _("Preparedness innovation")
    LONG_TERM = "long_term", _("Long-term innovation")


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    TESTING = "testing", _("Testing")
    IMPLEMENTED = "implemented", _("Implemented")
    SPREAD = "spread", _("Spread to others")


class BenefitEvidence(models.TextChoices):
    MEASURED = "measured", _("Measured")
    EXPECTED = "expected", _("Expected")


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned with a comment")


class CaseQuerySet(models.QuerySet["Case"]):
    def published(self) -> CaseQuerySet:
        return self.filter(status=CaseStatus.PUBLISHED)


class Case(models.Model):
    """An innovation case from one or more municipalities, written for others to learn from."""

    title = models.CharField(_("title"), max_length=200)
    municipalities = models.ManyToManyField(Municipality, related_name="cases", verbose_name=_("municipalities"))
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The year the innovation was introduced or tested."),
    )
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    innovation_type = models.CharField(_("type of innovation"), max_length=16, choices=InnovationType.choices)
    category = models.CharField(_("category"), max_length=16, choices=InnovationCategory.choices,
                                default=InnovationCategory.LONG_TERM)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    summary = models.TextField(_("summary"), blank=True,
                               help_text=_("What the case is about, in a few short sentences."))
    novelty = models.TextField(_("what was new"), blank=True,
                               help_text=_("What was new for the municipality, compared with how things were done before."))
    results = models.TextField(_("results and benefits"), blank=True,
                               help_text=_("What changed for residents, staff or the municipality."))
    benefit_evidence = models.CharField(_("are the benefits measured or expected?"), max_length=10,
                                        choices=BenefitEvidence.choices, default=BenefitEvidence.EXPECTED)
    partners = models.TextField(_("partners"), blank=True,
                                help_text=_("Research institutions, companies, volunteers and others who took part."))
    contact = models.TextField(_("contact"), blank=True,
                               help_text=_("Who others can ask about the case: name, role and e-mail."))
    links = models.TextField(_("links"), blank=True, help_text=_("One web address per line."),
                             validators=[validate_http_url_lines])
    language = models.CharField(_("language of the text"), max_length=2, choices=Language.choices,
                                default=Language.NB)
    status = models.CharField(_("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.DRAFT)
    review_comment = models.TextField(_("comment from the review"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("reviewed by"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["status", "sector"]), models.Index(fields=["status", "year"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == CaseStatus.PUBLISHED

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def sections(self) -> dict[str, str]:
        """The text sections that the completeness rules check (see completeness.py)."""
        return {"summary": self.summary, "novelty": self.novelty, "results": self.results,
                "partners": self.partners, "contact": self.contact, "links": self.links}

    def full_text(self) -> str:
        parts = [self.title, self.summary, self.novelty, self.results, self.partners]
        return "\n".join(p for p in parts if p)


# --- Innovation barometer ---------------------------------------------------------------------------


class ItemCategory(models.TextChoices):
    ACTIVITY = "activity", _("Innovation activity")
    EMPLOYEES = "employees", _("Employee participation")
    LEADERSHIP = "leadership", _("Leadership")
    FINANCES = "finances", _("Finances")
    CITIZENS = "citizens", _("Citizen participation")
    TECHNOLOGY = "technology", _("Technology")
    MISTAKES = "mistakes", _("Handling of mistakes")
    COLLABORATION = "collaboration", _("Collaboration")


class ItemKind(models.TextChoices):
    ACTIVITY = "activity", _("Activity")
    DRIVER = "driver", _("Driver")
    BARRIER = "barrier", _("Barrier")


class BarometerItem(models.Model):
    """A statement in the item bank, answered on the survey's agreement scale."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    text = models.CharField(_("statement"), max_length=300)
    category = models.CharField(_("category"), max_length=16, choices=ItemCategory.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices, default=ItemKind.DRIVER)
    innovation_type = models.CharField(_("type of innovation"), max_length=16, choices=InnovationType.choices,
                                       blank=True)
    language = models.CharField(_("language of the text"), max_length=2, choices=Language.choices,
                                default=Language.NB)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("barometer item")
        verbose_name_plural = _("barometer items")

    def __str__(self) -> str:
        return self.text


class Scale(models.IntegerChoices):
    FOUR = 4, _("1–4 (as Bærum uses)")
    SIX = 6, _("1–6 (as KS uses)")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Survey(models.Model):
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True,
                                    help_text=_("Shown at the top of the questionnaire and in the e-mail."))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000),
                                                                   MaxValueValidator(2100)])
    scale = models.PositiveSmallIntegerField(_("scale"), choices=Scale.choices, default=Scale.FOUR)
    items = models.ManyToManyField(BarometerItem, related_name="surveys", verbose_name=_("items"))
    previous_round = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups",
        verbose_name=_("follow-up of"), help_text=_("An earlier survey that this one repeats, for before/after."),
    )
    status = models.CharField(_("status"), max_length=8, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("barometer survey")
        verbose_name_plural = _("barometer surveys")

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN

    def rounds(self) -> list[Survey]:
        """This survey and the rounds before it, oldest first."""
        chain: list[Survey] = []
        seen: set[int] = set()
        current: Survey | None = self
        while current is not None and current.pk not in seen:
            chain.append(current)
            seen.add(current.pk)
            current = current.previous_round
        return list(reversed(chain))


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Recipient(models.Model):
    """One answer link: a person in a unit. Only a hash of the link's token is stored."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="recipients",
                               verbose_name=_("survey"))
    unit_name = models.CharField(_("unit"), max_length=200)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("municipality"))
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    email = models.EmailField(_("e-mail"))
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["municipality__name", "unit_name", "email"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [models.UniqueConstraint(fields=["survey", "email"], name="unique_recipient_per_survey")]

    def __str__(self) -> str:
        return f"{self.unit_name} ({self.municipality_id})"

    def issue_token(self) -> str:
        """A new random link token; the old link stops working. Caller saves."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        return token


class Response(models.Model):
    """One anonymous answer. It keeps the unit's name, municipality and sector, not who answered."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses",
                               verbose_name=_("survey"))
    unit_name = models.CharField(_("unit"), max_length=200)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("municipality"))
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    submitted_on = models.DateField(_("submitted"))

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.unit_name}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers",
                                 verbose_name=_("response"))
    item = models.ForeignKey(BarometerItem, on_delete=models.PROTECT, related_name="answers",
                             verbose_name=_("item"))
    value = models.PositiveSmallIntegerField(_("value"), null=True, blank=True,
                                             help_text=_("Empty: do not know."))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value}"
