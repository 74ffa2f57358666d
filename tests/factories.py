"""factory_boy factories: valid rows with realistic Japanese data."""

from __future__ import annotations

import datetime as dt

import factory

from carebridge.clients.models import Certification, Client, Consent, Contact
from carebridge.core.models import Company, Office, User
from carebridge.core.roles import Role
from carebridge.desk.demo import insurer_with_check_digit, with_check_digit
from carebridge.directory.models import Provider

PASSWORD = "correct-horse-battery"


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    office_number = factory.Sequence(lambda n: with_check_digit(f"13712{n:04d}"))
    name = factory.Sequence(lambda n: f"テスト居宅介護支援事業所{n}")
    region_grade = "1"
    prefecture = "東京都"


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    office = factory.SubFactory(OfficeFactory)
    name = factory.Sequence(lambda n: f"株式会社テスト{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.CARE_MANAGER
    office = factory.SubFactory(OfficeFactory)
    display_name = factory.Sequence(lambda n: f"職員 {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    office = factory.SubFactory(OfficeFactory)
    name = factory.Sequence(lambda n: f"試験 花子{n}")
    kana = "シケン　ハナコ"
    birth_date = dt.date(1940, 4, 1)
    sex = "female"
    insurer_number = insurer_with_check_digit("13112")
    insured_number = factory.Sequence(lambda n: f"{n:010d}")
    status = "active"


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    client = factory.SubFactory(ClientFactory)
    office = factory.SelfAttribute("client.office")
    status = "certified"
    care_level = "care_2"
    certified_on = dt.date(2026, 3, 25)
    valid_from = dt.date(2026, 4, 1)
    valid_to = dt.date(2027, 3, 31)
    copay_rate = 10


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    client = factory.SubFactory(ClientFactory)
    office = factory.SelfAttribute("client.office")
    name = "試験 一郎"
    relationship = "長男"


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    client = factory.SubFactory(ClientFactory)
    office = factory.SelfAttribute("client.office")
    scope = "基本情報・ケアプラン"
    recipient_kind = "provider"
    recipient = "ヘルパーステーションひだまり"
    agreed_on = dt.date(2026, 4, 1)


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    office = factory.SubFactory(OfficeFactory)
    kind = "service"
    provider_number = factory.Sequence(lambda n: with_check_digit(f"13712{5000 + n:04d}"))
    name = factory.Sequence(lambda n: f"訪問介護ステーション{n}")
    service_type_codes = factory.LazyFunction(lambda: ["11"])
