"""What every messenger transport offers the notifications (issue #16, part 3).

A transport talks to one service's bot API over HTTPS (``requests``), with the bot token of the
deployment's environment variables. It keeps no state: the position in the stream of incoming messages
(Telegram's ``offset``, VK's ``ts``, MAX's ``marker``) is passed in and returned as an opaque string, and
the caller keeps it. Tests run each transport against a local HTTP server that implements the endpoints
used, with the request and response shapes of the service's documentation.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass


class DeliveryError(Exception):
    """A message was not delivered. ``retry`` is False when sending again cannot help (the person blocked
    the bot, the chat is gone, the token is refused): the delivery is then marked failed at once."""

    def __init__(self, message: str, *, retry: bool = True) -> None:
        super().__init__(message)
        self.retry = retry


@dataclass(frozen=True)
class Incoming:
    """A text message a person sent to the school's bot: where it came from and what it said."""

    chat_id: str  # where the notifications are sent later (Telegram chat id, VK peer id, MAX chat id)
    text: str


class Transport(abc.ABC):
    name: str  # the channel's code: "telegram", "vk", "max"
    title: str  # how the portal names the messenger in Russian: "Telegram", "ВКонтакте", "MAX"

    def __init__(
        self, *, token: str, api_url: str, bot_address: str, timeout: float = 10, **extra: str
    ) -> None:
        self.token = token
        self.api_url = api_url.rstrip("/")
        self.bot_address = bot_address  # the public address where a person opens the chat with the bot
        self.timeout = timeout
        self.extra = extra

    @abc.abstractmethod
    def send(self, chat_id: str, text: str, *, dedup_key: str = "") -> str:
        """Sends a plain-text message; returns the service's id of the message. Raises ``DeliveryError``.

        ``dedup_key`` names the delivery and stays the same on each of its retries (the delivery's id, say).
        A service that drops a repeated message by a key of the sender's (VK's ``random_id``) gets one made
        from it, so that a retry after a lost answer does not reach the person twice; the others ignore it."""

    @abc.abstractmethod
    def updates(self, cursor: str) -> tuple[list[Incoming], str]:
        """The text messages received after ``cursor`` ("" at the first call) and the cursor to pass next
        time. Does not wait long (a short poll). Raises ``DeliveryError`` when the service cannot be read."""

    def chat_url(self, code: str) -> str:
        """The address a person opens to write to the bot; carries the one-time code where the service
        allows it (Telegram's ``?start=``), otherwise the person sends the code as a message."""
        return self.bot_address
