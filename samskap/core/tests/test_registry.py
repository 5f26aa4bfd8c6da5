"""The registry the apps fill from AppConfig.ready(), and the orders that keep behaviour as it was."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from samskap.core.registry import Registry, registry


def test_demo_loaders_run_in_the_old_order():
    assert [loader.name for loader in registry.demo_loaders()] == [
        "reference", "directory", "needs", "funding", "knowledge", "opportunities", "outlook", "workshops", "partnering", "followup", "matching"]


def test_catalogue_kinds_in_the_old_order():
    from samskap.matching.sources import kinds

    assert kinds() == ("person", "group", "instrument", "case", "opportunity", "need")


def test_api_routers_in_the_old_order():
    assert [(r.prefix, r.tag) for r in registry.api_routers()] == [
        ("municipalities", "directory"), ("needs", "needs"), ("needs", "needs"), ("funding", "funding"),
        ("match", "matching"), ("workshops", "workshops"), ("followup", "followup"), ("knowledge", "knowledge"),
        ("opportunities", "opportunities"), ("outlook", "outlook")]


def test_need_matches_keeps_its_path_tag_and_operation_id(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    operation = paths["/api/v1/needs/{need_id}/matches"]["get"]
    assert operation["operationId"] == "samskap_needs_api_need_matches"
    assert operation["tags"] == ["needs"]
    assert list(paths).index("/api/v1/needs/{need_id}/matches") == list(paths).index("/api/v1/needs/{need_id}") + 1


def test_workshop_command_keeps_its_subcommands(db):
    from samskap.workshops.management.commands.workshop import Command

    command = Command()
    assert list(command.subcommands) == ["plan", "tables", "list", "report"]
    assert command.help == "Workshop (utviklingsverksted) planning tools: plan, tables, list, report"
    out = io.StringIO()
    call_command("workshop", "list", stdout=out)  # follow-up's subcommand, reached through the registry
    assert out.getvalue() == "No workshops.\n"


def test_a_key_registered_twice_is_refused():
    fresh = Registry()
    fresh.add_catalogue_source("need", lambda pks: [], order=1)
    with pytest.raises(ImproperlyConfigured):
        fresh.add_catalogue_source("need", lambda pks: [], order=2)
    fresh.add_demo_loader("x", lambda stdout: None, order=1)
    with pytest.raises(ImproperlyConfigured):
        fresh.add_demo_loader("x", lambda stdout: None, order=1)


def test_stores_read_in_order_then_name():
    fresh = Registry()
    fresh.add_demo_loader("b", lambda stdout: None, order=2)
    fresh.add_demo_loader("c", lambda stdout: None, order=1)
    fresh.add_demo_loader("a", lambda stdout: None, order=2)
    assert [d.name for d in fresh.demo_loaders()] == ["c", "a", "b"]


def test_page_context_adds_to_the_view_context_and_the_view_wins():
    fresh = Registry()
    fresh.add_page_context("core:home", "one", lambda request, context: {"a": 1, "b": context["b"] * 2})
    fresh.add_page_context("other:page", "two", lambda request, context: {"c": 3})
    assert fresh.page_context("core:home", None, {"b": 5}) == {"a": 1, "b": 5}  # type: ignore[arg-type]


def test_panels_come_in_order_without_empty_ones_and_a_name_only_once() -> None:
    from django.core.exceptions import ImproperlyConfigured

    from samskap.core.registry import Registry

    fresh = Registry()
    fresh.add_front_panel("b", lambda request: {"template": "b.html"}, order=20)
    fresh.add_front_panel("a", lambda request: {"figures": [{"value": 1}]}, order=10)
    fresh.add_front_panel("empty", lambda request: None, order=5)
    fresh.add_start_panel("mine", lambda request: {"template": "mine.html"}, order=1)
    assert [p["name"] for p in fresh.front_panels(None)] == ["a", "b"]  # type: ignore[arg-type]
    assert [p["name"] for p in fresh.start_panels(None)] == ["mine"]  # type: ignore[arg-type]
    with pytest.raises(ImproperlyConfigured):
        fresh.add_front_panel("a", lambda request: None, order=1)
    with pytest.raises(ImproperlyConfigured):
        fresh.add_start_panel("mine", lambda request: None, order=1)
