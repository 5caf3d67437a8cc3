from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.permission_policies.pages import PagePermissionPolicy

from .translation_status import orphan_pages, page_translation_statuses, snippet_translation_statuses


def works_on_pages(user):
    """Editors and moderators: users with a permission on pages. Intake handlers have none."""
    return user.is_active and PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


def for_page_workers(view):
    """A view for editors and moderators only (wagtail-localize's translations report is open to every admin user)."""

    def guarded(request, *args, **kwargs):
        if not works_on_pages(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


@permission_required("wagtailadmin.access_admin")
def translation_status(request):
    """Every page and its translation, drafts included: for the people who write and translate them."""
    if not works_on_pages(request.user):
        raise PermissionDenied
    statuses = page_translation_statuses()
    snippets = snippet_translation_statuses()
    orphans = orphan_pages()
    finder = AdminURLFinder(request.user)
    for row in snippets:
        row.kind = row.page._meta.verbose_name
        row.edit_url = finder.get_edit_url(row.page)
        row.translation_edit_url = row.translation and finder.get_edit_url(row.translation)
    only_open = request.GET.get("open") == "1"
    title = _("Translation status")
    return TemplateResponse(
        request,
        "editorial/translation_status.html",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "globe",
            "statuses": [s for s in statuses if s.needs_work] if only_open else statuses,
            "snippets": [s for s in snippets if s.needs_work] if only_open else snippets,
            "orphans": orphans,
            "open_count": sum(1 for s in statuses if s.needs_work),
            "open_snippet_count": sum(1 for s in snippets if s.needs_work),
            "only_open": only_open,
        },
    )


@permission_required("wagtailadmin.access_admin")
def editors_guide(request):
    """docs/editors.md in the admin, so the guide an editor reads is the one kept true to the UI."""
    import markdown
    from django.conf import settings
    from django.utils.safestring import mark_safe

    text = (settings.BASE_DIR / "docs" / "editors.md").read_text(encoding="utf-8")
    title = _("Editors' guide")
    return TemplateResponse(
        request,
        "editorial/editors_guide.html",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "help",
            # Our own file from the repository, not user input.
            "guide": mark_safe(markdown.markdown(text, extensions=["tables"])),  # noqa: S308
        },
    )
