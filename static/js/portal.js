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
  // Highlight the section of the current page in the sections bar.
  const here = window.location.pathname;
  let best = null;
  document.querySelectorAll(".portal-sections .nav-link[href], .portal-sections .dropdown-item[href]").forEach((link) => {
    if (link.getAttribute("href").startsWith("#")) return; // dropdown toggles
    const path = new URL(link.href, window.location.origin).pathname;
    const matches = link.hasAttribute("data-exact") ? here === path : here.startsWith(path) && path !== "/";
    if (matches && (!best || path.length > best.path.length)) best = { link, path };
  });
  if (best) {
    const toggle = best.link.closest(".dropdown")?.querySelector(".nav-link");
    (toggle || best.link).classList.add("active");
    best.link.setAttribute("aria-current", "page");
  }
  // «Отметить всех»: <input type="checkbox" data-check-all="name"> checks every box of that name in its form.
  document.querySelectorAll("input[data-check-all]").forEach((all) => {
    all.addEventListener("change", () => {
      all.form.querySelectorAll(`input[type=checkbox][name="${all.dataset.checkAll}"]`).forEach((box) => {
        box.checked = all.checked;
      });
    });
  });
  // Auto-submit filter forms when a select changes: <form data-autosubmit>.
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
});
