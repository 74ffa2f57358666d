"""Assessment pages: a new version (optionally copied from the last) and one version."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from carebridge.clients.access import access_care_client
from carebridge.clients.services import client_viewed
from carebridge.core.access import actor_of
from carebridge.core.forms import call_service
from carebridge.core.inputs import input_from

from . import selectors, services
from .access import access_assessment
from .forms import AssessmentForm
from .inputs import AssessmentInput


@login_required
@require_http_methods(["GET", "POST"])
def assessment_create(request: HttpRequest, client_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_care_client(actor, client_id, for_edit=True)
    if request.method == "GET":
        client_viewed(actor=actor, client=client)  # the form page shows the client's record
    last = selectors.latest_assessment(client=client)
    copy = request.GET.get("copy") == "1" and last is not None
    form = AssessmentForm(
        request.POST or None,
        items=last.items if copy and last else None,
        initial={
            "assessed_on": timezone.localdate(),
            "reason": "renewal" if last else "initial",
            "place": "自宅",
            "at_home": True,
            "strengths": last.strengths if copy and last else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = input_from(AssessmentInput, {**form.header_data(), "items": form.items_data()})
        assessment = call_service(
            form,
            lambda: services.assessment_create(actor=actor, client=client, data=data),
            aliases={"items": "__all__"},
        )
        if assessment is not None:
            flash.success(request, f"アセスメント（第{assessment.version}版）を保存しました。")
            return redirect("assessments:detail", client_id=client.pk, assessment_id=assessment.pk)
    context = {"client": client, "form": form, "last": last, "copied": copy}
    return render(request, "assessments/assessment_form.html", context)


@login_required
def assessment_detail(request: HttpRequest, client_id: int, assessment_id: int) -> HttpResponse:
    actor = actor_of(request)
    client = access_care_client(actor, client_id)
    assessment = access_assessment(actor, assessment_id, client=client)
    client_viewed(actor=actor, client=client)
    form = AssessmentForm(items=assessment.items)
    return render(request, "assessments/assessment_detail.html", {"client": client, "a": assessment, "form": form})
