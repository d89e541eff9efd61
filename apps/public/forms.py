from django import forms

from apps.core.forms import DateInput

from .models import NewsItem


class NewsItemForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = ["kind", "title", "text", "publish_on"]
        widgets = {"publish_on": DateInput(), "text": forms.Textarea(attrs={"rows": 6})}
