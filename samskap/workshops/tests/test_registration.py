"""Registration through the web: guests and logged-in people, e-mails to a real SMTP server, the waiting list,
cancelling with the token link, and translated form errors."""

import datetime as dt
import re
import socket
from email.header import decode_header, make_header
from email.message import Message

import pytest
from django.urls import reverse
from django.utils import timezone

from samskap.workshops import actions
from samskap.workshops.models import Choice, Registration, RegistrationStatus

from .factories import make_event, sign_up, themes


def body(message: Message) -> str:
    part = message.get_payload(decode=True)
    return part.decode(message.get_content_charset() or "utf-8")


def form_data(event, *, name="Guro Gjest", email="guro@example.no", choices=None, **extra):
    by_title = themes(event)
    sessions = {s.number: s for s in event.sessions.all()}
    data = {"name": name, "email": email, "organisation_name": "Verdal kommune", "actor_type": "municipality",
            "accepted_terms": "on", **extra}
    choices = choices if choices is not None else {1: ["Laboratorium for folkehelse", "Kommunen som næringsutvikler"],
                                                   2: ["Strategi for bioøkonomi"]}
    for number, titles in choices.items():
        for rank, title in enumerate(titles, start=1):
            data[f"session_{sessions[number].pk}_{rank}"] = str(by_title[(number, title)].pk)
    return data


@pytest.mark.postgres
def test_guest_registers_and_gets_a_confirmation_with_the_cancel_link(client, event, smtp_server,
                                                                       django_capture_on_commit_callbacks):
    page = client.get(reverse("workshops:register", args=[event.slug]))
    assert page.status_code == 200
    assert "Første valg" in page.content.decode()  # bokmål labels
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workshops:register", args=[event.slug]), form_data(event, volunteer_host="on"))
    registration = Registration.objects.get(email="guro@example.no")
    assert response.status_code == 302
    # the personal link goes by e-mail only (the answer is the same for an address already registered)
    assert response["Location"] == reverse("workshops:detail", args=[event.slug])
    assert registration.token not in response["Location"]
    assert registration.status == RegistrationStatus.CONFIRMED and registration.person is None
    assert registration.volunteer_host and not registration.volunteer_note_taker and registration.accepted_terms
    assert [(c.session.number, c.rank, c.theme.title) for c in registration.choices.all()] == [
        (1, 1, "Laboratorium for folkehelse"), (1, 2, "Kommunen som næringsutvikler"),
        (2, 1, "Strategi for bioøkonomi")]
    assert len(smtp_server) == 1
    mail = smtp_server[0]
    assert mail["To"] == "guro@example.no"
    assert "Påmelding bekreftet" in str(mail["Subject"]) or "Utviklingsverksted" in str(mail["Subject"])
    text = body(mail)
    assert f"/verksted/{event.slug}/min/{registration.token}/" in text
    assert "Laboratorium for folkehelse" in text
    page = client.get(response["Location"]).content.decode()
    assert "Takk for påmeldingen. Vi har sendt deg en e-post med den personlige lenken din" in page
    page = client.get(reverse("workshops:mine", args=[event.slug, registration.token]))
    assert "Meld meg av" in page.content.decode() or "Avmeld" in page.content.decode()


