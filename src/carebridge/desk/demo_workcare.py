"""Demo data of the employer side: さくら製作所 with 200 employees, its contract and policy (with one
gap against the law), care recipients, 12 consultations in different states, plans, three-party
meetings, leave history, the 2025 duty registers, a seminar, what employees share with HR, and
one consultation bridged (with consent) to a client of office A.

The records are the system's own writes (actor None) through the write door (core/writes), so
each one is validated and audited; the bridge's intake and client go through casework's services
as the workplace care manager and a care manager would. Dates are relative to `today`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

from carebridge.casework import services as casework_services
from carebridge.casework.inputs import ContractInput
from carebridge.clients import services as client_services
from carebridge.clients.inputs import CertificationInput, ClientInput
from carebridge.core.dates import month_end
from carebridge.core.models import Company, User
from carebridge.core.writes import create_audited, update_audited
from carebridge.workcare.inputs import CareBridgeInput
from carebridge.workcare.models import (
    CareRecipient,
    CompanyContract,
    CompanyPolicy,
    Consultation,
    ContractFeeItem,
    EarlyInformation,
    Employee,
    EnvironmentMeasure,
    IndividualNotice,
    LeaveRecord,
    MeetingAttendee,
    NoticeText,
    Seminar,
    SharingConsent,
    ThreePartyMeeting,
    WorkCarePlan,
    WorkCarePlanItem,
    WorkplaceCredential,
)
from carebridge.workcare.services import care_bridge_create

M = TypeVar("M", bound=models.Model)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SURNAMES = _words(
    "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 斎藤 清水 "
    "山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本"
)
GIVEN = _words(
    "翔太 大輔 健太 拓也 直樹 誠 浩 剛 亮介 和也 美咲 陽子 恵美 由美 真由美 智子 裕子 明美 愛 彩 "
    "香織 優子 千尋 舞 美穂 隆 修 勇気 悠斗 蓮"
)
DEPARTMENTS = ("製造部", "品質保証部", "営業部", "総務部", "開発部", "物流部")
COUNT = 200

NOTICE_BODY = (
    "ご家族の介護に直面された方へ。当社では、介護休業（対象家族1人につき通算93日・3回まで）、"
    "介護休暇（年5日・2人以上は10日、時間単位可）、所定外労働・時間外労働・深夜業の制限、"
    "短時間勤務・時差出勤を利用できます。申出先は人事部（内線2100）です。介護休業中は雇用保険の"
    "介護休業給付金（休業開始時賃金日額の67%）を受けられる場合があります。制度の利用をためらう"
    "必要はありません。利用の意向をお聞かせください。"
)
EARLY_BODY = (
    "40歳になると介護保険の被保険者になり、保険料の納付が始まります。介護保険のしくみ、"
    "当社の介護休業・介護休暇などの両立支援制度、申出先（人事部）、介護休業給付金についてお知らせします。"
)


def _add(instance: M, **extra: Any) -> M:
    return create_audited(actor=None, instance=instance, **extra)


def _progress(items: list[int], quiet: bool) -> Iterable[int]:
    if quiet:
        return items
    from tqdm import tqdm

    return tqdm(items, desc="両立支援（さくら製作所）", unit="人")


def fiscal_year_start(today: dt.date) -> dt.date:
    """April 1 of the fiscal year `today` falls in (さくら製作所's fiscal year starts in April)."""
    return dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)


