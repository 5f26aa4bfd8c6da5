"""allauth adapters: e-mails through background tasks, login rules, and single sign-on linking only by an
e-mail address that both the provider and Samskap have verified."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from samskap.accounts import tasks
from samskap.core.http import safe_next
from samskap.core.tasks import enqueue_on_commit


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render in the request (language, links), send from the task worker."""
        msg = self.render_mail(template_prefix, email, context)
        html = None
        if isinstance(msg, EmailMultiAlternatives):
            for content, mimetype in msg.alternatives:
                if mimetype == "text/html":
                    html = str(content)
        if msg.content_subtype == "html":
            html, body = str(msg.body), ""
        else:
            body = str(msg.body)
        enqueue_on_commit(tasks.send_account_mail, {
            "subject": str(msg.subject), "body": body, "html": html,
            "from_email": msg.from_email or settings.DEFAULT_FROM_EMAIL, "to": list(msg.to)})

    def save_user(self, request: Any, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        name = (getattr(form, "cleaned_data", {}) or {}).get("name", "").strip()
        if name:
            first, _sep, last = name.rpartition(" ")
            user.first_name, user.last_name = (first or name)[:150], last[:150]
        if commit:
            user.save()
        return user

    def is_safe_url(self, url: str | None) -> bool:
        request = getattr(self, "request", None)
        if request is None or not url:
            return bool(super().is_safe_url(url))
        return safe_next(request, url, "") == url


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def authenticate_by_email(self, sociallogin: Any) -> tuple[Any, str] | None:
        """Link a provider identity to an existing account only through an address that the provider says
        is verified and that is verified in Samskap too (never through a typed-in, unproven address)."""
        for address in sociallogin.email_addresses:
            if not address.verified or not self.can_authenticate_by_email(sociallogin, address.email):
                continue
            match = (EmailAddress.objects.filter(email__iexact=address.email, verified=True, user__is_active=True)
                     .select_related("user").first())
            if match is not None:
                return match.user, match.email
        return None

    def populate_user(self, request: Any, sociallogin: Any, data: dict[str, Any]) -> Any:
        user = super().populate_user(request, sociallogin, data)
        if not user.first_name and data.get("name"):
            first, _sep, last = str(data["name"]).rpartition(" ")
            user.first_name, user.last_name = (first or data["name"])[:150], last[:150]
        return user