@pytest.mark.postgres
def test_waiting_list_and_promotion_by_cancelling_with_the_token(client, coordinator, smtp_server,
                                                                 django_capture_on_commit_callbacks):
    event = make_event(coordinator.user, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        for i, name in enumerate(["Anne Først", "Bjørn Andre", "Cecilie Tredje", "Dag Fjerde"]):
            client.post(reverse("workshops:register", args=[event.slug]),
                        form_data(event, name=name, email=f"p{i}@example.no"))
    regs = list(Registration.objects.order_by("pk"))
    assert [r.status for r in regs] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert len(smtp_server) == 4
    waiting_mail = next(m for m in smtp_server if m["To"] == "p2@example.no")
    assert "venteliste" in body(waiting_mail).lower()

    first = regs[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workshops:cancel", args=[event.slug, first.token]))
    assert response.status_code == 302
    statuses = list(Registration.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["cancelled", "confirmed", "confirmed", "waitlisted"]  # the oldest waiting moved up
    assert len(smtp_server) == 5
    promotion = smtp_server[-1]
    assert promotion["To"] == "p2@example.no"
    assert regs[2].token in body(promotion)

    # a wrong token finds nothing; cancelling twice is refused politely
    assert client.post(reverse("workshops:cancel", args=[event.slug, "not-a-token"])).status_code == 404
    response = client.post(reverse("workshops:cancel", args=[event.slug, first.token]), follow=True)
    assert "allerede avmeldt" in response.content.decode()


@pytest.mark.postgres
def test_a_higher_capacity_promotes_the_waiting_list(coordinator, event, smtp_server,
                                                     django_capture_on_commit_callbacks):
    actions.update_event(event, {"capacity": 1}, actor=coordinator.user)
    sign_up(event, "Anne", {1: ["Laboratorium for folkehelse"]})
    waiting = sign_up(event, "Berit", {1: ["Laboratorium for folkehelse"]})
    assert waiting.status == RegistrationStatus.WAITLISTED
    with django_capture_on_commit_callbacks(execute=True):
        actions.update_event(event, {"capacity": 2}, actor=coordinator.user)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert [m["To"] for m in smtp_server] == ["berit@example.no"]


def _answer(client, url, data):
    """What a visitor sees after sending the form: status, redirect and the message on the next page."""
    response = client.post(url, data)
    page = client.get(response["Location"]).content.decode() if response.status_code == 302 else ""
    messages = re.findall(r'<div class="ds-alert"[^>]*>(.*?)</div>', page, flags=re.S)
    return response.status_code, response.get("Location"), [" ".join(m.split()) for m in messages]


@pytest.mark.postgres
def test_an_address_already_registered_gets_the_same_answer_and_its_owner_an_email(
        client, event, smtp_server, django_capture_on_commit_callbacks):
    url = reverse("workshops:register", args=[event.slug])
    with django_capture_on_commit_callbacks(execute=True):
        _answer(client, url, form_data(event, name="Eva Eier", email="Eva@Example.no"))
    owner = Registration.objects.get()
    assert len(smtp_server) == 1  # the confirmation

    with django_capture_on_commit_callbacks(execute=True):
        existing = _answer(client, url, form_data(event, name="Noen Andre", email="eva@example.no"))
    with django_capture_on_commit_callbacks(execute=True):
        new = _answer(client, url, form_data(event, name="Noen Andre", email="ny@example.no"))
    assert existing[0] == new[0] == 302
    assert existing == new  # same status, same redirect, same message text
    assert existing[2] and "allerede påmeldt" not in " ".join(existing[2])
    assert Registration.objects.filter(email__iexact="eva@example.no").count() == 1  # nothing changed
    owner.refresh_from_db()
    assert owner.name == "Eva Eier"

    # the owner is told by e-mail, with the personal link; the new address got its confirmation
    assert [m["To"] for m in smtp_server] == ["Eva@Example.no", "Eva@Example.no", "ny@example.no"]
    notice = smtp_server[1]
    assert str(make_header(decode_header(notice["Subject"]))) == "Allerede påmeldt: Utviklingsverksted"
    assert f"/min/{owner.token}/" in body(notice)
    assert "Noen Andre" not in body(notice)

    # bad input is refused the same way for both
    for email in ("eva@example.no", "ny2@example.no"):
        data = form_data(event, email=email)
        data.pop("accepted_terms")
        response = client.post(url, data)
        assert response.status_code == 200 and "Du må godta vilkårene" in response.content.decode()

    # after cancelling, the address may register again
    actions.cancel_registration(owner, token=owner.token, notify=False, actor=None)
    client.post(url, form_data(event, email="eva@example.no"))
    assert Registration.objects.filter(email__iexact="eva@example.no", status="confirmed").count() == 1


@pytest.mark.postgres
def test_a_slow_mail_server_does_not_hold_up_a_registration(transactional_db, client, event, settings, smtp_server,
                                                            django_capture_on_commit_callbacks):
    """The confirmation is queued for the task worker; the request does not talk to the mail server.
    (Transactional: the worker closes and reopens its database connection, as it does in production.)"""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    working_port = settings.EMAIL_PORT
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        silent.setblocking(False)
        settings.EMAIL_PORT = silent.getsockname()[1]
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("workshops:register", args=[event.slug]), form_data(event))
        assert response.status_code == 302
        registration = Registration.objects.get(email="guro@example.no")
        assert registration.status == RegistrationStatus.CONFIRMED
        with pytest.raises(BlockingIOError):
            silent.accept()  # nobody connected to the mail server during the request
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "samskap.workshops.tasks.send_confirmation"
    assert queued.args_kwargs["args"] == [registration.pk]
    assert smtp_server == []

    # the worker sends it (here to a mail server that works)
    settings.EMAIL_PORT = working_port
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    assert [m["To"] for m in smtp_server] == ["guro@example.no"]
    assert registration.token in body(smtp_server[0])


def test_bad_input_gets_translated_errors(client, event):
    url = reverse("workshops:register", args=[event.slug])
    data = form_data(event, email="not-an-address", choices={1: ["Laboratorium for folkehelse"]})
    data.pop("accepted_terms")
    session = event.sessions.get(number=2)
    by_title = themes(event)
    data[f"session_{session.pk}_2"] = str(by_title[(2, "Strategi for bioøkonomi")].pk)  # second without first
    data[f"session_{event.sessions.get(number=1).pk}_2"] = data[f"session_{event.sessions.get(number=1).pk}_1"]
    data["name"] = ""
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Du må godta vilkårene for å melde deg på." in html
    assert "Oppgi en gyldig e-postadresse" in html
    assert "Feltet er påkrevet." in html
    assert "Fyll ut de tidligere valgene først." in html
    assert "Du har allerede valgt dette temaet i denne økta." in html
    assert 'aria-invalid="true"' in html
    assert Registration.objects.count() == 0


def test_closed_registration(client, coordinator):
    event = make_event(coordinator.user, slug="stengt")
    event.registration_deadline = timezone.now() - dt.timedelta(hours=1)
    event.save()
    response = client.get(reverse("workshops:register", args=[event.slug]))
    assert "Påmeldingen til dette verkstedet er stengt." in response.content.decode()
    client.post(reverse("workshops:register", args=[event.slug]), form_data(event))
    assert Registration.objects.count() == 0
    with pytest.raises(actions.ValidationError):
        sign_up(event, "Sen Person", {1: ["Laboratorium for folkehelse"]})
    # a coordinator may still register someone
    sign_up(event, "Sen Person", {1: ["Laboratorium for folkehelse"]}, actor=coordinator.user)


def test_logged_in_person_is_prefilled_and_linked(client, researcher, event):
    client.force_login(researcher.user)
    page = client.get(reverse("workshops:register", args=[event.slug])).content.decode()
    assert 'value="Per Forsker"' in page and 'value="NTNU"' in page
    assert re.search(r'<option value="research" selected>', page)
    client.post(reverse("workshops:register", args=[event.slug]),
                form_data(event, name="Per Forsker", email=researcher.user.email, actor_type="research"))
    registration = Registration.objects.get()
    assert registration.person == researcher.person
    detail = client.get(reverse("workshops:detail", args=[event.slug])).content.decode()
    assert reverse("workshops:mine", args=[event.slug, registration.token]) in detail


def test_no_theme_in_a_session_means_not_attending_it(event):
    registration = sign_up(event, "Bare Formiddag", {1: ["Laboratorium for folkehelse"], 2: []})
    assert list(Choice.objects.filter(registration=registration).values_list("session__number", flat=True)) == [1]
