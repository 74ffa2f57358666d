"""The choice lists of the work–care records (values are the API's words; labels the UI's)."""

from __future__ import annotations

from django.db import models


class ContractMenu(models.TextChoices):
    CONSULTATION = "consultation", "相談窓口"
    SEMINAR = "seminar", "セミナー・研修"
    SURVEY = "survey", "従業員調査"
    ADVISORY = "advisory", "制度設計の助言"


class FeeUnit(models.TextChoices):
    MONTH = "month", "月額"
    CONSULTATION = "consultation", "相談1件"
    MEETING = "meeting", "面談1回"
    SEMINAR = "seminar", "セミナー1回"
    SURVEY = "survey", "調査1回"


class ReducedMeasure(models.TextChoices):
    """所定労働時間の短縮等の措置 (育児・介護休業法 第23条第3項): the employer offers at least one."""

    SHORT_HOURS = "short_hours", "短時間勤務"
    FLEXTIME = "flextime", "フレックスタイム"
    STAGGERED = "staggered", "時差出勤"
    COST_SUBSIDY = "cost_subsidy", "介護費用の助成"


class AgreementExclusion(models.TextChoices):
    """労使協定で除外できる労働者 (第12条第2項・第16条の6第2項; 2025-04 以降の介護休暇は週2日以下のみ)."""

    UNDER_1_YEAR = "under_1_year", "継続雇用1年未満"
    LEAVING_WITHIN_93_DAYS = "leaving_within_93_days", "93日以内に退職予定"
    WEEKLY_2_DAYS_OR_LESS = "weekly_2_days_or_less", "週の所定労働日数2日以下"


class EarlyInfoTiming(models.TextChoices):
    """40歳情報提供の時期 (第21条第3項・則第69条の8): the company chooses one."""

    FISCAL_YEAR_OF_40 = "fiscal_year_of_40", "40歳になる年度"
    YEAR_AFTER_40 = "year_after_40", "40歳の誕生日から1年間"


class Relation(models.TextChoices):
    """対象家族 (第2条第4号・則第3条)."""

    SPOUSE = "spouse", "配偶者"
    PARENT = "parent", "父母"
    CHILD = "child", "子"
    PARENT_IN_LAW = "parent_in_law", "配偶者の父母"
    GRANDPARENT = "grandparent", "祖父母"
    SIBLING = "sibling", "兄弟姉妹"
    GRANDCHILD = "grandchild", "孫"
    OTHER = "other", "その他"


class Channel(models.TextChoices):
    MEETING = "meeting", "面談"
    ONLINE = "online", "オンライン"
    PHONE = "phone", "電話"
    EMAIL = "email", "メール"


class ConsultationStatus(models.TextChoices):
    REQUESTED = "requested", "申込み"
    IN_PROGRESS = "in_progress", "対応中"
    CLOSED = "closed", "終了"


class Urgency(models.TextChoices):
    LOW = "low", "低"
    MEDIUM = "medium", "中"
    HIGH = "high", "高"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "作成中"
    AGREED = "agreed", "合意済み"
    SUPERSEDED = "superseded", "変更済み（旧版）"


class PlanItemKind(models.TextChoices):
    # company measures (checked against the law and the company's policy)
    CARE_LEAVE = "care_leave", "介護休業"
    CARE_DAYS_OFF = "care_days_off", "介護休暇"
    OVERTIME_EXEMPTION = "overtime_exemption", "所定外労働の制限"
    OVERTIME_LIMIT = "overtime_limit", "時間外労働の制限"
    NIGHT_WORK_LIMIT = "night_work_limit", "深夜業の制限"
    REDUCED_HOURS_MEASURE = "reduced_hours_measure", "所定労働時間の短縮等の措置"
    TELEWORK = "telework", "テレワーク"
    # care steps
    APPLY_CERTIFICATION = "apply_certification", "要介護認定の申請"
    CONTACT_CENTER = "contact_center", "地域包括支援センターへの相談"
    FIRST_CM_VISIT = "first_cm_visit", "ケアマネジャーの初回訪問"
    START_SERVICES = "start_services", "介護サービスの利用開始"
    OTHER = "other", "その他"


