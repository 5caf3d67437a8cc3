"""Django's SMTP backend, knowing whether a message that failed had already reached the server.

SMTP hands a message over in one step: after the server's ``354`` the client
sends the whole message and then waits for the server's verdict. When that
verdict does not come (the server is slow to accept, the connection drops),
the server may well have taken the message: sending it again would deliver it
twice. So this backend tells the two cases apart:

- a failure before the message was sent in full (no connection, no greeting,
  a refused sender or recipient, a timeout while sending) is an ordinary error:
  nothing was delivered, sending again is safe;
- no answer after the whole message was sent raises ``MessageMaybeSent``.

It waits ``EMAIL_DATA_TIMEOUT`` seconds (default 120) for that last answer
instead of ``EMAIL_TIMEOUT``, because servers check a message (spam, virus)
before they answer (RFC 5321 suggests clients wait up to 10 minutes). A caller
may pass ``before_handover``, called just before the message is sent: the
intake's outbox records there that the message is about to go
(``intake/mail.py``), so that a worker killed after that moment leaves a
"maybe sent" e-mail instead of one that is sent again.
"""

import smtplib

from django.conf import settings
from django.core.mail.backends.smtp import EmailBackend


class MessageMaybeSent(smtplib.SMTPServerDisconnected):
    """The whole message reached the server, but its answer did not: it may have been delivered."""


def data_timeout():
    return getattr(settings, "EMAIL_DATA_TIMEOUT", 120)


class _HandoverTracking:
    """For ``smtplib.SMTP``: notes the moment the message itself is sent, after the server's go-ahead (354)."""

    before_handover = None
    data_timeout = None
    handed_over = False
    _in_data = False
    _go_ahead = False

    def data(self, msg):
        self.handed_over = self._go_ahead = False
        self._in_data = True
        try:
            return super().data(msg)
        finally:
            self._in_data = self._go_ahead = False
            if self.sock is not None:
                self.sock.settimeout(self.timeout)

    def getreply(self):
        reply = super().getreply()
        if self._in_data and reply[0] == 354:
            self._go_ahead = True
        return reply

    def send(self, s):
        if not self._go_ahead:
            return super().send(s)
        self._go_ahead = False
        if self.before_handover is not None:
            self.before_handover()
        super().send(s)
        # The whole message is with the server from here on; its verdict may take a while.
        self.handed_over = True
        if self.data_timeout and self.sock is not None:
            self.sock.settimeout(self.data_timeout)
        return None


class HandoverSMTP(_HandoverTracking, smtplib.SMTP):
    pass


class HandoverSMTP_SSL(_HandoverTracking, smtplib.SMTP_SSL):  # noqa: N801 - named after smtplib's class
    pass


class SMTPBackend(EmailBackend):
    """Django's SMTP backend; raises ``MessageMaybeSent`` when the server's answer to a sent message is lost."""

    def __init__(self, *args, before_handover=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.before_handover = before_handover

    @property
    def connection_class(self):
        return HandoverSMTP_SSL if self.use_ssl else HandoverSMTP

    def open(self):
        opened = super().open()
        if self.connection is not None:
            self.connection.before_handover = self.before_handover
            self.connection.data_timeout = data_timeout()
        return opened

    def _send(self, email_message):
        try:
            return super()._send(email_message)
        except (smtplib.SMTPException, OSError) as error:
            connection = self.connection
            answered = isinstance(error, smtplib.SMTPResponseException)  # the server said no: not delivered
            if connection is not None and connection.handed_over and not answered:
                raise MessageMaybeSent(f"no answer after the message was sent ({type(error).__name__})") from error
            raise
