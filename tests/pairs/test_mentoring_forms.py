"""The forms of mentoring are one list (the banks'): a pair's form and a mentor's preferred forms have
the same keys and the same words, those of the model Regulation (seed 000 §4.1.5, seed 002 §2.3)."""

from apps.banks.models import MentorEntry, MentoringForm
from apps.pairs import filters, forms
from apps.pairs.models import Form, MentoringGroup


def test_a_pairs_form_is_chosen_from_the_banks_list():
    assert Form is MentoringForm
    assert MentoringGroup._meta.get_field("form").choices == MentoringForm.choices
    assert MentorEntry._meta.get_field("preferred_forms").base_field.choices == MentoringForm.choices
    assert forms.GroupForm.base_fields["form"].choices == MentoringForm.choices
    assert filters.GroupFilter.base_filters["form"].extra["choices"] == MentoringForm.choices


def test_the_forms_are_named_in_the_words_of_the_regulation():
    assert MentoringForm.TEACHER_TEACHER.label == "«педагог – педагог»"
    assert MentoringForm.DIRECTOR_TEACHER.label == "«руководитель образовательной организации – педагог»"
    assert MentoringForm.TEACHER_GROUP.label == "«педагог – группа педагогов»"
