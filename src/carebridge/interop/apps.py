from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "carebridge.interop"
    label = "interop"
    verbose_name = "データ連携"

    def ready(self) -> None:
        from django.urls import reverse

        from carebridge.core.audit_labels import register as register_words
        from carebridge.core.page_links import register

        register_words(
            actions={
                "exchange.send": "ケアプランデータ連携: 送信",
                "exchange.withdrawal": "ケアプランデータ連携: 取消の送信",
                "exchange.import": "ケアプランデータ連携: 実績の取込",
                "office.exported": "事業所データの出力（アーカイブ）",
                "office.imported": "事業所データの取り込み（アーカイブ）",
            },
            # Keys of the send event only: "client_ids" alone is the kernel's word for a list read.
            keys={
                "interop.exchangesend.plan_ids": "計画（版）",
                "interop.exchangesend.client_ids": "利用者",
                "interop.exchangesend.months": "対象年月",
                # the office archive's events (docs/office-archive.md)
                "core.office.archive_sha256": "アーカイブのSHA-256",
                "core.office.schema_version": "形式の版",
                "core.office.counts": "記録の件数",
                "core.office.exported_at": "出力日時",
                "core.office.generator": "出力したシステム",
            },
        )

        def plan_exchange_link(plan: object) -> tuple[str, str] | None:
            pk = getattr(plan, "pk", None)
            return ("ケアプランデータ連携", reverse("interop:plan_exchange", args=[pk])) if pk else None

        def provider_exchange_link(provider: object) -> tuple[str, str] | None:
            pk = getattr(provider, "pk", None)
            if not pk or not getattr(provider, "provider_number", ""):  # no number: nothing to exchange
                return None
            return ("送信記録", reverse("interop:provider_exchange", args=[pk]))

        def month_exchange_link(slip: object) -> tuple[str, str] | None:
            client_id, month = getattr(slip, "client_id", None), getattr(slip, "month", None)
            if not client_id or month is None:
                return None
            return ("ケアプランデータ連携", reverse("interop:month_exchange", args=[client_id, f"{month:%Y-%m}"]))

        def actuals_import_link(month: object) -> tuple[str, str] | None:
            return ("実績の取込（連携）", reverse("interop:imports"))

        # The care-plan page (careplans may not import interop): a link to the plan's exchange page.
        register("careplans.plan", plan_exchange_link)
        # The directory's provider list: each provider's send record.
        register("directory.provider", provider_exchange_link)
        # billing's 第6表 page (billing may not import interop): the month's exchange page.
        register("billing.slip", month_exchange_link)
        # billing's month of 利用票: the import of the providers' actuals (UPJSK/DLTJSK).
        register("billing.slip_month", actuals_import_link)
