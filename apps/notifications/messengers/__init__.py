"""The messengers the deployment offers: a transport per messenger whose bot token is set (settings,
README «Notifications in messengers»); a messenger without a token is off and never shown.

The transports are imported by dotted path when first asked for, so a deployment pays only for the
messengers it uses.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from .base import DeliveryError, Incoming, Transport

__all__ = ["DeliveryError", "Incoming", "Transport", "configured", "transport"]

# The order is the order on the settings page.
TRANSPORTS = {
    "telegram": "apps.notifications.messengers.telegram.TelegramTransport",
    "vk": "apps.notifications.messengers.vk.VkTransport",
    "max": "apps.notifications.messengers.max.MaxTransport",
}


def _options(name: str) -> dict:
    s = settings
    if name == "telegram":
        address = s.TELEGRAM_BOT_ADDRESS or f"https://t.me/{s.TELEGRAM_BOT_NAME.lstrip('@')}"
        return {"token": s.TELEGRAM_BOT_TOKEN, "api_url": s.TELEGRAM_API_URL, "bot_address": address}
    if name == "vk":
        address = s.VK_BOT_ADDRESS or (f"https://vk.me/club{s.VK_GROUP_ID}" if s.VK_GROUP_ID else "")
        return {
            "token": s.VK_GROUP_TOKEN,
            "api_url": s.VK_API_URL,
            "bot_address": address,
            "group_id": s.VK_GROUP_ID,
            "api_version": s.VK_API_VERSION,
        }
    if name == "max":
        return {"token": s.MAX_BOT_TOKEN, "api_url": s.MAX_API_URL, "bot_address": s.MAX_BOT_ADDRESS}
    raise KeyError(name)


def transport(name: str) -> Transport | None:
    """The transport of a configured messenger; None when the messenger is unknown or off."""
    if name not in TRANSPORTS:
        return None
    options = _options(name)
    if not options["token"]:
        return None
    return import_string(TRANSPORTS[name])(timeout=settings.MESSENGERS_TIMEOUT, **options)


def configured() -> dict[str, Transport]:
    """name → transport of every messenger the deployment offers, in the order of the page."""
    found = {name: transport(name) for name in TRANSPORTS}
    return {name: t for name, t in found.items() if t is not None}
