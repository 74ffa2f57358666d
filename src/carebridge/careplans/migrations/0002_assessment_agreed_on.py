"""Mark the assessments that consented plans stand on as agreed (assessments.Assessment.agreed_on),
so the freeze that careplans used to compute on each edit is now a fact on the assessment."""

from django.db import migrations
from django.db.models import Min

LOCKED = ["consented", "delivered", "active", "superseded"]


def mark_agreed(apps, schema_editor):
    Assessment = apps.get_model("assessments", "Assessment")
    CarePlan = apps.get_model("careplans", "CarePlan")
    db = schema_editor.connection.alias  # "owner" when the owner role migrates (ADR 0004)
    agreed = (
        CarePlan.objects.using(db)
        .filter(status__in=LOCKED, assessment__isnull=False)
        .values("assessment_id")
        .annotate(first=Min("consent__consented_on"), drafted=Min("drafted_on"))
    )
    for row in agreed:
        Assessment.objects.using(db).filter(pk=row["assessment_id"], agreed_on__isnull=True).update(
            agreed_on=row["first"] or row["drafted"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("careplans", "0001_initial"),
        ("assessments", "0003_assessment_agreed_on"),
    ]
    operations = [migrations.RunPython(mark_agreed, migrations.RunPython.noop)]
