"""Public references for what visitors send (a question, an application): readable, and saying nothing.

``K7MX-3QPA``: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), 40 random
bits, so a reference can be read aloud or typed over, and tells nothing about how many came in.
"""

import secrets

REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def readable_reference(prefix=""):
    """A new random reference such as ``K7MX-3QPA`` (with ``prefix`` before it: ``C-K7MX-3QPA``)."""
    characters = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{prefix}{characters[:4]}-{characters[4:]}"
