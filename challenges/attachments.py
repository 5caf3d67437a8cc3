"""The optional attachment of an application: a PDF of at most 10 MB, recognised by its content.

The name and the type the browser sends are the visitor's to choose, so neither is
trusted: the file must start with the PDF signature (``%PDF-``), which ``filetype``
reads from its first bytes. An HTML page or a program renamed to ``.pdf`` is refused,
with a message that says why. The file is kept in a private storage (applications.py),
and only challenge handlers fetch it, through the admin (wagtail_hooks.py).
"""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PDF_SIGNATURE = b"%PDF-"
# The first bytes of programs: Windows (MZ), Linux (ELF), macOS (Mach-O) and shell scripts.
PROGRAM_SIGNATURES = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
MEGABYTE = 1024 * 1024
HEAD_BYTES = 262  # what filetype needs to recognise any type it knows


def max_attachment_bytes():
    return getattr(settings, "CHALLENGE_ATTACHMENT_MAX_BYTES", 10 * MEGABYTE)


def read_head(upload):
    """The first bytes of an uploaded file, leaving it ready to be read from the start."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return head


def check_pdf(upload):
    """Refuse an attachment that is too large or is not a PDF by its content."""
    limit = max_attachment_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("The attachment is larger than %(limit)s. Make the PDF smaller, or leave it out."),
            code="too_large",
            params={"limit": f"{limit // MEGABYTE} MB"},
        )
    head = read_head(upload)
    if head.startswith(PROGRAM_SIGNATURES):
        raise ValidationError(_("The attachment is a program, not a PDF. We only take PDF files."), code="program")
    kind = filetype.guess(head)
    if not head.startswith(PDF_SIGNATURE) or kind is None or kind.mime != "application/pdf":
        raise ValidationError(
            _("The attachment is not a PDF, whatever its name says. Save it as PDF and attach it again."),
            code="not_pdf",
        )
