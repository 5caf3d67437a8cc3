"""The snippet chooser with its language filter labelled "Language".

Wagtail's chooser adds a language filter without a label, so Django shows the field's name,
"Locale", untranslated in the Dutch admin. The apps' snippet viewsets use this chooser
(``chooser_viewset_class``).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views import chooser


class LanguageLabelledFilter:
    def get_filter_form(self):
        form = super().get_filter_form()
        if "locale" in form.fields:
            form.fields["locale"].label = _("Language")
        return form


class ChooseView(LanguageLabelledFilter, chooser.ChooseView):
    pass


class ChooseResultsView(LanguageLabelledFilter, chooser.ChooseResultsView):
    pass


class SnippetChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
