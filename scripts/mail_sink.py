"""A tiny SMTP server that keeps every message as a file: the stack's mail server (`make stack`).

    python scripts/mail_sink.py --port 18525 --dir var/stack/mail

Each message is written to ``<dir>/<time>-<n>.eml`` (the raw message, with the
envelope recipients in an ``X-Sink-Rcpt-To`` header on top). Nothing is ever
delivered anywhere. Plain SMTP without TLS or authentication, for loopback only.
Standard library only (Python's smtpd module is gone from 3.12).
"""

import argparse
import asyncio
import itertools
import os
import time
from pathlib import Path

counter = itertools.count(1)


class Session:
    def __init__(self, reader, writer, folder):
        self.reader, self.writer, self.folder = reader, writer, folder
        self.reset()

    def reset(self):
        self.sender, self.recipients = None, []

    async def reply(self, line):
        self.writer.write(line.encode() + b"\r\n")
        await self.writer.drain()

    async def run(self):
        await self.reply("220 sif-mail-sink ready")
        while line := await self.reader.readline():
            command = line.decode("utf-8", "replace").rstrip("\r\n")
            verb = command[:4].upper()
            if verb in ("HELO", "EHLO"):
                await self.reply("250 sif-mail-sink" if verb == "HELO" else "250-sif-mail-sink\r\n250 8BITMIME")
            elif verb == "MAIL":
                self.reset()
                self.sender = command.split(":", 1)[1].strip()
                await self.reply("250 OK")
            elif verb == "RCPT":
                self.recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                await self.reply("250 OK")
            elif verb == "DATA":
                await self.reply("354 End data with <CR><LF>.<CR><LF>")
                await self.receive()
            elif verb == "RSET":
                self.reset()
                await self.reply("250 OK")
            elif verb == "NOOP":
                await self.reply("250 OK")
            elif verb == "QUIT":
                await self.reply("221 Bye")
                break
            else:
                await self.reply("502 Command not implemented")
        self.writer.close()

    async def receive(self):
        lines = []
        while True:
            line = await self.reader.readline()
            if not line or line in (b".\r\n", b".\n"):
                break
            lines.append(line[1:] if line.startswith(b"..") else line)
        header = f"X-Sink-Rcpt-To: {', '.join(self.recipients)}\r\n".encode()
        name = f"{time.time_ns()}-{next(counter)}.eml"
        temporary = self.folder / f".{name}.tmp"
        temporary.write_bytes(header + b"".join(lines))
        os.replace(temporary, self.folder / name)  # readers never see half a message
        self.reset()
        await self.reply("250 OK: kept")


async def main(host, port, folder):
    folder.mkdir(parents=True, exist_ok=True)
    server = await asyncio.start_server(lambda r, w: Session(r, w, folder).run(), host, port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=18525)
    parser.add_argument("--dir", type=Path, default=Path("var/stack/mail"))
    arguments = parser.parse_args()
    asyncio.run(main(arguments.host, arguments.port, arguments.dir))
