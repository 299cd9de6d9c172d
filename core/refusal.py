"""The one shape of a refused change, shared by every app."""


class Refusal(Exception):
    """A change refused for a reason the person can act on; nothing was written.

    ``message`` says why, in their words; tests assert it exactly.
    """

    def __init__(self, message: object) -> None:
        super().__init__(message)
        self.message = message
