// The page: three panels over the HTTP API (/api/...). No framework, no build step; the form is
// drawn by the vendored JSON-Schema form library from /api/schema in the page's language.
"use strict";

const lang = document.body.dataset.lang;
const text = JSON.parse(document.getElementById("text").textContent);
let editor = null;

function show(message, ok) {
  const box = document.getElementById("message");
  box.textContent = message || "";
  box.className = ok ? "ok" : "";
  box.hidden = !message;
}

function headers() {
  const token = document.getElementById("token");
  return token && token.value ? { "X-Drafter-Token": token.value } : {};
}

async function post(url, body) {
  // Every answer that is not 2xx carries {"error": "<one line>"}.
  show(text.working, true);
  const response = await fetch(url, { method: "POST", body: body, headers: headers(), credentials: "same-origin" });
  if (!response.ok) {
    let message = response.statusText;
    try { const data = await response.json(); message = data.error + (data.place ? " [" + data.place + "]" : ""); } catch (e) { /* not JSON */ }
    show(message, false);
    throw new Error(message);
  }
  show("", true);
  return response;
}

function fileName(response, fallback) {
  const header = response.headers.get("Content-Disposition") || "";
  const match = header.match(/filename\*=UTF-8''([^;]+)/);
  return match ? decodeURIComponent(match[1]) : fallback;
}

function save(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
}

function form(files) {
  const data = new FormData();
  for (const [field, list] of files) for (const file of list) data.append(field, file);
  return data;
}

// -- draft -----------------------------------------------------------------------------------------
async function startEditor() {
  const schema = await (await fetch("api/schema?lang=" + lang)).json();
  editor = new JSONEditor(document.getElementById("editor"), {
    schema: schema, theme: "html", iconlib: null, display_required_only: true, show_opt_in: true,
    disable_properties: false, disable_edit_json: false, disable_collapse: false, prompt_before_delete: false,
    show_errors: "change", no_additional_properties: true,
  });
  editor.on("ready", () => loadSample());
}

async function loadSample() {
  const name = document.getElementById("sample").value;
  const response = await fetch("api/samples/" + encodeURIComponent(name));
  if (response.ok) editor.setValue(await response.json());
}

async function loadFrom(url, input) {
  if (!input.files.length) return;
  const response = await post(url, form([["file", input.files]]));
  editor.setValue(await response.json());
  input.value = "";
}

async function download(format) {
  const errors = editor.validate();
  if (errors.length) { editor.options.show_errors = "always"; editor.onChange(); show(text.fix_errors, false); return; }
  const planLang = document.getElementById("plan-lang").value;
  const body = new Blob([JSON.stringify(editor.getValue())], { type: "application/json" });
  const response = await fetch("api/generate?lang=" + planLang + "&format=" + format,
    { method: "POST", body: body, headers: Object.assign({ "Content-Type": "application/json" }, headers()) });
  if (!response.ok) { const data = await response.json(); show(data.error + (data.place ? " [" + data.place + "]" : ""), false); return; }
  show("", true);
  save(await response.blob(), fileName(response, "plan." + format));
}

// -- review ----------------------------------------------------------------------------------------
function sectionTree(sections, findings) {
  const list = document.createElement("ul");
  for (const section of sections) {
    const item = document.createElement("li");
    const title = document.createElement("span");
    title.className = "section-title";
    title.textContent = (section.number + " " + section.title).trim();
    item.appendChild(title);
    for (const finding of findings.filter((f) => f.section === section.id)) item.appendChild(findingLine(finding));
    if (section.children.length) item.appendChild(sectionTree(section.children, findings));
    list.appendChild(item);
  }
  return list;
}

function findingLine(finding) {
  const line = document.createElement("div");
  line.className = "finding " + finding.severity;
  const where = finding.page ? " (p. " + finding.page + ", " + finding.page_line + ")" : finding.line ? " (" + finding.line + ")" : "";
  line.textContent = text.severity[finding.severity] + " · " + finding.rule + " · " + finding.message + where;
  return line;
}