def load_workcare(*, company: Company, users: dict[str, User], today: dt.date, quiet: bool = False) -> int:
    """Load the employer side once (idempotent: nothing is added when the roster exists)."""
    if Employee.objects.filter(company=company).exists():
        return 0
    office_id = company.office_id
    wcm = users["wcm_a1"]
    fy = fiscal_year_start(today)
    company = update_audited(
        actor=None,
        instance=company,
        changes={
            "industry": "製造業（精密部品）",
            "employee_count": COUNT,
            "postal_code": "144-0052",
            "address": "東京都大田区蒲田5-13-1",
        },
        editable={"industry", "employee_count", "postal_code", "address"},
    )
    _add(
        WorkplaceCredential(
            office_id=office_id,
            user=wcm,
            credential_name="ワークサポートケアマネジャー",
            issuer="日本介護支援専門員協会",
            level="",
            certified_on=dt.date(2024, 3, 1),
        )
    )
    contract = _add(
        CompanyContract(
            office_id=office_id,
            company=company,
            menu=["consultation", "seminar", "survey", "advisory"],
            starts_on=dt.date(2025, 4, 1),
            workplace_care_manager=wcm,
            note="年間契約（自動更新）",
        )
    )
    for label, unit, price, included in (
        ("基本料（相談窓口）", "month", 50000, 2),
        ("個別相談（基本料に含む件数を超えた分）", "consultation", 8000, 0),
        ("三者面談の同席", "meeting", 10000, 0),
        ("セミナー講師", "seminar", 80000, 0),
    ):
        _add(
            ContractFeeItem(
                office_id=office_id,
                contract=contract,
                label=label,
                unit=unit,
                unit_price=price,
                included_count=included,
            )
        )
    # One gap against the law: 介護休業 only once per family member (第11条第2項 allows 3 periods).
    _add(
        CompanyPolicy(
            office_id=office_id,
            company=company,
            effective_from=dt.date(2025, 4, 1),
            care_leave_periods=1,
            reduced_measures=["short_hours", "staggered"],
            telework=True,
            labor_agreement_excludes=["weekly_2_days_or_less"],
            consultation_window="人事部 両立支援窓口（内線2100）／外部窓口: ケアプランセンターさくら世田谷",
        )
    )
    individual_text = _add(
        NoticeText(
            office_id=office_id,
            company=company,
            kind="individual",
            version=1,
            body=NOTICE_BODY,
            approved_on=dt.date(2025, 3, 24),
            approved_by="中村 浩二",
        )
    )
    early_text = _add(
        NoticeText(
            office_id=office_id,
            company=company,
            kind="early",
            version=1,
            body=EARLY_BODY,
            includes_ltc_insurance=True,
            approved_on=dt.date(2025, 3, 24),
            approved_by="中村 浩二",
        )
    )
    _add(
        EnvironmentMeasure(
            office_id=office_id,
            company=company,
            kind="window",
            carried_out_on=dt.date(2025, 4, 1),
            evidence="社内ポータルに相談窓口（人事部・外部の産業ケアマネ）を掲示",
        )
    )
    _add(
        EnvironmentMeasure(
            office_id=office_id,
            company=company,
            kind="training",
            carried_out_on=dt.date(2025, 10, 15),
            evidence="管理職向け研修「介護に直面した部下への対応」（出席42名）",
        )
    )
    employees = _load_roster(company, users, today, quiet)
    _load_early_information(employees, early_text, fy, today)
    _load_cases(company, employees, users, individual_text, today)
    _add(
        Seminar(
            office_id=office_id,
            company=company,
            topic="40歳からの介護保険入門",
            held_on=fy + dt.timedelta(days=75),
            audience="40歳以上の従業員",
            attendance=38,
            materials="介護保険のしくみ・当社の両立支援制度（配布資料12頁）",
        )
    )
    _add(
        Seminar(
            office_id=office_id,
            company=company,
            topic="管理職向け 介護離職防止研修",
            held_on=dt.date(2025, 10, 15),
            audience="課長職以上",
            attendance=42,
            materials="面談で言ってよいこと・いけないこと",
        )
    )
    return len(employees)


def _load_roster(company: Company, users: dict[str, User], today: dt.date, quiet: bool) -> list[Employee]:
    rng = random.Random(8)  # noqa: S311 - demo names, not secrets
    fy = fiscal_year_start(today)
    employees: list[Employee] = []
    for n in _progress(list(range(1, COUNT + 1)), quiet):
        user: User | None = None
        if n == 1:
            name, department, birth, user = "小林 亮", "製造部", dt.date(1971, 9, 14), users["emp_sakura1"]
        elif n == 2:
            name, department, birth, user = "山本 健一", "製造部", dt.date(1968, 2, 3), users["mgr_sakura"]
        elif n <= 12:
            # in their 40-year window this fiscal year (they turn 40 between fy and fy + 1 year)
            name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
            department = DEPARTMENTS[n % len(DEPARTMENTS)]
            birth = dt.date(fy.year - 40, 4, 2) + dt.timedelta(days=33 * (n - 3))
        else:
            name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
            department = DEPARTMENTS[n % len(DEPARTMENTS)]
            birth = dt.date(rng.randint(1962, 2003), rng.randint(1, 12), rng.randint(1, 28))
        hired = max(dt.date(birth.year + 22, 4, 1), dt.date(1985, 4, 1))
        if n % 17 == 0:  # a few recent hires on fixed-term contracts
            hired = today - dt.timedelta(days=200 + n)
        employees.append(
            _add(
                Employee(
                    office_id=company.office_id,
                    company=company,
                    user=user,
                    employee_number=f"S{n:04d}",
                    name=name,
                    department=department,
                    birth_date=birth,
                    weekly_days=3 if n % 23 == 0 else 5,
                    daily_hours=Decimal("7.50") if n % 3 else Decimal("8.00"),
                    hired_on=hired,
                    fixed_term_end=(today + dt.timedelta(days=365)) if n % 17 == 0 else None,
                    email=f"s{n:04d}@sakura-seisakusho.example.jp",
                )
            )
        )
    return employees


