"""Cooperation opportunities: thesis topics, secondments, shared positions, public-sector PhDs and other
cooperation that one side offers (or seeks) and the other takes up.

The flow follows the science shops (UiO's Vitenskapsbutikken) and EEN partnering profiles: the owner writes
a draft and submits it; a coordinator or the designated contact of the vetting institution approves it,
asks for changes or rejects it (with a reason); the owner publishes it; students or researchers send a
short sketch; the owner accepts one (the opportunity is then taken, with an agreement) or rejects it; the
result is linked when the work is completed; the owner archives it. A published opportunity past its
expiry date is hidden from the catalogue until the owner renews it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from samskap.core.validators import validate_http_url
from samskap.directory.models import Language, Municipality, Organisation, Person
from samskap.needs.models import Need, Sector


def today() -> dt.date:
    return timezone.localdate()


class Kind(models.TextChoices):
    THESIS = "thesis", _("Student thesis topic")
    SECONDMENT = "secondment", _("Secondment")
    SHARED_POSITION = "shared_position", _("Shared position")
    PUBLIC_PHD = "public_phd", _("Public-sector PhD project")
    OTHER = "other", _("Other cooperation")


class Level(models.TextChoices):
    NONE = "", _("Not a thesis")
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    PHD = "phd", _("PhD")


class Direction(models.TextChoices):
    OFFERED = "offered", _("Offered by")
    SOUGHT = "sought", _("Sought by")


class PartnerType(models.TextChoices):
    ANY = "", _("Anyone")
    STUDENT = "student", _("Student")
    RESEARCHER = "researcher", _("Researcher")
    MUNICIPALITY = "municipality", _("Municipality")
    RESEARCH = "research", _("Research institution")
    COMPANY = "company", _("Company")


class Field(models.TextChoices):
    HEALTH = "health", _("Health and care sciences")
    SOCIAL = "social", _("Social sciences")
    EDUCATION = "education", _("Education")
    ECONOMICS = "economics", _("Economics and management")
    TECHNOLOGY = "technology", _("Technology and engineering")
    ICT = "ict", _("Informatics and digitalisation")
    NATURAL = "natural", _("Natural sciences and environment")
    PLANNING = "planning", _("Planning and architecture")
    HUMANITIES = "humanities", _("Humanities and culture")
    LAW = "law", _("Law")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for vetting")
    CHANGES = "changes", _("Changes requested")
    REJECTED = "rejected", _("Rejected")
    VETTED = "vetted", _("Vetted")
    PUBLISHED = "published", _("Published")
    TAKEN = "taken", _("Taken")
    COMPLETED = "completed", _("Completed")
    ARCHIVED = "archived", _("Archived")


#: Statuses in which the owner may still change the text (after vetting, changes go back to vetting).
EDITABLE_STATUSES = {Status.DRAFT, Status.CHANGES, Status.REJECTED}
#: Statuses everyone sees (the catalogue); published ones only until they expire.
PUBLIC_STATUSES = {Status.PUBLISHED, Status.TAKEN, Status.COMPLETED}
DEFAULT_LIFETIME = dt.timedelta(days=180)


class OpportunityQuerySet(models.QuerySet["Opportunity"]):
    def public(self, day: dt.date | None = None) -> OpportunityQuerySet:
        """What the catalogue shows: published and not expired, or taken or completed."""
        day = day or today()
        return self.filter(models.Q(status=Status.PUBLISHED, expires_on__gte=day)
                           | models.Q(status__in=[Status.TAKEN, Status.COMPLETED]))

    def open(self, day: dt.date | None = None) -> OpportunityQuerySet:
        """Published, not expired: sketches may be sent."""
        return self.filter(status=Status.PUBLISHED, expires_on__gte=day or today())


class Opportunity(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, blank=True, default=Level.NONE,
                             help_text=_("For thesis topics: bachelor, master or PhD."))
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices,
                                 default=Direction.OFFERED)
    partner_type = models.CharField(_("partner sought"), max_length=16, choices=PartnerType.choices, blank=True,
                                    default=PartnerType.ANY)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400)
    problem = models.TextField(_("the problem"), help_text=_("What is to be found out or solved?"))
    relevance = models.TextField(_("relevance"), blank=True,
                                 help_text=_("Why it matters to the municipality, the field or society."))
    data_and_method = models.TextField(_("data and method"), blank=True,
                                       help_text=_("Which data exist or can be collected, and possible methods."))
    ethics = models.TextField(_("ethics and privacy"), blank=True,
                              help_text=_("Personal data, consent, approvals (e.g. Sikt or REK) that may be needed."))
    requirements = models.TextField(_("requirements"), blank=True)
    field = models.CharField(_("field"), max_length=16, choices=Field.choices)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="opportunities",
                                     verbose_name=_("organisation"))
    contact = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                verbose_name=_("contact person"),
                                help_text=_("Shown only if the person is listed in the directory."))
    need = models.ForeignKey(Need, null=True, blank=True, on_delete=models.SET_NULL, related_name="opportunities",
                             verbose_name=_("from the need"))
    municipality = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="opportunities", verbose_name=_("municipality (place)"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    provides_data = models.BooleanField(_("access to data"), default=False)
    provides_supervision = models.BooleanField(_("supervision or a contact in the organisation"), default=False)
    provides_office = models.BooleanField(_("office space"), default=False)
    stipend_amount = models.PositiveIntegerField(_("stipend (NOK)"), null=True, blank=True)
    stipend_deadline = models.DateField(_("stipend deadline"), null=True, blank=True)
    deadline = models.DateField(_("deadline for sketches"), null=True, blank=True)
    language = models.CharField(_("language of the text"), max_length=2, choices=Language.choices,
                                default=Language.NB)
    keywords = models.CharField(_("keywords"), max_length=500, blank=True, help_text=_("Separate with commas."))
    expires_on = models.DateField(_("expires"), help_text=_("Hidden from the catalogue after this day unless renewed."))
    vetting_institution = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="vetted_opportunities",
        verbose_name=_("vetting institution"),
        help_text=_("The institution whose designated contact may vet it (coordinators always may)."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    vetting_note = models.TextField(_("vetting note"), blank=True)
    vetted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("vetted by"))
    vetted_at = models.DateTimeField(_("vetted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    taken_by = models.CharField(_("taken by"), max_length=300, blank=True)
    result_url = models.URLField(_("link to the result"), max_length=500, blank=True, validators=[validate_http_url])
    result_note = models.TextField(_("about the result"), blank=True)
    renewal_requested_at = models.DateTimeField(_("asked to renew"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("cooperation opportunity")
        verbose_name_plural = _("cooperation opportunities")
        indexes = [models.Index(fields=["status", "expires_on"]), models.Index(fields=["kind", "level"])]

    def __str__(self) -> str:
        return self.title

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]

    @property
    def is_expired(self) -> bool:
        return self.status == Status.PUBLISHED and self.expires_on < today()

    @property
    def is_open(self) -> bool:
        return self.status == Status.PUBLISHED and self.expires_on >= today()

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def kind_label(self) -> str:
        """"Master's thesis topic" style label: the level for theses, else the kind."""
        if self.kind == Kind.THESIS and self.level:
            return str(_("%(level)s thesis topic") % {"level": self.get_level_display()})
        return str(self.get_kind_display())

    @property
    def place_display(self) -> str:
        return self.place or (self.municipality.name if self.municipality_id and self.municipality else "")

    @property
    def public_contact(self) -> Person | None:
        """The contact, if the person consented to be listed (directory's rule)."""
        contact = self.contact
        return contact if contact is not None and contact.listed_in_directory else None

    def provides(self) -> list[str]:
        out = []
        if self.provides_data:
            out.append(str(_("access to data")))
        if self.provides_supervision:
            out.append(str(_("supervision")))
        if self.provides_office:
            out.append(str(_("office space")))
        if self.stipend_amount:
            out.append(str(_("stipend of NOK %(amount)s") % {"amount": number_format(self.stipend_amount, force_grouping=True)}))
        return out

    def full_text(self) -> str:
        parts = [self.title, self.summary, self.problem, self.relevance, self.data_and_method, self.requirements]
        return "\n".join(p for p in parts if p)


class VettingContact(models.Model):
    """A person at an institution whom a coordinator designated to vet opportunities sent to it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vetting_roles",
                             verbose_name=_("user"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="vetting_contacts",
                                     verbose_name=_("institution"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("vetting contact")
        verbose_name_plural = _("vetting contacts")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_vetting_contact")]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class SketchStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Sketch(models.Model):
    """A student's or researcher's short project sketch (an expression of interest). Seen only by the owner
    organisation's people and the sender."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="sketches",
                                    verbose_name=_("opportunity"))
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sketches",
                               verbose_name=_("sender"))
    sender_name = models.CharField(_("name"), max_length=200)
    institution = models.CharField(_("study place or institution"), max_length=200, blank=True)
    text = models.TextField(_("sketch"))
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    pdf_name = models.CharField(_("PDF file name"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=SketchStatus.choices, default=SketchStatus.SENT)
    owner_message = models.TextField(_("message from the owner"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sketch")
        verbose_name_plural = _("sketches")

    def __str__(self) -> str:
        return f"{self.sender_name}: {self.opportunity}"


class Agreement(models.Model):
    """What was agreed when a sketch was accepted: the parties, the supervisor and the dates."""

    sketch = models.OneToOneField(Sketch, on_delete=models.CASCADE, related_name="agreement",
                                  verbose_name=_("sketch"))
    parties = models.TextField(_("parties"), help_text=_("One party a line."))
    supervisor = models.CharField(_("supervisor"), max_length=200, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    startup_meeting = models.DateField(_("start-up meeting"), null=True, blank=True)
    terms = models.TextField(_("other terms"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("collaboration agreement")
        verbose_name_plural = _("collaboration agreements")

    def __str__(self) -> str:
        return str(self.sketch)

    @property
    def party_list(self) -> list[str]:
        return [p.strip() for p in self.parties.splitlines() if p.strip()]
