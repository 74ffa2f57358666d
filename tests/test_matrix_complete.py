"""Every URL pattern and every OpenAPI operation is in some permission matrix
(tests/<app>/test_permissions.py), so a new page or endpoint cannot slip in unchecked."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from carebridge.api import api

from .permission_matrix import Case

TESTS = Path(__file__).resolve().parent

# Open to anyone by design: the login itself, the logout, and the API's own description.
PUBLIC = {"login", "logout", "api:openapi-json", "api:openapi-view", "api:api-root"}
PUBLIC.add("workcare:invitation_accept")  # the invited employee has no login yet (one-use token)


def all_cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(TESTS.glob("*/test_permissions*.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
        cases.extend(module.CASES)
    return cases


def url_names(patterns=None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            names |= url_names(pattern.url_patterns, inner or namespace)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"the route {pattern.pattern} has no name"
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def api_operations() -> set[str]:
    schema = api.get_openapi_schema()
    return {f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops}


def test_every_route_is_in_a_matrix():
    covered = {case.route for case in all_cases() if not case.api}
    pages = {name for name in url_names() if not name.startswith("api:")} - PUBLIC
    missing = sorted(pages - covered)
    assert not missing, f"routes in no permission matrix: {missing}"
    assert not sorted(covered - pages - PUBLIC), "a case names a route that does not exist"


def test_every_api_operation_is_in_a_matrix():
    covered = {case.route for case in all_cases() if case.api}
    missing = sorted(api_operations() - covered)
    assert not missing, f"API operations in no permission matrix: {missing}"
    assert not sorted(covered - api_operations()), "a case names an operation that does not exist"


def test_every_app_with_pages_has_its_matrix():
    apps_with_routes = {
        config.label
        for config in apps.get_app_configs()
        if config.name.startswith("carebridge.") and (Path(config.path) / "urls.py").exists()
    }
    with_matrix = {path.parent.name for path in TESTS.glob("*/test_permissions*.py")}
    assert apps_with_routes <= with_matrix, f"no tests/<app>/test_permissions.py for {apps_with_routes - with_matrix}"


@pytest.mark.django_db
def test_the_nothing_changed_snapshot_covers_every_carebridge_model():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .permission_matrix import state

    models = {m._meta.label for c in apps.get_app_configs() if c.name.startswith("carebridge.") for m in c.get_models()}
    assert {"core.User", "core.ApiToken", "core.AuditEvent"} <= models
    assert set(state()) == models | {TOTPDevice._meta.label}
