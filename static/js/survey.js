/* The survey page (templates/monitoring/survey_fill.html): one screen per section with «Назад» and
   «Далее», a progress line, and a move to the next section after a tap on the last question of a
   section. Without this script every section stays on one page and the form works the same; the
   server validates the answers either way and names the section to open first (data-start-step). */
(function () {
  "use strict";

  var form = document.querySelector("form[data-survey-steps]");
  if (!form) { return; }
  var steps = Array.prototype.slice.call(form.querySelectorAll("[data-survey-step]"));
  if (steps.length < 2) { return; }
  var back = form.querySelector("[data-survey-back]");
  var next = form.querySelector("[data-survey-next]");
  var submit = form.querySelector("[data-survey-submit]");
  var counter = form.querySelector("[data-survey-counter]");
  var bar = form.querySelector("[data-survey-bar]");
  var current = 0;
  var lastPointer = 0;

  // Required answers are checked here per section and by the server; the browser's own bubbles
  // cannot point into a hidden section.
  form.noValidate = true;
  form.querySelector("[data-survey-progress]").hidden = false;

  function questions(step) {
    return Array.prototype.slice.call(step.querySelectorAll("[data-question]"));
  }

  function answered(question) {
    var text = question.querySelector("textarea");
    return text ? text.value.trim() !== "" : question.querySelector("input:checked") !== null;
  }

  function firstMissing(step) {
    return questions(step).filter(function (q) { return q.hasAttribute("data-required") && !answered(q); })[0];
  }

  function setError(question, message) {
    question.querySelector("[data-question-error]").textContent = message;
    question.classList.toggle("is-invalid", message !== "");
    var text = question.querySelector("textarea");
    if (text) { text.classList.toggle("is-invalid", message !== ""); }
  }

  function complain(question) {
    setError(question, question.getAttribute("data-required-message"));
    var target = question.querySelector("textarea, input");
    target.focus({ preventScroll: true });
    question.scrollIntoView({ block: "center" });
  }

  function show(index, moveFocus) {
    current = index;
    steps.forEach(function (step, i) { step.hidden = i !== index; });
    var last = index === steps.length - 1;
    back.hidden = index === 0;
    next.hidden = last;
    submit.hidden = !last;
    counter.textContent = "Шаг " + (index + 1) + " из " + steps.length;
    bar.value = index + 1;
    bar.setAttribute("aria-valuetext", counter.textContent);
    if (moveFocus) {
      var heading = steps[index].querySelector("h2") || counter;
      heading.focus({ preventScroll: true });
      if (form.getBoundingClientRect().top < 0) { form.scrollIntoView({ block: "start" }); }
    }
  }

  next.addEventListener("click", function () {
    var missing = firstMissing(steps[current]);
    if (missing) { complain(missing); return; }
    show(current + 1, true);
  });
  back.addEventListener("click", function () { show(current - 1, true); });

  form.addEventListener("submit", function (event) {
    for (var i = 0; i < steps.length; i++) {
      var missing = firstMissing(steps[i]);
      if (missing) {
        event.preventDefault();
        if (i !== current) { show(i, false); }
        complain(missing);
        return;
      }
    }
  });

  // A move on only after a tap or click: arrow keys also change a radio group, and a keyboard user
  // must not be carried away while going through the points.
  form.addEventListener("pointerdown", function () { lastPointer = Date.now(); });

  questions(form).forEach(function (q) { if (answered(q)) { q.setAttribute("data-answered", ""); } });

  form.addEventListener("change", function (event) {
    var question = event.target.closest("[data-question]");
    if (!question) { return; }
    if (answered(question)) { setError(question, ""); }
    if (event.target.type !== "radio" || question.hasAttribute("data-answered")) { return; }
    question.setAttribute("data-answered", "");  // changing an answer later does not move on
    var step = steps[current];
    var all = questions(step);
    var byPointer = Date.now() - lastPointer < 1500;
    if (!byPointer || all[all.length - 1] !== question || current === steps.length - 1 || firstMissing(step)) {
      return;
    }
    var from = current;
    window.setTimeout(function () { if (current === from) { show(from + 1, true); } }, 250);
  });

  var start = parseInt(form.getAttribute("data-start-step") || "0", 10);
  start = Math.min(Math.max(start || 0, 0), steps.length - 1);
  show(start, false);
  var refused = steps[start].querySelector(".survey-question.is-invalid");
  if (refused) { refused.scrollIntoView({ block: "center" }); }
})();
