"""API of the whole-office archive (data portability, docs/office-archive.md): the caller's own
office as one zip, for its 管理者 — the same archive as `carebridge export office`, through the
same service (which audits the export). The import stays a command: it rebuilds an office on a
database that does not hold it, where no account of that office exists to call an API."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router

from carebridge.core.access import actor_of, office_id_of, require_permission
from carebridge.core.models import Office
from carebridge.core.schemas import QuerySchema

from .office_services import office_export

router = Router(tags=["interop"])


class ArchiveQuery(QuerySchema):
    documents: bool = Field(True, description="false: 記録のJSONだけ（連携CSV・国保連CSV・PDFを含めない。速い）")


@router.post(
    "/interop/office-archive",
    summary="事業所のすべての記録を1つのZIPで出力（管理者）",
    description="manifest.json・記録ごとのJSON（版つきの形式）・連携CSV・国保連CSV・第1〜7表のPDF。"
    "PDFを含めると事業所の規模に応じて数十秒かかります（documents=false なら数秒）。出力は監査ログに残ります。",
    openapi_extra={
        "responses": {
            200: {
                "description": "事業所のアーカイブ（ZIP）",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def office_archive(request: HttpRequest, query: Query[ArchiveQuery]) -> HttpResponse:
    actor = actor_of(request)
    require_permission(actor, "office.admin")
    office = Office.objects.get(pk=office_id_of(actor))
    archive = office_export(actor=actor, office=office, documents=query.documents)
    response = HttpResponse(archive.data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{archive.name}"'
    response["X-CareBridge-Archive-SHA256"] = archive.sha256
    return response
