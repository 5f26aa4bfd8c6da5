"""The plan page explains a cancelled theme in plain words, without contradicting itself (issue 15)."""

import io

from django.urls import reverse

from samskap.directory import demo as directory_demo
from samskap.needs import demo as needs_demo
from samskap.workshops import demo
from samskap.workshops.models import Event, Plan, ThemeRun


def test_cancelled_theme_is_explained_in_plain_norwegian(client, coordinator):
    out = io.StringIO()
    directory_demo.load(out)
    needs_demo.load(out)
    demo.load(out)
    past = Event.objects.get(slug=demo.PAST_SLUG)
    plan = Plan.objects.get(event=past, published=True)
    run = ThemeRun.objects.get(plan=plan, running=False, theme__title="Innovative offentlige anskaffelser")
    client.force_login(coordinator.user)
    page = client.get(reverse("workshops:plan_detail", args=[past.slug, plan.pk]),
                      HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "(et tema trenger" not in page  # the old "1 påmeldt (et tema trenger 1)"
    if run.registrants < past.min_theme_size:
        assert "valgte dette temaet, og et tema trenger minst" in page
    else:
        assert "nok til å gjennomføre det, men planleggeren avlyste det" in page
    # How good the plan is, in words; the solver's figures only under "Tekniske detaljer".
    assert "Hvor god planen er" in page
    assert "Den best mulige planen for disse påmeldingene." in page or "fra den best mulige planen" in page
    details = page.index("<summary>Tekniske detaljer</summary>")
    assert page.index("Målverdi") > details and page.index("Nedre grense") > details
