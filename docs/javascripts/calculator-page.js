// Wires the calculator forms of a page (found by [data-calculator]) to the calculator runtime.
// Loaded only by pages whose front matter declares `calculator:` (see overrides/main.html).
// The calculator validates and answers; this file only reads fields, shows progress, errors
// at their fields, and the answer as words and a table.

import { startCalculator } from "./calculator.js";

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** What the reader typed, as a number when it reads as one ("22,5" too), else as typed. */
export function readVolume(text) {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return NUMBER.test(trimmed) ? Number(trimmed.replace(",", ".")) : trimmed;
}

function formatNumber(value) {
  return value.toLocaleString("en-GB", { maximumFractionDigits: 2 });
}

function formatChange(changePct) {
  if (changePct === null || changePct === undefined) return "—";
  if (changePct === 0) return "no change";
  const sign = changePct > 0 ? "+" : "−";
  return `${sign}${formatNumber(Math.abs(changePct))} %`;
}

function weekInputs(form) {
  return [...form.querySelectorAll("[data-weeks] input")];
}

function addWeek(form) {
  const list = form.querySelector("[data-weeks]");
  const number = list.children.length + 1;
  const item = document.createElement("li");
  item.innerHTML = `<label for="week-${number}">Week ${number}</label> `
    + `<input id="week-${number}" name="week" type="text" inputmode="decimal" autocomplete="off">`;
  list.append(item);
  item.querySelector("input").focus();
}

function removeWeek(form) {
  const list = form.querySelector("[data-weeks]");
  if (list.children.length > 1) list.lastElementChild.remove();
  weekInputs(form).at(-1).focus();
}

/** The element a protocol field path points at: "weeks[1]" -> the second week's input. */
function fieldElement(form, field) {
  const week = /^weeks\[(\d+)\]$/.exec(field || "");
  if (week) return weekInputs(form)[Number(week[1])] || null;
  if (field === "unit" || field === "profile") return form.elements[field];
  if (field === "weeks") return weekInputs(form)[0] || null;
  return null;
}

function clearErrors(form) {
  form.querySelectorAll(".kl-field-error[data-for]").forEach((element) => element.remove());
  form.querySelectorAll("[aria-invalid]").forEach((element) => {
    element.removeAttribute("aria-invalid");
    element.removeAttribute("aria-describedby");
  });
  form.querySelector("[data-error-summary]").hidden = true;
  form.querySelector("[data-form-error]").hidden = true;
}

function showErrors(form, errors) {
  const summary = form.querySelector("[data-error-summary]");
  const list = summary.querySelector("[data-error-list]");
  list.replaceChildren();
  for (const { field, message } of errors) {
    const target = fieldElement(form, field);
    const item = document.createElement("li");
    if (target) {
      const note = document.createElement("p");
      note.className = "kl-field-error";
      note.id = `${target.id}-error`;
      note.dataset.for = target.id;
      note.textContent = message;
      target.after(note);
      target.setAttribute("aria-invalid", "true");
      target.setAttribute("aria-describedby", note.id);
      const link = document.createElement("a");
      link.href = `#${target.id}`;
      link.textContent = message;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        target.focus();
      });
      item.append(link);
    } else {
      item.textContent = message;
    }
    list.append(item);
  }
  summary.hidden = false;
  summary.focus();
}

function showFailure(form, message) {
  const note = form.querySelector("[data-form-error]");
  note.textContent = message;
  note.hidden = false;
}

function renderRamp(section, result) {
  section.querySelector("[data-summary]").textContent = result.summary;
  const rows = section.querySelector("[data-rows]");
  rows.replaceChildren();
  for (const week of result.weeks) {
    const row = document.createElement("tr");
    if (week.over_limit) row.className = "kl-over";
    const cells = [
      `Week ${week.week}`,
      `${formatNumber(week.volume)} ${result.unit_label}`,
      formatChange(week.change_pct),
      week.message,
    ];
    cells.forEach((text, index) => {
      const cell = document.createElement(index === 0 ? "th" : "td");
      if (index === 0) cell.scope = "row";
      if (index === 3 && week.over_limit) {
        // Marked by an icon, bold text and the words, not by colour alone.
        const strong = document.createElement("strong");
        const icon = document.createElement("span");
        icon.setAttribute("aria-hidden", "true");
        icon.textContent = "▲ ";
        strong.append(icon, text);
        cell.append(strong);
      } else {
        cell.textContent = text;
      }
      row.append(cell);
    });
    rows.append(row);
  }
  section.querySelector("[data-caveat]").textContent = result.caveat;
}

/** The weeks as typed; empty fields after the last filled one are left out, not errors. */
export function readWeeks(texts) {
  const weeks = texts.map(readVolume);
  while (weeks.length > 1 && weeks.at(-1) === null) weeks.pop();
  return weeks;
}

function rampRequest(form) {
  return {
    check: "ramp",
    weeks: readWeeks(weekInputs(form).map((input) => input.value)),
    unit: form.elements.unit.value,
    profile: form.elements.profile.value,
  };
}

function wireRampForm(form, calculator) {
  const section = document.querySelector("[data-answer]");
  form.querySelector("[data-add-week]").addEventListener("click", () => addWeek(form));
  form.querySelector("[data-remove-week]").addEventListener("click", () => removeWeek(form));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    form.setAttribute("aria-busy", "true");
    performance.mark("calculator-submit");
    try {
      const answer = await calculator.request(rampRequest(form));
      performance.mark("calculator-answer");
      if (!answer.ok) {
        section.hidden = true;
        showErrors(form, answer.errors);
        return;
      }
      renderRamp(section, answer.result);
      section.hidden = false;
      section.querySelector("h2").focus();
    } catch (error) {
      showFailure(form, error.message);
    } finally {
      form.removeAttribute("aria-busy");
    }
  });
}

function main() {
  const forms = document.querySelectorAll("form[data-calculator]");
  if (!forms.length) return;
  const statuses = document.querySelectorAll("[data-calculator-status]");
  const say = (text) => statuses.forEach((status) => { status.textContent = text; });
  say("Loading the calculator…");
  const calculator = startCalculator({ onProgress: ({ label }) => say(`Loading the calculator: ${label}…`) });
  calculator.ready.then(
    () => {
      performance.mark("calculator-ready");
      say("The calculator is ready.");
      forms.forEach((form) => { form.dataset.state = "ready"; });
    },
    (error) => {
      say(error.message);
      forms.forEach((form) => { form.dataset.state = "failed"; });
    },
  );
  forms.forEach((form) => {
    if (form.dataset.calculator === "ramp") wireRampForm(form, calculator);
  });
}

main();
