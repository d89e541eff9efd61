"""Russian → Latin transliteration for readable URLs (the passport scheme of Order № 813 of the
Russian Foreign Ministry, with «й» as «y» and «ъ» dropped, as most Russian sites write it)."""

from django.utils.text import slugify

_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "№": " ",  # «№ 7» → «7» (NFKD in slugify would make it «no-7»)
}  # fmt: skip
_TABLE = str.maketrans(_LETTERS)


def transliterate(text: str) -> str:
    return (text or "").lower().translate(_TABLE)


def slug_from(text: str, *, max_length: int = 60) -> str:
    """«МБОУ СОШ № 7» → «mbou-sosh-7»: ASCII letters, digits and hyphens only."""
    return slugify(transliterate(text))[:max_length].strip("-")


def unique_slug(queryset, text: str, *, exclude_pk=None, fallback: str = "org", max_length: int = 60) -> str:
    """A slug from ``text`` not yet taken in ``queryset`` (by its ``slug`` field): «mbou-sosh-7»,
    then «mbou-sosh-7-2», «mbou-sosh-7-3»… One query."""
    base = slug_from(text, max_length=max_length - 4) or fallback
    taken = set(queryset.exclude(pk=exclude_pk).filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
