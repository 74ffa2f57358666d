"""Demo data: two offices, their staff, ~40 clients, a provider directory, and a company with 200
employees served by office A (demo_workcare.py).

Idempotent: every entity is looked up by its natural key first, so running `carebridge demo`
again changes nothing. Writes go through the services (so the audit trail shows them).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from carebridge.clients import services as client_services
from carebridge.clients.inputs import CertificationInput, ClientInput, ContactInput
from carebridge.clients.models import Client
from carebridge.core import japanese
from carebridge.core import services as core_services
from carebridge.core.dates import month_end
from carebridge.core.models import Company, Office, User
from carebridge.core.roles import Role
from carebridge.directory import services as directory_services
from carebridge.directory.inputs import ProviderInput, ResourceInput, SpecialistInput
from carebridge.directory.models import Provider, Resource, Specialist

from .demo_billing import load_billing
from .demo_care import load_care
from .demo_fee import load_fee
from .demo_prevention import load_prevention
from .demo_workcare import load_workcare

T = TypeVar("T")


def with_check_digit(base: str) -> str:
    """The 10-character 事業所番号 for a 9-character base."""
    return base + str(japanese.office_number_check_digit(base))


def insurer_with_check_digit(base: str) -> str:
    return base + str(japanese.check_digit([int(c) for c in base]))


@dataclass(frozen=True)
class OfficeSpec:
    key: str
    number: str
    name: str
    prefecture: str
    region_grade: str
    postal_code: str
    address: str
    phone: str
    insurer: str
    city: str
    client_count: int


OFFICES = (
    OfficeSpec(
        "a",
        with_check_digit("137120001"),
        "ケアプランセンターさくら世田谷",
        "東京都",
        "1",
        "154-0017",
        "東京都世田谷区世田谷4-21-27",
        "03-5432-1001",
        insurer_with_check_digit("13112"),
        "東京都世田谷区",
        30,
    ),
    OfficeSpec(
        "b",
        with_check_digit("277100002"),
        "居宅介護支援事業所なにわ",
        "大阪府",
        "2",
        "530-0001",
        "大阪府大阪市北区梅田1-3-1",
        "06-6345-2002",
        insurer_with_check_digit("27200"),
        "大阪府大阪市北区",
        10,
    ),
)

# username, role, display name, office key (None: company user), 介護支援専門員番号
USERS = (
    ("admin_a", Role.OFFICE_ADMIN, "佐藤 美和子", "a", "13001001"),
    ("cm_a1", Role.CARE_MANAGER, "鈴木 恵", "a", "13001002"),
    ("cm_a2", Role.CARE_MANAGER, "高橋 健一", "a", "13001003"),
    ("clerk_a", Role.CLERK, "田中 由美", "a", ""),
    ("wcm_a1", Role.WORKPLACE_CARE_MANAGER, "伊藤 真理", "a", "13001004"),
    ("admin_b", Role.OFFICE_ADMIN, "渡辺 直樹", "b", "27001001"),
    ("cm_b1", Role.CARE_MANAGER, "山本 さおり", "b", "27001002"),
    ("hr_sakura", Role.COMPANY_HR, "中村 浩二", None, ""),
    ("emp_sakura1", Role.EMPLOYEE, "小林 亮", None, ""),
    ("mgr_sakura", Role.COMPANY_MANAGER, "山本 健一", None, ""),
)
COMPANY_NAME = "さくら製作所"

FAMILY = [
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("清水", "シミズ"),
    ("山崎", "ヤマザキ"),
    ("森", "モリ"),
    ("阿部", "アベ"),
    ("池田", "イケダ"),
    ("橋本", "ハシモト"),
    ("石川", "イシカワ"),
    ("前田", "マエダ"),
    ("藤田", "フジタ"),
    ("小川", "オガワ"),
    ("岡田", "オカダ"),
    ("後藤", "ゴトウ"),
    ("長谷川", "ハセガワ"),
    ("村上", "ムラカミ"),
]
GIVEN_FEMALE = [
    ("ハル", "ハル"),
    ("キヨ", "キヨ"),
    ("トシ子", "トシコ"),
    ("和子", "カズコ"),
    ("幸子", "サチコ"),
    ("節子", "セツコ"),
    ("千代", "チヨ"),
    ("文子", "フミコ"),
    ("久子", "ヒサコ"),
    ("静江", "シズエ"),
]
GIVEN_MALE = [
    ("正男", "マサオ"),
    ("清", "キヨシ"),
    ("茂", "シゲル"),
    ("勇", "イサム"),
    ("弘", "ヒロシ"),
    ("進", "ススム"),
    ("一郎", "イチロウ"),
    ("三郎", "サブロウ"),
    ("武", "タケシ"),
    ("昭二", "ショウジ"),
]
RELATIONS = [
    ("長女", "female"),
    ("長男", "male"),
    ("妻", "female"),
    ("夫", "male"),
    ("次女", "female"),
    ("長男の妻", "female"),
]
CHILD_GIVEN = {
    "female": [("美穂", "ミホ"), ("直美", "ナオミ"), ("恵子", "ケイコ")],
    "male": [("誠", "マコト"), ("浩", "ヒロシ"), ("聡", "サトシ")],
}
LEVELS = ["support_1", "support_2", "care_1", "care_1", "care_2", "care_2", "care_3", "care_4", "care_5"]

PROVIDERS: tuple[tuple[str, str, list[str], str], ...] = (
    # base (without check digit, office-prefixed later), name, codes, kind
    ("101", "ヘルパーステーションひだまり", ["11"], "service"),
    ("102", "訪問看護ステーションあおば", ["13"], "service"),
    ("103", "デイサービスセンターこもれび", ["15"], "service"),
    ("104", "リハビリデイけやき", ["16"], "service"),
    ("105", "福祉用具レンタルすまいる", ["17", "41"], "service"),
    ("106", "ショートステイ陽だまりの家", ["21"], "service"),
    ("107", "訪問入浴サービスゆう", ["12"], "service"),
    ("108", "小規模多機能ホームえがお", ["73"], "service"),
    ("109", "地域包括支援センター中央", [], "community_center"),
)
RESOURCES = (
    (
        "まごころ配食サービス",
        "meal_delivery",
        "昼食・夕食の配達と安否確認。1食600円。",
        "区内全域",
        "1食600円",
    ),
    ("ふれあいサロン松の木", "salon", "毎週水曜の体操とお茶会。", "松の木町会", "100円"),
    ("見守りネットワーク", "watching", "新聞・郵便のたまりで民生委員に連絡。", "区内全域", "無料"),
    ("おでかけサポート", "transport", "通院・買い物の付き添い（自費）。", "区内全域", "30分1,500円"),
)
SPECIALISTS = (
    ("木下 誠", "sharoushi", "木下社会保険労務士事務所", "介護休業給付・両立支援制度の設計"),
    ("青木 里美", "lawyer", "青木法律事務所", "成年後見・相続"),
    ("西田 隆", "tax_accountant", "西田税理士事務所", "医療費控除・相続税"),
    ("三浦 陽子", "occupational_physician", "三浦産業医事務所", "就業上の配慮・復職支援"),
)


def _ensure(existing: T | None, create: Callable[[], T]) -> T:
    return existing if existing is not None else create()


def _progress(items: list[T], label: str, quiet: bool) -> Iterable[T]:
    if quiet:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=label, unit="件")


@transaction.atomic
def load_demo(*, today: dt.date | None = None, quiet: bool = False) -> dict[str, int]:
    today = today or timezone.localdate()
    password = settings.CAREBRIDGE_DEMO_PASSWORD
    offices: dict[str, Office] = {}
    for spec in OFFICES:
        offices[spec.key] = _ensure(
            Office.objects.filter(office_number=spec.number).first(),
            lambda spec=spec: core_services.office_create(  # type: ignore[misc]
                actor=None,
                data=core_services.OfficeInput(
                    office_number=spec.number,
                    name=spec.name,
                    prefecture=spec.prefecture,
                    region_grade=spec.region_grade,
                    postal_code=spec.postal_code,
                    address=spec.address,
                    phone=spec.phone,
                ),
            ),
        )
    company = _ensure(
        Company.objects.filter(office=offices["a"], name=COMPANY_NAME).first(),
        lambda: core_services.company_create(actor=None, office=offices["a"], name=COMPANY_NAME),
    )
    users: dict[str, User] = {}
    for username, role, display, office_key, cm_number in USERS:
        users[username] = _ensure(
            User.objects.filter(username=username).first(),
            lambda u=username, r=role, d=display, k=office_key, n=cm_number: core_services.user_create(  # type: ignore[misc]
                actor=None,
                username=u,
                password=password,
                role=r,
                display_name=d,
                care_manager_number=n,
                office=offices[k] if k else None,
                company=None if k else company,
            ),
        )
    counts = {"clients": 0, "providers": 0}
    for spec in OFFICES:
        admin = users[f"admin_{spec.key}"]
        counts["providers"] += _load_directory(spec, admin)
        cms = [u for u in users.values() if u.office_id == offices[spec.key].pk and u.role == Role.CARE_MANAGER]
        counts["clients"] += _load_clients(spec, admin, cms, today, quiet)
        load_care(office=offices[spec.key], today=today, quiet=quiet)
        load_prevention(office=offices[spec.key], today=today)
        load_fee(office=offices[spec.key], admin=admin, today=today)
    load_billing(office=offices["a"], today=today)  # 第6表 利用票 (office A; one client over the limit)
    counts["employees"] = load_workcare(company=company, users=users, today=today, quiet=quiet)
    return counts


def _load_directory(spec: OfficeSpec, admin: User) -> int:
    created = 0
    prefix = spec.number[:5]
    for suffix, name, codes, kind in PROVIDERS:
        number = with_check_digit(f"{prefix}0{suffix}")
        if Provider.objects.filter(office=admin.office, provider_number=number).exists():
            continue
        directory_services.provider_create(
            actor=admin,
            data=ProviderInput(
                kind=kind,
                provider_number=number,
                name=name,
                service_type_codes=codes,
                address=f"{spec.city}{suffix[-1]}-{int(suffix) % 7 + 1}-{int(suffix) % 5 + 2}",
                phone=f"{spec.phone[:8]}{suffix}0",
                fax=f"{spec.phone[:8]}{suffix}9",
            ),
        )
        created += 1
    for name, category, description, area, cost in RESOURCES:
        if not Resource.objects.filter(office=admin.office, name=name).exists():
            directory_services.resource_create(
                actor=admin,
                data=ResourceInput(name=name, category=category, description=description, area=area, cost_note=cost),
            )
    for name, profession, organization, expertise in SPECIALISTS:
        if not Specialist.objects.filter(office=admin.office, name=name).exists():
            directory_services.specialist_create(
                actor=admin,
                data=SpecialistInput(
                    name=name, profession=profession, organization=organization, fields_of_expertise=expertise
                ),
            )
    return created


def _load_clients(spec: OfficeSpec, admin: User, cms: list[User], today: dt.date, quiet: bool) -> int:
    rng = random.Random(f"carebridge-demo-{spec.key}")  # noqa: S311 - demo data, not security
    created = 0
    for index in _progress(list(range(spec.client_count)), f"事業所{spec.key.upper()}の利用者", quiet):
        insured = f"{'1' if spec.key == 'a' else '2'}{index + 1:09d}"
        family, family_kana = FAMILY[(index * 7 + (0 if spec.key == "a" else 3)) % len(FAMILY)]
        sex = "female" if rng.random() < 0.65 else "male"
        names = GIVEN_FEMALE if sex == "female" else GIVEN_MALE
        given, given_kana = names[(index * 3 + len(spec.key) + (index // len(FAMILY))) % len(names)]
        if Client.objects.filter(office=admin.office, insurer_number=spec.insurer, insured_number=insured).exists():
            # Shuffle the generator as a fresh run would, so later clients keep their data.
            rng.random()
            rng.random()
            continue
        birth = dt.date(rng.randint(1928, 1950), rng.randint(1, 12), rng.randint(1, 28))
        client = client_services.client_create(
            actor=admin,
            data=ClientInput(
                name=f"{family} {given}",
                kana=f"{family_kana} {given_kana}",
                birth_date=birth,
                sex=sex,
                postal_code=spec.postal_code,
                address=f"{spec.city}{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}",
                phone=f"{spec.phone.split('-')[0]}-{rng.randint(3000, 6999)}-{rng.randint(1000, 9999)}",
                insurer_number=spec.insurer,
                insured_number=insured,
                care_manager=cms[index % len(cms)],
            ),
        )
        _load_certification(admin, client, index, today, rng)
        _load_contacts(admin, client, family, family_kana, rng)
        created += 1
    return created


def _load_certification(admin: User, client: Client, index: int, today: dt.date, rng: random.Random) -> None:
    level = LEVELS[index % len(LEVELS)]
    months = 12 if index % 3 else 6
    # Every fourth client's validity ends within the next 60 days, so the today page has work.
    if index % 4 == 0:
        valid_to = month_end(today + dt.timedelta(days=15 + (index % 3) * 15))
    else:
        # A 6-month validity ends at most ~5 months ahead, so it has started by today: every active
        # client has a certification in effect (issue 9 item 13; demo clients 4, 16, 22 and 28 once
        # held only lines starting next year).
        ahead = rng.randint(0, 240)
        valid_to = month_end(today + dt.timedelta(days=90 + (ahead if months == 12 else ahead % 60)))
    # Exactly `months` calendar months ending with valid_to's month (規則第41条: a renewal runs from
    # the 1st; clients/rules.py period_months counts them so).
    first = valid_to.year * 12 + valid_to.month - months
    valid_from = dt.date(first // 12, first % 12 + 1, 1)
    client_services.certification_create(
        actor=admin,
        client=client,
        data=CertificationInput(
            care_level=level,
            applied_on=valid_from - dt.timedelta(days=30),
            certified_on=min(valid_from - dt.timedelta(days=3), today),  # a decision is never dated ahead
            valid_from=valid_from,
            valid_to=valid_to,
            copay_rate=rng.choice([10, 10, 10, 20, 30]),
            kind="renewal",
        ),
    )


def _load_contacts(admin: User, client: Client, family: str, family_kana: str, rng: random.Random) -> None:
    relation, sex = rng.choice(RELATIONS)
    given, given_kana = rng.choice(CHILD_GIVEN[sex])
    client_services.contact_create(
        actor=admin,
        client=client,
        data=ContactInput(
            name=f"{family} {given}",
            kana=f"{family_kana} {given_kana}",
            relationship=relation,
            is_key_person=True,
            is_emergency_contact=True,
            phone=f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
        ),
    )
    if rng.random() < 0.5:
        client_services.contact_create(
            actor=admin,
            client=client,
            data=ContactInput(
                name="地区の民生委員",
                relationship="民生委員",
                phone=f"{client.phone.split('-')[0]}-{rng.randint(3000, 6999)}-{rng.randint(1000, 9999)}",
            ),
        )
