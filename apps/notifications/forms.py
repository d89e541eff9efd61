"""The choice of how to receive each kind of notification."""

from django import forms

from .models import Channel, Messenger, Notification

# The channels in the order of the settings page, with the short heading of their column on a wide screen
# (where each radio button's own label, the channel's full name, is read by screen readers only); the
# messengers only for those the user linked.
_SHORT = {
    Channel.DIGEST: "В портале и в сводке",
    Channel.EMAIL: "Сразу письмом",
    Channel.TELEGRAM: "В Telegram",
    Channel.VK: "Во ВКонтакте",
    Channel.MAX: "В MAX",
    Channel.PORTAL: "Только в портале",
    Channel.OFF: "Не уведомлять",
}


class PreferencesForm(forms.Form):
    """One choice of channel per kind of notification; a messenger is a choice only once linked."""

    def __init__(self, *args, messengers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (value, label)
            for value, label in Channel.choices
            if value not in Messenger.values or value in messengers
        ]
        choices.sort(key=lambda c: list(_SHORT).index(c[0]))
        self.columns = [_SHORT[value] for value, _ in choices]
        # The full names label the radio buttons: a list under each kind on a phone, a row of cells under
        # the column headings on a wide screen (templates/notifications/settings.html).
        choices = [(value, label[:1].upper() + label[1:]) for value, label in choices]
        for kind, label in Notification.Kind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label[:1].upper() + label[1:],
                choices=choices,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={
                    "invalid_choice": "Выберите корректный вариант: такого способа нет "
                    "или мессенджер не подключён."
                },
            )
