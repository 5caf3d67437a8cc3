"""Impact challenges: an organisation's social question, an open call to social entrepreneurs, and its result.

The status (upcoming, open, closed, running, done) is never stored: it follows from
the dates at request time (``status.py``), and each response tells the page cache
until when it holds (``ops.page_cache.hold_until``).
"""

from django.db import models
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel

from home.localization import site_pages
from home.models import BasePage, guidance, text_fields
from ops.page_cache import hold_until

from .status import LISTING_ORDER, deadline_in_words, local_date_and_time, next_boundary, status_at


class ChallengeIndexPage(BasePage):
    """The open calls first, then upcoming, closed, running and done challenges; filters by status and theme."""

    page_description = _("The overview of impact challenges and their open calls. One per language.")
    search_group = "challenge"

    content_panels = BasePage.content_panels + [FieldPanel("lead")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["challenges.ChallengePage"]
    max_count_per_parent = 1
    cache_query_params = ("status", "theme")

    class Meta:
        verbose_name = _("challenge overview")

    def challenges(self):
        return list(ChallengePage.objects.child_of(self).live().select_related("theme", "organisation"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        challenges = self.challenges()
        for challenge in challenges:
            challenge.status_now = status_at(challenge, now)
            challenge.deadline_words = deadline_in_words(challenge.deadline, now) if challenge.deadline else ""
        chosen_status = request.GET.get("status", "")
        chosen_theme = request.GET.get("theme", "")
        shown = [
            c
            for c in challenges
            if chosen_status in ("", c.status_now) and chosen_theme in ("", c.theme.slug if c.theme else "")
        ]
        shown.sort(key=lambda c: (LISTING_ORDER.index(c.status_now), c.deadline or now, c.title))
        themes = sorted(
            {c.theme.slug: c.theme for c in challenges if c.theme}.values(), key=lambda t: t.name.casefold()
        )
        chosen = {"status": chosen_status, "theme": chosen_theme}
        context.update(
            challenges=shown,
            any_challenges=bool(challenges),
            status_links=_filter_links(chosen, "status", [(s.value, s.label) for s in LISTING_ORDER]),
            theme_links=_filter_links(chosen, "theme", [(t.slug, t.name) for t in themes]),
            filtered=bool(chosen_status or chosen_theme),
            intake_page=site_pages(request)["intake"],
            boundary=next_boundary(challenges, now),
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return hold_until(response, response.context_data.get("boundary"))


def _date_and_time(moment):
    day, time = local_date_and_time(moment)
    return {"date": day, "time": time}


def _filter_links(chosen, name, options):
    """(label, query string, is current) for "all" and each option of the filter ``name``, keeping the other filter."""
    links = []
    for value, label in [("", _("All")), *options]:
        query = urlencode({key: v for key, v in {**chosen, name: value}.items() if v})
        links.append((label, f"?{query}" if query else "", chosen[name] == value))
    return links


class ChallengePage(BasePage):
    """One challenge: who asks, the question, who may apply, what is offered, how entries are judged, the dates."""

    page_description = _("One impact challenge: the question, the open call and its dates, and later its result.")
    search_group = "challenge"

    organisation = models.ForeignKey(
        "programmes.Partner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("asking organisation (partner)"),
        help_text=_("The partner that brings the question. Leave empty and fill in a name below for another one."),
    )
    organisation_name = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("asking organisation (name)"),
        help_text=_("Only when the organisation is not a partner."),
    )
    theme = models.ForeignKey(
        "cases.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("theme"),
        help_text=_("Visitors filter the overview by theme."),
    )
    question = models.TextField(
        verbose_name=_("the question"),
        help_text=_("The social question the organisation brings, in a few sentences."),
    )
    eligibility = models.TextField(
        blank=True, verbose_name=_("who may apply"), help_text=_("Who can take part, and any conditions.")
    )
    offer = models.TextField(
        blank=True,
        verbose_name=_("what is offered"),
        help_text=_("Budget or prize, support and the network. Only what has been agreed; no estimates."),
    )
    judging = models.TextField(
        blank=True, verbose_name=_("how entries are judged"), help_text=_("The criteria, and who judges.")
    )
    opens_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("open call starts"),
        help_text=_("Date and time in Amsterdam time. Before it the challenge shows as upcoming."),
    )
    deadline = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("deadline"),
        help_text=_("Until this moment (Amsterdam time) the form takes applications; then it closes by itself."),
    )
    work_starts_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("working period starts"),
        help_text=_("Between the deadline and this date the challenge shows as closed (selection)."),
    )
    work_ends_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("result expected"),
        help_text=_("The end of the working period; after it the challenge shows as done."),
    )
    contact = models.TextField(
        blank=True,
        verbose_name=_("contact"),
        help_text=_("How to ask a question about this challenge. Without it, visitors are pointed to the intake."),
    )
    result = models.TextField(
        blank=True, verbose_name=_("the result"), help_text=_("When done: what came out of it, said honestly.")
    )
    result_case = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("case study"),
        help_text=_("Optional: the case study about this challenge."),
    )
    calendar_sequence = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="The SEQUENCE of the deadline's calendar event: raised whenever the deadline or the title changes.",
    )
    is_demo = models.BooleanField(
        default=False,
        verbose_name=_("demo content"),
        help_text=_("Example made by the demo loader, with invented dates. Delete it or replace it with a real call."),
    )

    content_panels = BasePage.content_panels + [
        guidance(
            _("The status (upcoming, open, closed, running, done) follows from the dates; you never set it."),
            _("Write only what has been agreed with the asking organisation: no invented budgets or promises."),
        ),
        FieldPanel("is_demo"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("organisation_name"), FieldPanel("theme")],
            heading=_("Who asks"),
        ),
        FieldPanel("question"),
        FieldPanel("eligibility"),
        FieldPanel("offer"),
        FieldPanel("judging"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("deadline")]),
                FieldRowPanel([FieldPanel("work_starts_at"), FieldPanel("work_ends_at")]),
            ],
            heading=_("Dates"),
        ),
        FieldPanel("contact"),
        FieldPanel("result"),
        PageChooserPanel("result_case", "cases.CasePage"),
    ]
    search_fields = BasePage.search_fields + text_fields("question", "eligibility", "offer", "result")
    route_select_related = ("theme", "organisation")
    parent_page_types = ["challenges.ChallengeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def save(self, *args, **kwargs):
        """Raise ``calendar_sequence`` when the deadline or title changes, so calendars take the new event.

        Counted from the stored row (a revision being published carries the number of its own time).
        """
        stored = type(self).objects.filter(pk=self.pk).values_list("deadline", "title", "calendar_sequence").first()
        if stored is not None:
            deadline, title, sequence = stored
            changed = (deadline, title) != (self.deadline, self.title)
            self.calendar_sequence = max(self.calendar_sequence, sequence) + (1 if changed else 0)
            update_fields = kwargs.get("update_fields")
            if changed and update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "calendar_sequence"}
        return super().save(*args, **kwargs)

    @property
    def has_result(self):
        return bool(self.result.strip())

    @property
    def asking_organisation(self):
        return self.organisation.name if self.organisation else self.organisation_name

    def phases(self):
        """(label, date words) for each date that is set, in order."""
        labels = [
            (self.opens_at, _("Open call starts")),
            (self.deadline, _("Deadline")),
            (self.work_starts_at, _("Working period starts")),
            (self.work_ends_at, _("Result expected")),
        ]
        return [(label, _("%(date)s at %(time)s") % _date_and_time(moment)) for moment, label in labels if moment]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context.update(
            status=status_at(self, now),
            deadline_words=deadline_in_words(self.deadline, now) if self.deadline else "",
            intake_page=site_pages(request)["intake"],
            boundary=next_boundary([self], now),
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return hold_until(response, response.context_data.get("boundary"))
