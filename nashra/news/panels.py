"""An edit-screen panel showing when an article and its twin are scheduled to go live."""

from wagtail.admin.panels import HelpPanel


class TwinSchedulePanel(HelpPanel):
    def __init__(self, **kwargs):
        kwargs.setdefault("template", "news/admin/twin_schedule_panel.html")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            from .admin_views import schedules
            from .twin_schedule import twin_of

            context = super().get_context_data(parent_context)
            article = self.instance
            twin = twin_of(article) if article.pk else None
            context.update(
                {
                    "article": article,
                    "twin": twin,
                    "schedules": schedules(article, twin) if article.pk else [],
                }
            )
            return context
