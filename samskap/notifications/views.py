from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from samskap.core.http import safe_next
from samskap.core.registry import registry
from samskap.notifications import actions, queries
from samskap.notifications.models import Delivery, MailOptOut, Notification


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.for_user(request.user), 30).get_page(request.GET.get("page"))
    items = []
    for notification in page:
        kind = registry.notification_kind(notification.kind)
        items.append({"notification": notification, "message": notification.message,
                      "replies": kind.replies if kind is not None and not notification.reply else (),
                      "reply_label": dict(kind.replies).get(notification.reply, "") if kind and notification.reply
                      else ""})
    return render(request, "notifications/list.html", {"page": page, "items": items,
                                                       "unread": queries.unread_count(request.user)})


def _mine(request: HttpRequest, pk: int) -> Notification:
    return get_object_or_404(Notification, pk=pk, recipient=request.user)


@login_required
@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read; with ``open`` go on to what it is about."""
    notification = _mine(request, pk)
    actions.mark_read(notification, actor=request.user)
    if request.POST.get("open") and notification.url:
        return redirect(safe_next(request, notification.url, "notifications:list"))
    return redirect("notifications:list")


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    count = actions.mark_all_read(actor=request.user)
    messages.success(request, _("%(count)s notifications marked as read.") % {"count": count})
    return redirect("notifications:list")


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    notification = _mine(request, pk)
    try:
        actions.reply(notification, request.POST.get("reply", ""), actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Thank you, your answer has been passed on."))
    return redirect("notifications:list")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    rows = queries.preferences(request.user)
    errors: dict[str, str] = {}
    if request.method == "POST":
        choices = {row["key"]: request.POST.get(f"kind-{row['key']}", row["delivery"]) for row in rows}
        try:
            actions.set_preferences(choices, actor=request.user)
        except ValidationError as exc:
            errors = {key: " ".join(msgs) for key, msgs in exc.message_dict.items()} if hasattr(exc, "error_dict") \
                else {"": " ".join(exc.messages)}
        else:
            messages.success(request, _("Your choices are saved."))
            return redirect("notifications:preferences")
    email = queries.email_of(request.user)
    opt_out = MailOptOut.objects.filter(email=email).first() if email else None
    return render(request, "notifications/preferences.html", {
        "rows": rows, "deliveries": Delivery.choices, "errors": errors, "email": email,
        "unsubscribed": bool(opt_out and opt_out.unsubscribed_at), "opt_out": opt_out})


@csrf_exempt  # the token in the address is the authority; mail clients post RFC 8058 one-click requests
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    opt_out = MailOptOut.objects.filter(token=token).first()
    if opt_out is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        if request.POST.get("resubscribe"):
            actions.resubscribe(token)
        else:
            actions.unsubscribe(token)
        opt_out.refresh_from_db()
    return render(request, "notifications/unsubscribe.html", {"opt_out": opt_out, "token": token})
