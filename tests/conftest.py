"""Shared fixtures: two offices with one user per role, and a company."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from carebridge.core.models import Company, Office, User
from carebridge.core.roles import Role

from . import pg_roles
from .factories import ClientFactory, CompanyFactory, OfficeFactory, UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """pytest-django's test database, created and migrated by the owner; on PostgreSQL every test
    then connects as the application role, which owns nothing (tests/pg_roles.py, ADR 0004)."""
    if not pg_roles.on_postgres():
        yield
        return
    from django.db import connection

    from carebridge.core.db_roles import grant_app_privileges

    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            pg_roles.ensure_app_role(cursor)
        grant_app_privileges(connection, pg_roles.APP_ROLE)
        pg_roles.as_app()
    yield
    with django_db_blocker.unblock():
        pg_roles.as_owner()  # pytest-django drops the test database as its owner


@dataclass
class World:
    office_a: Office
    office_b: Office
    company: Company
    admin_a: User
    chief_a: User
    cm_a: User
    clerk_a: User
    wcm_a: User
    cm_b: User
    admin_b: User
    hr: User
    employee: User
    manager: User  # mgr_sakura: a manager of the same company (role company_manager)
    company_b: Company  # another company served by office A
    hr_b: User  # its HR


@pytest.fixture
def world(db: None) -> World:
    return make_world()


def make_world() -> World:
    office_a = OfficeFactory(name="事業所A")
    office_b = OfficeFactory(name="事業所B", prefecture="大阪府", region_grade="2")
    company = CompanyFactory(office=office_a, name="さくら製作所")

    def staff(username: str, role: str, office: Office) -> User:
        return UserFactory(username=username, role=role, office=office)

    company_b = CompanyFactory(office=office_a, name="もみじ商事")

    def company_user(username: str, role: str, of: Company = company) -> User:
        return UserFactory(username=username, role=role, office=None, company=of)

    return World(
        office_a=office_a,
        office_b=office_b,
        company=company,
        admin_a=staff("admin_a", Role.OFFICE_ADMIN, office_a),
        chief_a=staff("chief_a", Role.CHIEF_CARE_MANAGER, office_a),
        cm_a=staff("cm_a1", Role.CARE_MANAGER, office_a),
        clerk_a=staff("clerk_a", Role.CLERK, office_a),
        wcm_a=staff("wcm_a1", Role.WORKPLACE_CARE_MANAGER, office_a),
        cm_b=staff("cm_b1", Role.CARE_MANAGER, office_b),
        admin_b=staff("admin_b", Role.OFFICE_ADMIN, office_b),
        hr=company_user("hr_sakura", Role.COMPANY_HR),
        employee=company_user("emp_sakura1", Role.EMPLOYEE),
        manager=company_user("mgr_sakura", Role.COMPANY_MANAGER),
        company_b=company_b,
        hr_b=company_user("hr_momiji", Role.COMPANY_HR, company_b),
    )


@pytest.fixture
def client_a(world: World):
    return ClientFactory(office=world.office_a, care_manager=world.cm_a, name="山田 ハル", kana="ヤマダ　ハル")


# Fixtures through which a test reaches the database: pytest-django's (it blocks every other
# access) and the backup test's databases (from DATABASE_URL, like the browser journeys' servers).
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "django_db_setup",
        "databases",
    }
)


def reaches_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") is not None or "e2e" in item.path.parts:
        return True
    return bool(DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """CAREBRIDGE_DATABASE_TESTS_ONLY=1 keeps the tests that reach the database: the second run of
    `make test` (PostgreSQL) does not repeat the pure ones (rules, layouts, parsers), which the
    first run (SQLite) already ran and which no database can change."""
    if os.environ.get("CAREBRIDGE_DATABASE_TESTS_ONLY") != "1":
        return
    kept = [item for item in items if reaches_database(item)]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if not reaches_database(item)])
        items[:] = kept