def _load_early_information(employees: list[Employee], text: NoticeText, fy: dt.date, today: dt.date) -> None:
    """Half of this fiscal year's 40-year window has had the information (the rest is still due)."""
    in_window = [e for e in employees if fy <= dt.date(e.birth_date.year + 40, 4, 1) <= fy + dt.timedelta(days=365)]
    provided_on = min(today, fy + dt.timedelta(days=61))
    for employee in in_window[::2]:
        _add(
            EarlyInformation(
                office_id=employee.office_id,
                employee=employee,
                fiscal_year=fy.year,
                notice_text=text,
                method="email",
                provided_on=provided_on,
            )
        )


# (employee index, recipient label, relation, age, lives together, care level, municipality,
#  status, channel, urgency, days ago, content)
CASES = (
    (
        0,
        "母",
        "parent",
        80,
        False,
        "",
        "世田谷区",
        "requested",
        "online",
        "medium",
        3,
        "一人暮らしの母の物忘れが増え、週末に実家へ通っています。仕事を続けながら何から始めればよいか知りたい。",
    ),
    (
        20,
        "父",
        "parent",
        84,
        False,
        "care_2",
        "世田谷区",
        "in_progress",
        "meeting",
        "high",
        70,
        "父が脳梗塞で退院し要介護2。母も高齢で、退院後の介護体制を整えるため介護休業を考えています。",
    ),
    (
        31,
        "母",
        "parent",
        77,
        True,
        "care_1",
        "大田区",
        "in_progress",
        "meeting",
        "medium",
        50,
        "同居の母の通院付き添いが月2回あり、時間単位の介護休暇を使いたい。",
    ),
    (
        44,
        "義母",
        "parent_in_law",
        86,
        False,
        "care_3",
        "川崎市",
        "in_progress",
        "phone",
        "high",
        40,
        "妻の母の認知症が進み、夜間の見守りが必要。夜勤を外してもらえるか相談したい。",
    ),
    (
        57,
        "父",
        "parent",
        79,
        False,
        "",
        "横浜市",
        "requested",
        "email",
        "low",
        6,
        "遠方の父が最近転倒した。まだ介護は必要ないが、今のうちに知っておくべきことは。",
    ),
    (
        63,
        "夫",
        "spouse",
        66,
        True,
        "care_1",
        "大田区",
        "in_progress",
        "online",
        "medium",
        30,
        "夫の病気で通院と家事の負担が増えた。短時間勤務を検討している。",
    ),
    (
        78,
        "母",
        "parent",
        88,
        False,
        "care_4",
        "品川区",
        "closed",
        "meeting",
        "high",
        300,
        "母の特養入所までの間、介護休業を2回に分けて取りたい。",
    ),
    (
        91,
        "祖母",
        "grandparent",
        92,
        True,
        "care_2",
        "大田区",
        "closed",
        "phone",
        "low",
        260,
        "同居の祖母のデイサービス利用が決まり、時差出勤で送り出しをしたい。",
    ),
    (
        105,
        "父",
        "parent",
        81,
        False,
        "",
        "世田谷区",
        "requested",
        "meeting",
        "medium",
        2,
        "父の様子が心配。地域包括支援センターに何を相談すればよいか。",
    ),
    (
        118,
        "母",
        "parent",
        75,
        False,
        "support_2",
        "目黒区",
        "closed",
        "email",
        "low",
        180,
        "要支援の母の買い物支援。社会資源を知りたい。",
    ),
    (
        134,
        "妻",
        "spouse",
        58,
        True,
        "care_3",
        "大田区",
        "in_progress",
        "meeting",
        "high",
        20,
        "妻の介護で残業ができない。所定外労働の制限を申し出たい。上司への伝え方も相談したい。",
    ),
    (
        150,
        "父",
        "parent",
        83,
        False,
        "care_1",
        "杉並区",
        "closed",
        "online",
        "medium",
        120,
        "父の要介護認定の結果が出た。ケアマネジャーの探し方を知りたい。",
    ),
)
BRIDGED_CASE = 1  # CASES[1]: the father in 世田谷区, handed to office A's care management


