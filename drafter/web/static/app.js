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
  // The schema needs no token (GET); every POST carries it.
  const words = JSON.parse(document.getElementById("editor-words").textContent);
  if (Object.keys(words).length) {
    JSONEditor.defaults.languages[lang] = Object.assign({}, JSONEditor.defaults.languages.en, words);
    JSONEditor.defaults.language = lang;
  }
  const schema = await (await fetch("api/schema?lang=" + lang)).json();
  editor = new JSONEditor(document.getElementById("editor"), {
    schema: schema, theme: "html", iconlib: null, display_required_only: true, show_opt_in: true,
    disable_properties: false, disable_edit_json: false, disable_collapse: false, prompt_before_delete: false,
    show_errors: "change", no_additional_properties: true, remove_empty_properties: true,
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
// The findings are the HTML report of `drafter validate --format html`, shown in a frame that may
// run nothing; each draft can be downloaded with the findings as Word comments.
async function review() {
  const drafts = document.getElementById("drafts");
  if (!drafts.files.length) return;
  const parent = document.getElementById("review-parent").files;
  const data = form([["file", drafts.files], ["parent", parent]]);
  const response = await post("api/validate?format=html&lang=" + lang, data);
  const out = document.getElementById("findings");
  const frame = document.createElement("iframe");
  frame.setAttribute("sandbox", "allow-same-origin");
  frame.title = text.tabs.review;
  frame.srcdoc = await response.text();
  frame.addEventListener("load", () => { frame.style.height = frame.contentDocument.documentElement.scrollHeight + 40 + "px"; });
  const buttons = document.createElement("div");
  buttons.className = "row";
  for (const file of drafts.files) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = text.reviewed + ": " + file.name;
    button.addEventListener("click", quietly(async () => {
      const body = form([["file", [file]], ["parent", parent]]);
      body.append("author", document.getElementById("author").value);
      const reviewed = await post("api/review", body);
      save(await reviewed.blob(), fileName(reviewed, "review.docx"));
    }));
    buttons.appendChild(button);
  }
  out.replaceChildren(buttons, frame);
}

// -- extract and compare ---------------------------------------------------------------------------
function table(header, rows) {
  const element = document.createElement("table");
  const head = element.createTHead().insertRow();
  for (const cell of header) { const th = document.createElement("th"); th.textContent = cell; head.appendChild(th); }
  const body = element.createTBody();
  for (const row of rows) { const tr = body.insertRow(); for (const cell of row) tr.insertCell().textContent = cell; }
  return element;
}

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
  const token = document.getElementById("token");
  if (token) {  // asked once: kept for this browser tab's session
    token.value = sessionStorage.getItem("drafter-token") || "";
    token.addEventListener("change", () => sessionStorage.setItem("drafter-token", token.value));
  }
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