COMPANY_MEASURES = frozenset(
    {
        PlanItemKind.CARE_LEAVE,
        PlanItemKind.CARE_DAYS_OFF,
        PlanItemKind.OVERTIME_EXEMPTION,
        PlanItemKind.OVERTIME_LIMIT,
        PlanItemKind.NIGHT_WORK_LIMIT,
        PlanItemKind.REDUCED_HOURS_MEASURE,
        PlanItemKind.TELEWORK,
    }
)


class LeaveKind(models.TextChoices):
    """What the leave ledger records (the systems of 第11条〜第23条)."""

    CARE_LEAVE = "care_leave", "介護休業"
    CARE_DAYS_OFF = "care_days_off", "介護休暇"
    OVERTIME_EXEMPTION = "overtime_exemption", "所定外労働の制限"
    OVERTIME_LIMIT = "overtime_limit", "時間外労働の制限"
    NIGHT_WORK_LIMIT = "night_work_limit", "深夜業の制限"
    REDUCED_HOURS_MEASURE = "reduced_hours_measure", "所定労働時間の短縮等の措置"


class MeetingKind(models.TextChoices):
    """MHLW 面談シート兼介護支援プラン: the three meetings."""

    INITIAL = "initial", "初回面談"
    PLANNING = "planning", "プラン策定面談"
    FOLLOW_UP = "follow_up", "フォロー面談"


class AttendeeRole(models.TextChoices):
    EMPLOYEE = "employee", "本人"
    MANAGER = "manager", "上司"
    HR = "hr", "人事担当者"
    WORKPLACE_CARE_MANAGER = "workplace_care_manager", "産業ケアマネ"
    OTHER = "other", "その他"


class NoticeMethod(models.TextChoices):
    """個別周知・意向確認の方法 (則第69条の3): FAX and e-mail only when the employee wishes."""

    MEETING = "meeting", "面談（オンライン可）"
    DOCUMENT = "document", "書面"
    FAX = "fax", "FAX"
    EMAIL = "email", "電子メール等"


class Intention(models.TextChoices):
    WILL_USE = "will_use", "利用したい"
    CONSIDERING = "considering", "検討中"
    NOT_NOW = "not_now", "今は利用しない"
    UNANSWERED = "unanswered", "未回答"


class NoticeTextKind(models.TextChoices):
    INDIVIDUAL = "individual", "個別周知"
    EARLY = "early", "40歳情報提供"


class EarlyInfoMethod(models.TextChoices):
    EMAIL = "email", "電子メール"
    DOCUMENT = "document", "書面"
    MEETING = "meeting", "面談・説明会"


class EnvironmentKind(models.TextChoices):
    """雇用環境の整備 (第22条第2項): at least one."""

    TRAINING = "training", "研修の実施"
    WINDOW = "window", "相談窓口の設置"
    CASES = "cases", "事例の収集・提供"
    POLICY = "policy", "利用促進の方針の周知"


class ReferralTarget(models.TextChoices):
    SPECIALIST = "specialist", "専門家"
    COMMUNITY_CENTER = "community_center", "地域包括支援センター"
    CARE_MANAGER = "care_manager", "事業所のケアマネジャー"


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", "提案"
    REFERRED = "referred", "紹介済み"
    COMPLETED = "completed", "対応完了"
    DECLINED = "declined", "見送り"


class ShareItem(models.TextChoices):
    """What an employee may let HR or their manager see, item by item."""

    CAREGIVING_FACT = "caregiving_fact", "介護をしていること"
    PLAN_MEASURES = "plan_measures", "両立プランの働き方（会社の制度）"
    LEAVE_LEDGER = "leave_ledger", "休業・休暇の取得状況"


class ShareAudience(models.TextChoices):
    HR = "hr", "人事担当者"
    MANAGER = "manager", "上司"