def _load_cases(
    company: Company, employees: list[Employee], users: dict[str, User], text: NoticeText, today: dt.date
) -> None:
    wcm = users["wcm_a1"]
    for number, (
        index,
        label,
        relation,
        age,
        together,
        level,
        city,
        status,
        channel,
        urgency,
        ago,
        content,
    ) in enumerate(CASES):
        employee = employees[index]
        recipient = _add(
            CareRecipient(
                office_id=employee.office_id,
                employee=employee,
                label=label,
                relation=relation,
                age=age,
                lives_together=together,
                care_level=level,
                prefecture="東京都" if "市" not in city else "神奈川県",
                municipality=city,
            )
        )
        requested = today - dt.timedelta(days=ago)
        held = None if status == "requested" else requested + dt.timedelta(days=3)
        consultation = _add(
            Consultation(
                office_id=employee.office_id,
                employee=employee,
                care_recipient=recipient,
                requested_by_employee=number % 2 == 0,
                status=status,
                channel=channel,
                requested_on=requested,
                held_on=held,
                content=content,
                urgency=urgency,
                urgency_factors=["家族の協力が得られない"] if urgency == "high" else [],
                handled_by=None if status == "requested" else wcm,
                closed_on=(held + dt.timedelta(days=60)) if status == "closed" and held else None,
            )
        )
        # 個別周知・意向確認 after the employee reported caregiving (one still due).
        reported = requested
        done = number != 4
        _add(
            IndividualNotice(
                office_id=employee.office_id,
                employee=employee,
                reported_on=reported,
                due_on=reported + dt.timedelta(days=14),
                notice_text=text,
                item_systems=done,
                item_contact=done,
                item_benefit=done,
                method="meeting" if done else "",
                given_on=(reported + dt.timedelta(days=5 + number % 7)) if done else None,
                intention="will_use" if done and urgency != "low" else ("considering" if done else "unanswered"),
            )
        )
        if status != "requested" and held is not None:
            _load_plan(employee, recipient, consultation, users, held, today, agreed=number % 3 != 2)
        if number in (1, 2, 5, 10):  # they share with HR; one also with the manager
            now = timezone.now()
            for item in ("caregiving_fact", "plan_measures", "leave_ledger"):
                _add(
                    SharingConsent(
                        office_id=employee.office_id, employee=employee, audience="hr", item=item, granted_at=now
                    )
                )
            if number == 10:
                _add(
                    SharingConsent(
                        office_id=employee.office_id,
                        employee=employee,
                        audience="manager",
                        item="caregiving_fact",
                        granted_at=now,
                    )
                )
        if number == BRIDGED_CASE:
            _bridge(consultation, recipient, users, held or today, today)


