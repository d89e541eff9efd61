from django import forms

from apps.territory.forms import DateInput

from .models import NewsItem

# The model's text has no max_length yet (a migration of this app is pending): the form bounds it.
NEWS_TEXT_MAX = 20_000


class NewsItemForm(forms.ModelForm):
    text = forms.CharField(label="Текст", max_length=NEWS_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6}))

    class Meta:
        model = NewsItem
        fields = ["kind", "title", "text", "publish_on"]
        widgets = {"publish_on": DateInput()}
