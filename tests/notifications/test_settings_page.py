"""The notification settings page with every messenger linked: the structure that lets it fit a phone.

Each kind of notification is a fieldset named by its legend, holding one radio button per channel, each
labelled by the channel's full Russian name; the column headings of a wide screen are for the eye only.
The CSS (static/css/portal.css, «Notification settings») lays the same fieldsets out as cards on a phone
and as table rows from lg up, so the form and its POST are one whatever the screen.
"""

import lxml.html
import pytest
from django.urls import reverse

from apps.notifications.models import Channel, MessengerLink, Notification, NotificationPreference

pytestmark = pytest.mark.django_db

SETTINGS = reverse("notifications:settings")
# The channels in the order of the page, with the full names that label the radio buttons.
FULL_NAMES = {
    Channel.DIGEST: "В портале и в ежедневной сводке по почте",
    Channel.EMAIL: "В портале и сразу письмом",
    Channel.TELEGRAM: "В портале и в Telegram",
    Channel.VK: "В портале и во ВКонтакте",
    Channel.MAX: "В портале и в MAX",
    Channel.PORTAL: "Только в портале",
    Channel.OFF: "Не уведомлять",
}


@pytest.fixture
def all_linked(cast, settings):
    """The mentor, with Telegram, VK and MAX offered by the deployment and linked to her chats."""
    settings.TELEGRAM_BOT_TOKEN, settings.TELEGRAM_BOT_NAME = "123:test", "nastavnik_test_bot"
    settings.VK_GROUP_TOKEN, settings.VK_GROUP_ID = "test", "123456"
    settings.MAX_BOT_TOKEN, settings.MAX_BOT_ADDRESS = "test", "https://max.ru/nastavnik_test_bot"
    for n, messenger in enumerate(("telegram", "vk", "max")):
        MessengerLink.objects.create(user=cast.mentor, messenger=messenger, chat_id=str(5550001 + n))
    return cast.mentor


def _form(client) -> lxml.html.HtmlElement:
    page = lxml.html.fromstring(client.get(SETTINGS).content.decode())
    (form,) = page.xpath("//main//form[@method='post'][.//input[@type='radio']]")
    return form


def test_every_kind_is_a_fieldset_with_a_legend_and_a_labelled_radio_per_channel(client_for, all_linked):
    form = _form(client_for("mentor"))
    assert not form.xpath(".//table"), "a table does not fit a phone with seven channels"
    fieldsets = form.xpath(".//fieldset")
    assert len(fieldsets) == len(Notification.Kind.choices)
    for fieldset, (kind, label) in zip(fieldsets, Notification.Kind.choices, strict=True):
        legend = fieldset[0]
        assert legend.tag == "legend" and legend.text_content().strip() == label[:1].upper() + label[1:]
        radios = fieldset.xpath(".//input[@type='radio']")
        assert [r.get("name") for r in radios] == [kind] * len(FULL_NAMES)
        assert [r.get("value") for r in radios] == list(FULL_NAMES)
        labels = [form.xpath(f".//label[@for='{r.get('id')}']") for r in radios]
        assert [[lab.text_content().strip() for lab in found] for found in labels] == [
            [name] for name in FULL_NAMES.values()
        ]
        # Without a choice of her own the mentor gets the digest.
        assert [r.get("value") for r in radios if r.get("checked") is not None] == [Channel.DIGEST]


def test_the_column_headings_are_for_the_eye_and_match_the_radios(client_for, all_linked):
    form = _form(client_for("mentor"))
    (head,) = form.xpath(".//*[contains(@class, 'channel-head')]")
    assert head.get("aria-hidden") == "true"
    headings = [cell.text_content().strip() for cell in head.xpath("./*[contains(@class, 'channel-cell')]")]
    assert headings == [
        "В портале и в сводке",
        "Сразу письмом",
        "В Telegram",
        "Во ВКонтакте",
        "В MAX",
        "Только в портале",
        "Не уведомлять",
    ]


def test_the_page_saves_a_messenger_and_shows_it_chosen(client_for, all_linked):
    client = client_for("mentor")
    data = dict.fromkeys(Notification.Kind.values, Channel.PORTAL)
    data[Notification.Kind.EVENT_DUE] = Channel.MAX
    assert client.post(SETTINGS, data).status_code == 302
    assert (
        NotificationPreference.objects.get(user=all_linked, kind=Notification.Kind.EVENT_DUE).channel == "max"
    )
    form = _form(client)
    checked = {r.get("name"): r.get("value") for r in form.xpath(".//input[@type='radio'][@checked]")}
    assert checked == data


def test_a_refused_choice_is_shown_in_its_own_fieldset(client_for, all_linked):
    client = client_for("mentor")
    data = dict.fromkeys(Notification.Kind.values, Channel.DIGEST)
    data[Notification.Kind.SURVEY_DUE] = "pigeon"
    page = lxml.html.fromstring(client.post(SETTINGS, data).content.decode())
    (fieldset,) = page.xpath("//fieldset[.//input[@name='survey_due']]")
    error_id = fieldset.get("aria-describedby")
    (error,) = fieldset.xpath(f".//*[@id='{error_id}']")
    assert "Выберите корректный вариант" in error.text_content()
    assert len(page.xpath("//fieldset[@aria-describedby]")) == 1