function reportView(report) {
  const box = document.createElement("div");
  box.className = "report";
  const head = document.createElement("h2");
  head.textContent = report.file;
  box.appendChild(head);
  if (report.error) { box.appendChild(findingLine({ severity: "error", rule: "unreadable", message: report.error })); return box; }
  const known = new Set();
  (function walk(list) { for (const s of list) { known.add(s.id); walk(s.children); } })(report.sections);
  for (const finding of report.findings.filter((f) => !known.has(f.section))) box.appendChild(findingLine(finding));
  if (!report.findings.length) { const clean = document.createElement("p"); clean.textContent = text.clean; box.appendChild(clean); }
  box.appendChild(sectionTree(report.sections, report.findings));
  return box;
}

function table(header, rows) {
  const element = document.createElement("table");
  const head = element.createTHead().insertRow();
  for (const cell of header) { const th = document.createElement("th"); th.textContent = cell; head.appendChild(th); }
  const body = element.createTBody();
  for (const row of rows) { const tr = body.insertRow(); for (const cell of row) tr.insertCell().textContent = cell; }
  return element;
}

function summary(reports) {
  return table(text.summary, reports.map((r) => r.error ? [r.file, "—", "—", "—", r.error]
    : [r.file, r.summary.errors, r.summary.warnings, r.summary.info,
       r.findings.filter((f) => f.rule === "required-section" || f.rule === "required-action").map((f) => f.section).join(" ")]));
}

async function review() {
  const drafts = document.getElementById("drafts");
  if (!drafts.files.length) return;
  const data = form([["file", drafts.files], ["parent", document.getElementById("review-parent").files]]);
  data.append("lang", lang);
  const response = await post("api/validate", data);
  let reports = await response.json();
  if (!Array.isArray(reports)) reports = [reports];
  const out = document.getElementById("findings");
  out.replaceChildren();
  if (reports.length > 1) out.appendChild(summary(reports));
  for (const report of reports) out.appendChild(reportView(report));
}

// -- extract and compare ---------------------------------------------------------------------------
async function compare() {
  const plans = document.getElementById("plans");
  if (!plans.files.length) return;
  const response = await post("api/compare", form([["file", plans.files]]));
  const result = await response.json();
  const out = document.getElementById("comparison");
  out.replaceChildren(table(result.header, result.rows));
  const chart = document.createElement("div");
  chart.className = "chart";
  const image = document.createElement("img");
  image.alt = text.chart;
  image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(result.chart);
  chart.appendChild(image);
  out.appendChild(chart);
  for (const file of plans.files) {
    if (/\.(ya?ml|json)$/i.test(file.name)) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = text.extracted + ": " + file.name;
    button.addEventListener("click", async () => {
      const extracted = await post("api/extract", form([["file", [file]]]));
      save(new Blob([JSON.stringify(await extracted.json(), null, 2)], { type: "application/json" }),
        file.name.replace(/\.[^.]+$/, "") + ".json");
    });
    out.appendChild(button);
  }
}

// -- wiring ----------------------------------------------------------------------------------------
function selectTab(name) {
  for (const tab of document.querySelectorAll(".tab")) tab.setAttribute("aria-selected", String(tab.dataset.tab === name));
  for (const panel of document.querySelectorAll(".panel")) panel.hidden = panel.id !== name;
}

function quietly(action) {
  return (event) => action(event).catch((error) => show(error.message, false));
}

document.addEventListener("DOMContentLoaded", () => {
  for (const tab of document.querySelectorAll(".tab")) tab.addEventListener("click", () => selectTab(tab.dataset.tab));
  document.getElementById("sample").addEventListener("change", quietly(loadSample));
  document.getElementById("params-file").addEventListener("change", quietly((e) => loadFrom("api/params", e.target)));
  document.getElementById("parent-plan").addEventListener("change", quietly((e) => loadFrom("api/extract", e.target)));
  document.getElementById("get-docx").addEventListener("click", quietly(() => download("docx")));
  document.getElementById("get-md").addEventListener("click", quietly(() => download("md")));
  document.getElementById("get-params").addEventListener("click", () =>
    save(new Blob([JSON.stringify(editor.getValue(), null, 2)], { type: "application/json" }), "parameters.json"));
  document.getElementById("check").addEventListener("click", quietly(review));
  document.getElementById("run-compare").addEventListener("click", quietly(compare));
  startEditor().catch((error) => show(error.message, false));
});
