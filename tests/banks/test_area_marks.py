"""AreaMark: the one shape of a mentee's difficulty and a mentor's strength (compared area by area)."""

import pytest

from apps.banks.models import Area, AreaMark, Level, MenteeDifficulty, MentorStrength


@pytest.mark.parametrize("model", [MenteeDifficulty, MentorStrength])
def test_a_mark_is_shown_by_its_area_and_level(model):
    mark = model(area=Area.ICT, level=Level.HIGH)
    assert str(mark) == "ИКТ и цифровизация: высокий"
    assert mark.area_short == "ИКТ"


@pytest.mark.parametrize("model", [MenteeDifficulty, MentorStrength])
def test_both_marks_share_the_areas_and_their_order(model):
    assert issubclass(model, AreaMark)
    assert model._meta.get_field("area").choices == Area.choices
    assert model._meta.ordering == ["area"]
    assert {f.name for f in model._meta.concrete_fields} == {"id", "entry", "area", "level", "comment"}


def test_the_two_marks_keep_their_own_words_and_defaults():
    difficulty, strength = MenteeDifficulty(), MentorStrength()
    assert (difficulty.level, strength.level) == (Level.MEDIUM, Level.HIGH)
    assert MenteeDifficulty._meta.get_field("comment").verbose_name == "в чём затруднение"
    assert MentorStrength._meta.get_field("comment").verbose_name == "чем может помочь"
