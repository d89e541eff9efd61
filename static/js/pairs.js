// The pair form (templates/pairs/group_form.html): choosing two or more mentees turns a pair into a
// group — the form «педагог – группа педагогов» and the kind «групповое» instead of «традиционное
// (один на один)» — and choosing one mentee turns it back, until the curator sets the form or the
// kinds herself. Loaded as a file so CSP needs no 'unsafe-inline'.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-group-form]");
  if (!form) return;
  const mentees = form.querySelector("select[name=mentees]");
  const mentoringForm = form.querySelector("select[name=form]");
  const kind = (value) => form.querySelector(`input[name=types][value="${value}"]`);
  const traditional = kind("traditional");
  const group = kind("group");
  if (!mentees || !mentoringForm || !traditional || !group) return;
  // Change events on these fields come from the person only: the script below sets them silently.
  let setByHand = false;
  for (const field of [mentoringForm, ...form.querySelectorAll("input[name=types]")]) {
    field.addEventListener("change", () => { setByHand = true; });
  }
  mentees.addEventListener("change", () => {
    if (setByHand) return;
    const several = mentees.selectedOptions.length > 1;
    if (several && mentoringForm.value === "teacher_teacher") {
      mentoringForm.value = "teacher_group";
      if (traditional.checked) { traditional.checked = false; group.checked = true; }
    } else if (!several && mentoringForm.value === "teacher_group") {
      mentoringForm.value = "teacher_teacher";
      if (group.checked) { group.checked = false; traditional.checked = true; }
    }
  });
});
