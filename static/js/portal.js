// Small behaviours shared by all pages; loaded as a file so CSP needs no 'unsafe-inline'.
document.addEventListener("DOMContentLoaded", () => {
  // Buttons that ask for confirmation: <button data-confirm="Текст вопроса">.
  document.body.addEventListener("click", (event) => {
    const target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.dataset.confirm)) {
      event.preventDefault();
      event.stopPropagation();
    }
  });
  // Auto-submit filter forms when a select changes: <form data-autosubmit>.
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
});
