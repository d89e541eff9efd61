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
  markScrollingTables();
  let resized = null;
  window.addEventListener("resize", () => {
    clearTimeout(resized);
    resized = setTimeout(markScrollingTables, 150);
  });
  document.body.addEventListener("htmx:afterSettle", markScrollingTables);
});

// A table wider than the screen (a phone) scrolls inside its .table-responsive wrapper: the wrapper then
// takes the keyboard focus, so that the arrow keys scroll it, and is a region named after its table
// (WCAG 2.1.1; axe «scrollable-region-focusable»). A wrapper that no longer scrolls loses both.
function markScrollingTables() {
  document.querySelectorAll(".table-responsive").forEach((box) => {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    const marked = box.hasAttribute("data-scroll-region");
    if (scrolls && !marked && !box.hasAttribute("tabindex")) {
      box.setAttribute("data-scroll-region", "");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
        box.setAttribute("aria-label", tableName(box));
      }
    } else if (!scrolls && marked) {
      ["data-scroll-region", "tabindex", "role", "aria-label"].forEach((name) => box.removeAttribute(name));
    }
  });
}

// The table's caption, else the header of its card or the nearest heading before it, else the page's title.
function tableName(box) {
  const text = (element) => (element ? element.textContent.replace(/\s+/g, " ").trim() : "");
  const caption = text(box.querySelector("caption"));
  if (caption) return caption;
  const header = text(box.closest(".card")?.querySelector(":scope > .card-header, :scope > .card-body > h2, :scope > h2"));
  if (header) return header;
  for (let node = box; node && node !== document.body; node = node.parentElement) {
    for (let sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      const headings = sibling.matches("h1, h2, h3, h4") ? [sibling] : sibling.querySelectorAll("h1, h2, h3, h4");
      const heading = text(headings[headings.length - 1]);
      if (heading) return heading;
    }
  }
  return text(document.querySelector("h1")) || "Таблица";
}
