"""第1表: 作成年月日 apart from 作成（変更）日 (existing versions take their 作成（変更）日), and
初回・紹介・継続 with 紹介 combined with 初回 or 継続 (issue 9 item 11)."""

from django.db import migrations, models
from django.db.models import F


def made_on_from_drafted_on(apps, schema_editor):
    CarePlan = apps.get_model("careplans", "CarePlan")
    db = schema_editor.connection.alias  # the owner's connection (ADR 0004), not the app role's
    CarePlan.objects.using(db).update(made_on=F("drafted_on"))


class Migration(migrations.Migration):
    dependencies = [
        ("careplans", "0005_conference_absentees"),
    ]

    operations = [
        migrations.AddField(
            model_name="careplan",
            name="made_on",
            field=models.DateField(null=True, verbose_name="作成年月日"),
        ),
        migrations.RunPython(made_on_from_drafted_on, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="careplan",
            name="made_on",
            field=models.DateField(verbose_name="作成年月日"),
        ),
        migrations.AlterField(
            model_name="careplan",
            name="plan_origin",
            field=models.CharField(
                choices=[
                    ("initial", "初回"),
                    ("referral", "紹介"),
                    ("continuing", "継続"),
                    ("initial_referral", "初回・紹介"),
                    ("referral_continuing", "紹介・継続"),
                ],
                default="initial",
                max_length=20,
                verbose_name="初回・紹介・継続",
            ),
        ),
    ]
