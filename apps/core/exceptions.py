"""The one exception that services raise when a domain rule refuses an action."""


class DomainError(Exception):
    """A rule of the domain forbids the action; the message is Russian and shown to the user.

    ``field`` names the form field the message belongs to, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message
