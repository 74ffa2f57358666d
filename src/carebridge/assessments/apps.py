from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "carebridge.assessments"
    label = "assessments"
    verbose_name = "課題分析"

    def ready(self) -> None:
        from carebridge.core.audit_labels import register

        from .items import ITEMS

        # The 23 standard items are kept in one JSON field: name each item and its sub-fields.
        path = "assessments.assessment.items"
        keys = {}
        for item in ITEMS:
            keys[f"{path}.{item.key}"] = f"{item.number} {item.name}"
            keys[f"{path}.{item.key}.text"] = "内容"
            keys.update({f"{path}.{item.key}.{sub.key}": sub.label for sub in item.fields})
        register(actions={"assessment.agreed": "アセスメント: 計画への同意により確定"}, keys=keys)
