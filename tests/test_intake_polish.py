"""Intake form structure: no fieldset inside another, and an error summary the script can focus."""

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

FORMS = {"nl": "/nl/vraagstuk/", "en": "/en/your-question/"}


class _Fieldsets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.deepest = 0
        self.count = 0

    def handle_starttag(self, tag, attrs):
        if tag == "fieldset":
            self.depth += 1
            self.count += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag == "fieldset":
            self.depth -= 1


def fieldsets(html):
    parser = _Fieldsets()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("language", list(FORMS))
def test_intake_form_has_no_nested_fieldsets(client, language):
    html = client.get(FORMS[language]).content.decode()
    parsed = fieldsets(html)
    assert parsed.count >= 1  # the radio and checkbox groups keep theirs
    assert parsed.deepest == 1
    headings = {"nl": "Je organisatie", "en": "Your organisation"}
    assert headings[language] in html


@pytest.mark.parametrize("language", list(FORMS))
def test_failed_submit_renders_a_focusable_error_summary_and_no_nested_fieldsets(client, language):
    response = client.post(FORMS[language], {"question": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1"' in html
    assert "data-error-summary" in html
    assert fieldsets(html).deepest == 1
    assert 'class="field field--error"' in html
