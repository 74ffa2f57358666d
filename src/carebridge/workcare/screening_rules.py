"""Our own screening questions for working carers and a transparent urgency level.

The questions are written for CareBridge; they are NOT the Zarit burden interview (ZBI), its
Japanese short form J-ZBI_8 or LCAT, whose items are licensed and must not be embedded.

What raises the urgency follows the risk factors of leaving work for care found by the Japan
Institute for Labour Policy and Training (労働政策研究・研修機構 JILPT, 労働政策研究報告書
No.170「仕事と介護の両立」2015 and its follow-ups (verify the report number)): needing
continuous leave, severe dementia of the person cared for, no help from family, the carer's own
fatigue and health; using care services lowers the risk, so "no services in use yet" counts.

The level is a sum of points, each point named with its factor, so the employee and the
workplace care manager see exactly why (no hidden weights):

    points  >= 5, or both continuous leave and no family help  -> high
    points  >= 2                                               -> medium
    otherwise                                                  -> low

Plain Python (no Django); answers are validated here and the errors name the question.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

VERSION = "2026-01"
SOURCE = "JILPT 労働政策研究報告書 No.170（2015）ほか (verify)"

YES_NO = (("yes", "はい"), ("no", "いいえ"))
YES_NO_UNSURE = (("yes", "はい"), ("no", "いいえ"), ("unsure", "わからない"))
FREQUENCY = (("never", "ない"), ("sometimes", "ときどき"), ("often", "よくある"), ("always", "ほとんどいつも"))


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    options: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Factor:
    code: str
    label: str
    points: int


@dataclass(frozen=True)
class ScreeningResult:
    version: str
    urgency: str  # "low" | "medium" | "high"
    points: int
    factors: tuple[Factor, ...]
    source: str = SOURCE

    def factor_rows(self) -> list[dict[str, object]]:
        """The factors as stored (JSON) and shown: code, label, points."""
        return [{"code": f.code, "label": f.label, "points": f.points} for f in self.factors]


QUESTIONS: tuple[Question, ...] = (
    Question(
        "long_absence",
        "これから数週間のうちに、介護の段取りのために続けて何日も仕事を離れる必要がありそうですか。",
        YES_NO_UNSURE,
    ),
    Question(
        "cannot_leave_alone",
        "介護しているご家族は、記憶や判断の衰えのために、ひとりにしておけない時間がほぼ毎日ありますか。",
        YES_NO_UNSURE,
    ),
    Question(
        "someone_to_share",
        "介護を代わってもらえる、または一緒に担ってくれる家族や親族が身近にいますか。",
        YES_NO,
    ),
    Question(
        "worn_out",
        "この1か月、介護と仕事の両方のために、休んでも疲れが残っていると感じることがありましたか。",
        FREQUENCY,
    ),
    Question(
        "own_health",
        "ご自身の睡眠や体調について、介護が始まってから気になっていることがありますか。",
        YES_NO,
    ),
    Question(
        "services_started",
        "ヘルパーやデイサービスなど、介護保険などのサービスをすでに使い始めていますか。",
        YES_NO_UNSURE,
    ),
)

FACTORS = {
    "continuous_leave": Factor("continuous_leave", "続けて休む必要がある（介護休業が必要になりそう）", 2),
    "severe_dementia": Factor("severe_dementia", "認知症などで目が離せない状態がほぼ毎日ある", 2),
    "no_family_help": Factor("no_family_help", "介護を分担できる家族がいない", 2),
    "fatigue_high": Factor("fatigue_high", "疲れがほとんどいつも残っている", 2),
    "fatigue": Factor("fatigue", "疲れが残ることがよくある", 1),
    "carer_health": Factor("carer_health", "ご本人の睡眠・体調に気がかりがある", 1),
    "no_services": Factor("no_services", "介護サービスをまだ使っていない", 1),
}


def question(key: str) -> Question | None:
    return next((q for q in QUESTIONS if q.key == key), None)


def answer_errors(answers: Mapping[str, object]) -> list[str]:
    """The question keys with a missing, unknown or out-of-range answer (unknown keys too)."""
    wrong = [key for key in answers if question(key) is None]
    for q in QUESTIONS:
        if answers.get(q.key) not in {value for value, _label in q.options}:
            wrong.append(q.key)
    return wrong


def evaluate(answers: Mapping[str, str]) -> ScreeningResult:
    """The urgency of one set of (valid) answers, with every factor that counted."""
    found: list[Factor] = []
    if answers.get("long_absence") == "yes":
        found.append(FACTORS["continuous_leave"])
    if answers.get("cannot_leave_alone") == "yes":
        found.append(FACTORS["severe_dementia"])
    if answers.get("someone_to_share") == "no":
        found.append(FACTORS["no_family_help"])
    if answers.get("worn_out") == "always":
        found.append(FACTORS["fatigue_high"])
    elif answers.get("worn_out") == "often":
        found.append(FACTORS["fatigue"])
    if answers.get("own_health") == "yes":
        found.append(FACTORS["carer_health"])
    if answers.get("services_started") == "no":
        found.append(FACTORS["no_services"])
    points = sum(f.points for f in found)
    codes = {f.code for f in found}
    if points >= 5 or {"continuous_leave", "no_family_help"} <= codes:
        urgency = "high"
    elif points >= 2:
        urgency = "medium"
    else:
        urgency = "low"
    return ScreeningResult(version=VERSION, urgency=urgency, points=points, factors=tuple(found))
