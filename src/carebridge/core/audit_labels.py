"""The words of the audit viewer that the kernel cannot know by itself: the apps register them.

The viewer (core/audit_display.py) reads most of what it shows from the models: the record's
verbose_name and str(), field labels, choice labels. What a model cannot tell, each app registers
from its AppConfig.ready(), so the kernel imports no domain app:

- actions: the name of a lifecycle step, e.g. {"careplan.consented": "居宅サービス計画: 同意"}
  (`<model>.created/updated/deleted/viewed` are named from the model without registering);
- keys: a label for a key of `changes` that is no field of the record, either for one kind of
  record ("assessments.assessment.items.01") or for any ("with");
- subjects: a name for a kind of record whose verbose_name is not Japanese (a library's model);
- related: the relations a record's str() or get_absolute_url() reads, fetched with it
  (`select_related`), so a page of events costs the same number of queries for 10 rows or 50;
- client_model: the model whose rows AuditEvent.client_id points to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass
class Vocabulary:
    actions: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    subjects: dict[str, str] = field(default_factory=dict)
    related: dict[str, tuple[str, ...]] = field(default_factory=dict)
    client_model: str = ""


VOCABULARY = Vocabulary()


def register(
    *,
    actions: Mapping[str, str] | None = None,
    keys: Mapping[str, str] | None = None,
    subjects: Mapping[str, str] | None = None,
    related: Mapping[str, Iterable[str]] | None = None,
    client_model: str = "",
) -> None:
    """Add an app's words (called from AppConfig.ready(); registering twice changes nothing)."""
    VOCABULARY.actions.update(actions or {})
    VOCABULARY.keys.update(keys or {})
    VOCABULARY.subjects.update(subjects or {})
    for label, names in (related or {}).items():
        VOCABULARY.related[label.lower()] = tuple(names)
    if client_model:
        VOCABULARY.client_model = client_model.lower()