def _load_plan(
    employee: Employee,
    recipient: CareRecipient,
    consultation: Consultation,
    users: dict[str, User],
    held: dt.date,
    today: dt.date,
    *,
    agreed: bool,
) -> None:
    wcm = users["wcm_a1"]
    meeting = _add(
        ThreePartyMeeting(
            office_id=employee.office_id,
            employee=employee,
            kind="initial",
            held_on=held,
            care_recipient_summary=f"{recipient.label}（{recipient.age}歳）",
            relation=recipient.get_relation_display(),
            lives_together=recipient.lives_together,
            family_help="きょうだいは遠方。配偶者が平日の一部を手伝える。",
            difficulty_hours="通院の付き添いで月2回、半日抜けたい。",
            difficulty_days_off="急な呼び出しに備えたい。",
            difficulty_trips="当面、宿泊を伴う出張は避けたい。",
            systems_wanted="介護休暇（時間単位）、短時間勤務",
            handover_to="同じ課の主任",
            handover_when="休業開始の2週間前まで",
            handover_how="業務一覧と手順書で引継ぎ、週1回の定例で確認",
            agreements="介護休暇を時間単位で利用。出張は当面免除。1か月後にフォロー面談。",
            next_meeting_on=held + dt.timedelta(days=30),
        )
    )
    for role, name in (
        ("employee", employee.name),
        ("manager", "山本 健一"),
        ("hr", "中村 浩二"),
        ("workplace_care_manager", wcm.display_name),
    ):
        _add(MeetingAttendee(office_id=employee.office_id, meeting=meeting, role=role, name=name))
    plan = _add(
        WorkCarePlan(
            office_id=employee.office_id,
            employee=employee,
            care_recipient=recipient,
            consultation=consultation,
            version=1,
            status="agreed" if agreed else "draft",
            goals="介護の体制を整え、働き方を調整しながら仕事を続ける。",
            work_wishes="通院付き添いの日は時間単位の休暇、当面は出張なし。",
            created_by=wcm,
            agreed_on=(held + dt.timedelta(days=7)) if agreed else None,
        )
    )
    start = held + dt.timedelta(days=14)
    items = [
        ("contact_center", start, None, None, "地域包括支援センターへ相談"),
        ("care_days_off", start + dt.timedelta(days=7), None, 3, "通院付き添い（3時間）"),
        ("reduced_hours_measure", start, start + dt.timedelta(days=180), None, "短時間勤務（6時間）"),
    ]
    if recipient.care_level in ("care_2", "care_3", "care_4"):
        items.insert(1, ("care_leave", start, start + dt.timedelta(days=29), None, "介護休業30日（体制づくり）"))
    for order, (kind, begins, ends, hours, detail) in enumerate(items):
        _add(
            WorkCarePlanItem(
                office_id=employee.office_id,
                plan=plan,
                kind=kind,
                starts_on=begins,
                ends_on=ends,
                hours=hours,
                detail=detail,
                order=order,
            )
        )
    if agreed and start <= today:  # what was taken so far goes to the leave ledger
        for kind, begins, ends, hours, _detail in items:
            if kind == "care_leave":
                _add(
                    LeaveRecord(
                        office_id=employee.office_id,
                        employee=employee,
                        care_recipient=recipient,
                        kind=kind,
                        starts_on=begins,
                        ends_on=min(ends or begins, today),
                        requested_on=begins - dt.timedelta(days=14),
                    )
                )
            elif kind == "care_days_off" and begins <= today:
                _add(
                    LeaveRecord(
                        office_id=employee.office_id,
                        employee=employee,
                        care_recipient=recipient,
                        kind=kind,
                        starts_on=begins,
                        ends_on=begins,
                        hours=hours,
                    )
                )


def _months_later(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after day's month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _bridge(
    consultation: Consultation, recipient: CareRecipient, users: dict[str, User], held: dt.date, today: dt.date
) -> None:
    """With the employee's and the father's consent, the consultation becomes an intake of
    office A's care management, which cm_a1 converted into a client."""
    cm = users["cm_a1"]
    consented = held + dt.timedelta(days=1)
    bridge = care_bridge_create(
        actor=users["wcm_a1"],
        consultation=consultation,
        data=CareBridgeInput(
            employee_consented_on=consented,
            recipient_consent_by="本人（長谷川 正）",
            recipient_consented_on=consented,
            scope="相談内容と対象家族の氏名・連絡先を居宅介護支援の担当者に提供すること。"
            "介護サービスの利用開始の有無を産業ケアマネに知らせること。",
            subject_name="長谷川 正",
            main_complaint="脳梗塞で退院後、要介護2。独居に近い状態で、介護サービスの調整を希望。",
        ),
    )
    intake = bridge.intake
    if intake is None:  # care_bridge_create always makes one
        raise RuntimeError("bridge without intake")
    client = casework_services.intake_convert(
        actor=cm,
        intake=intake,
        client=ClientInput(
            name="長谷川 正",
            kana="ハセガワ タダシ",
            birth_date=dt.date(today.year - 84, 5, 12),
            sex="male",
            insurer_number="131128",
            insured_number="0000084001",
            address="東京都世田谷区弦巻3-8-2",
            care_manager=cm,
        ),
        contract=ContractInput(contracted_on=consented + dt.timedelta(days=4), multiple_providers_explained=True),
    )
    # Issue 9 item 13: a 利用中 client has a certification in effect — his new 要介護2 (規則第38条:
    # from the application date to that month's end + 6 months, up to 12).
    applied = held - dt.timedelta(days=10)
    months = 6 if month_end(_months_later(applied, 6)) >= today else 12
    client_services.certification_create(
        actor=cm,
        client=client,
        data=CertificationInput(
            kind="new",
            care_level="care_2",
            applied_on=applied,
            certified_on=min(applied + dt.timedelta(days=30), today),
            valid_from=applied,
            valid_to=month_end(_months_later(applied, months)),
        ),
    )
    update_audited(actor=None, instance=recipient, changes={"client": client}, editable={"client"})
