from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "samskap.followup"
    verbose_name = _("Follow-up")
    label = "followup"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import datetime as dt

        from samskap.core.periodic import enqueues
        from samskap.core.registry import registry
        from samskap.followup import actions, api, demo, notices, reportcli, tasks, views

        registry.add_api_router("followup", api.router, tag="followup", order=60)
        registry.add_demo_loader("followup", demo.load, order=70)
        registry.add_account_eraser("followup", actions.erase_deleted_account, order=70)
        registry.add_subcommand("workshop", "list", "list workshops, one per line, slug first",
                                reportcli.list_arguments, reportcli.list_workshops, order=20)
        registry.add_subcommand("workshop", "report", "write a workshop's summary report (docx, pdf or md)",
                                reportcli.report_arguments, reportcli.report, order=30)
        notices.register()
        registry.add_start_panel("followup", views.start_panel, order=40)
        registry.add_periodic_job("followup.send_reminders", dt.timedelta(days=1), enqueues(tasks.send_reminders),
                                  order=40)
        registry.add_periodic_job("followup.send_digests", dt.timedelta(days=7), enqueues(tasks.send_digests),
                                  order=41)
