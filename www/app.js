// The sample page. Everything sensitive happens here, in the browser: the library (../pkg, served
// at /pkg/) detects, classifies, pseudonymizes and re-identifies; this file only shows what it
// did. It keeps no copy of the library's logic: highlights come from `scan()` (text) and the
// report's per-field results (JSON); the decision, level and categories from the report.
import init, { Sanitizer, ReidentifyStream, entityCatalog, presetNames, presetPolicy } from "/pkg/index.js";
import { SAMPLES } from "./samples.js";
import { at, lineColumn, locate, policyPathToPointer, pretty } from "./json-layout.js";
import { fitHeight, markAt, renderMarks } from "./highlight.js";

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

const OWN = "own";
const CUSTOM = "custom";
const CATEGORIES = ["PHI", "PII", "PCI", "FINANCIAL", "CREDENTIAL"];
const PRESET_HELP = {
  default: "Every identifier becomes a keyed token the page can turn back; card security data is dropped.",
  strict: "Every identifier is redacted to its kind, e.g. [EMAIL]. Nothing can be turned back.",
  "hipaa-safe-harbor": "HIPAA Safe Harbor: the 18 identifiers redacted; dates keep the year, ZIP codes three digits.",
  "pci-dss": "PCI DSS: card numbers show the first six and last four digits; CVV, track data and PIN dropped.",
  "gdpr-pseudonymize": "GDPR pseudonymisation: identifiers become keyed tokens; credentials dropped.",
  [CUSTOM]: "Your policy from the editor below.",
};
const STREAM_DELAY_MS = 18;

const state = {
  sanitizer: null, // the Sanitizer of the policy in force (its key and vault live only here)
  policyName: "default",
  catalog: new Map(), // entity name → { categories, level }
  lastResult: null, // what run() found, for the reply
  replyRun: 0, // bumped to cancel a reply still streaming
  timer: 0,
  policyTimer: 0,
};

// ---------------------------------------------------------------------------------------------
// Start-up

await init();
for (const { entity, categories, level } of entityCatalog()) state.catalog.set(entity, { categories, level });

for (const s of SAMPLES) $("sample").append(el("option", { value: s.id, textContent: s.label }));
$("sample").append(el("option", { value: OWN, textContent: "Your own text or JSON" }));
for (const name of presetNames()) $("preset").append(el("option", { value: name, textContent: name }));
$("preset").append(el("option", { value: CUSTOM, textContent: "custom (policy editor)" }));
for (const c of CATEGORIES) {
  $("legend").append(el("li", { className: `cat-${c}` }, el("span", { className: "swatch", ariaHidden: "true" }), c));
}

$("sample").addEventListener("change", () => loadSample($("sample").value));
$("preset").addEventListener("change", () => {
  if (!setPolicy($("preset").value)) return;
  run();
});
$("policy").addEventListener("input", () => {
  fitHeight($("policy"));
  $("preset").value = CUSTOM;
  clearTimeout(state.policyTimer);
  state.policyTimer = setTimeout(() => setPolicy(CUSTOM) && run(), 150);
});
$("policy-details").addEventListener("toggle", () => fitHeight($("policy")));
$("input").addEventListener("input", () => {
  fitHeight($("input"));
  $("sample").value = OWN;
  clearTimeout(state.timer);
  state.timer = setTimeout(run, 120);
});
for (const ev of ["keyup", "click", "focus", "select"]) $("input").addEventListener(ev, describeCaret);
$("input").addEventListener("mousemove", (e) => hover(e, markAt($("input-marks"), e.clientX, e.clientY)));
$("input").addEventListener("mouseleave", () => hideTooltip());
$("outbound").addEventListener("mousemove", (e) => hover(e, e.target.closest?.("mark")));
$("outbound").addEventListener("mouseleave", () => hideTooltip());
$("replay").addEventListener("click", () => streamReply());
window.addEventListener("resize", () => fitHeight($("input")));
watchNetwork();

setPolicy("default");
loadSample(SAMPLES[0].id);

// ---------------------------------------------------------------------------------------------
// Policy

/** Replaces the Sanitizer; returns false (and shows where) when the policy is invalid. */
function setPolicy(name) {
  $("preset-help").textContent = PRESET_HELP[name] ?? "";
  let sanitizer;
  const editor = $("policy");
  try {
    if (name === CUSTOM) {
      let policy;
      try {
        policy = JSON.parse(editor.value);
      } catch (e) {
        showPolicyError(syntaxError(editor.value, e));
        return false;
      }
      sanitizer = new Sanitizer(policy);
    } else {
      sanitizer = new Sanitizer(name);
    }
  } catch (e) {
    showPolicyError(policyError(editor.value, e));
    return false;
  }
  // A preset's policy goes into the editor, to read or to start a policy of one's own from.
  if (name !== CUSTOM) editor.value = JSON.stringify(presetPolicy(name), null, 2);
  showPolicyError(null);
  state.sanitizer?.free();
  state.sanitizer = sanitizer;
  state.policyName = name;
  return true;
}

/** A JSON syntax error: the position JSON.parse names, as a span. */
function syntaxError(text, e) {
  const m = /position (\d+)/.exec(e.message);
  const pos = m ? Number(m[1]) : text.length;
  return { message: `JSON syntax: ${e.message}`, start: pos, end: Math.min(text.length, pos + 1) };
}

/** A library error: name, code and path; the span of the nearest existing item at that path. */
function policyError(text, e) {
  const err = { message: `${e.name} ${e.code ?? ""}: ${e.message}`.replace(" :", ":"), path: e.path };
  let spans;
  try {
    spans = locate(text);
  } catch {
    return err;
  }
  let pointer = policyPathToPointer(e.path ?? "");
  while (pointer && !spans.has(pointer)) pointer = pointer.slice(0, pointer.lastIndexOf("/"));
  const span = spans.get(pointer);
  if (span && e.path) {
    // An unknown key is marked as the key; a bad value as the value.
    const unknownKey = /unknown field/.test(e.message) && span.keyStart !== undefined;
    err.start = unknownKey ? span.keyStart : span.start;
    err.end = unknownKey ? span.keyEnd : span.end;
  }
  return err;
}

function showPolicyError(err) {
  const editor = $("policy");
  const box = $("policy-error");
  const marks = [];
  if (!err) {
    box.textContent = "";
    editor.removeAttribute("aria-invalid");
  } else {
    editor.setAttribute("aria-invalid", "true");
    $("policy-details").open = true;
    let where = "";
    if (err.start !== undefined) {
      const { line, column } = lineColumn(editor.value, err.start);
      where = ` (line ${line}, column ${column})`;
      marks.push({ start: err.start, end: err.end, className: "bad" });
    }
    box.textContent = `${err.message}${where}`;
    if (err.path) box.dataset.path = err.path;
    else delete box.dataset.path;
    status(`The policy is invalid: ${err.message}${where}. The previous policy stays in force.`);
  }
  renderMarks(editor.previousElementSibling, editor.value, marks);
  fitHeight(editor);
}

// ---------------------------------------------------------------------------------------------
// Sanitizing

function loadSample(id) {
  $("sample").value = id;
  const sample = SAMPLES.find((s) => s.id === id);
  if (sample) {
    $("input").value = sample.text;
    const hint = sample.preset && sample.preset !== state.policyName ? ` Suggested policy for this sample: ${sample.preset}.` : "";
    $("preset-help").textContent = (PRESET_HELP[state.policyName] ?? "") + hint;
  }
  fitHeight($("input"));
  run();
}

/** Parses JSON input; returns null for text (or text that only looks like JSON). */
function asJson(text) {
  const t = text.trimStart();
  if (!t.startsWith("{") && !t.startsWith("[")) return null;
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: e };
  }
}

function run() {
  const s = state.sanitizer;
  const text = $("input").value;
  const json = asJson(text);
  const isJson = json && !json.error;
  // Text that starts like a JSON object but does not parse is worth a word; "[10:02] …" is not.
  const brokenJson = json?.error && text.trimStart().startsWith("{");
  $("input-kind").textContent = isJson ? "JSON record" : brokenJson ? "text (not valid JSON)" : "text";
  const t0 = performance.now();
  let result;
  try {
    result = isJson ? runJson(s, text, json.value) : runText(s, text);
  } catch (e) {
    result = { failed: e };
  }
  const ms = performance.now() - t0;
  $("timing").textContent = `${ms < 1 ? ms.toFixed(2) : ms.toFixed(1)} ms in the page`;
  state.lastResult = result;
  render(text, result, isJson);
  const what = result.failed
    ? `Nothing leaves: ${result.failed.name} (${result.failed.code}) at “${result.failed.path ?? ""}”.`
    : result.blocked
      ? `Blocked by the policy: nothing leaves.`
      : `${result.report.total} identifier(s) acted on, decision ${result.report.decision}.`;
  status(`${what} Policy ${state.policyName}, ${ms.toFixed(1)} ms.${brokenJson ? " The input looks like JSON but does not parse, so it is treated as text." : ""}`);
  streamReply();
}

/** Text: highlights from scan(); the report and output from sanitize(). */
function runText(s, text) {
  const findings = s.scan(text);
  const classification = s.classify(text);
  let done = null;
  try {
    done = s.sanitize(text);
  } catch (e) {
    if (e.name !== "BlockedError") throw e;
  }
  if (!done) return { findings, classification, report: classification, blocked: true };
  const spans = align(text, findings, done.output);
  const items = findings.map((f, i) => {
    const original = text.slice(f.start, f.end);
    const span = spans?.[i];
    const replacement = span ? done.output.slice(span.start, span.end) : null;
    return { ...f, original, replacement, out: span, action: actionOf(done.report, f.entity, original, replacement) };
  });
  return { items, classification, report: done.report, output: done.output };
}

/** JSON: per-field results from the report; the output is JSON text (numbers spelled as given). */
function runJson(s, text, value) {
  const classification = s.classifyJson(text);
  let done = null;
  try {
    done = s.sanitizeJson(text);
  } catch (e) {
    if (e.name !== "BlockedError") throw e;
  }
  if (!done) return { classification, report: classification, blocked: true, value };
  return { classification, report: done.report, output: pretty(done.output), value, outValue: JSON.parse(done.output) };
}

/**
 * Where each finding's replacement lies in the output. The output is the input with each finding
 * replaced, so the text between findings appears unchanged, in order; returns null if it does not.
 */
function align(text, findings, output) {
  const gaps = [];
  let pos = 0;
  for (const f of findings) {
    gaps.push(text.slice(pos, f.start));
    pos = f.end;
  }
  const tail = text.slice(pos);
  if (!output.startsWith(gaps[0] ?? "") || !output.endsWith(tail)) return null;
  const spans = [];
  let o = (gaps[0] ?? "").length;
  for (let i = 0; i < findings.length; i++) {
    const next = i + 1 < findings.length ? gaps[i + 1] : null;
    let end;
    if (next === null) end = output.length - tail.length;
    else if (next === "") return null; // adjacent findings: no way to tell where one ends
    else end = output.indexOf(next, o);
    if (end < o) return null;
    spans.push({ start: o, end });
    o = end + (next ?? "").length;
  }
  return spans;
}

function actionOf(report, entity, original, replacement) {
  if (replacement === null) return Object.keys(report.entities?.[entity] ?? {}).join(", ") || "?";
  if (replacement === original) return "keep";
  if (replacement === "") return "drop";
  const actions = Object.keys(report.entities?.[entity] ?? {});
  return actions.length ? actions.join(", ") : "?";
}

function categoriesOf(entity) {
  return state.catalog.get(entity)?.categories ?? [];
}

// ---------------------------------------------------------------------------------------------
// Rendering

function render(text, r, isJson) {
  const input = $("input-marks");
  const out = $("outbound");
  const table = $("findings");
  table.replaceChildren();
  if (r.failed) {
    renderMarks(input, text, []);
    out.replaceChildren(el("span", { className: "none", textContent: `Nothing leaves the page (fail closed): ${r.failed.name}: ${r.failed.message}` }));
    renderDecision(null, r.failed);
    return;
  }
  if (isJson) renderJson(text, r);
  else renderText(text, r);
  renderDecision(r.report, null, r.blocked);
}

function renderText(text, r) {
  const items = r.items ?? r.findings.map((f) => ({ ...f, original: text.slice(f.start, f.end), action: "block" }));
  renderMarks(
    $("input-marks"),
    text,
    items.map((f, i) => ({
      start: f.start,
      end: f.end,
      className: catClass(categoriesOf(f.entity)),
      data: { i, entity: f.entity, start: f.start, end: f.end, score: f.score.toFixed(2), action: f.action, categories: categoriesOf(f.entity).join(" ") },
    })),
  );
  state.items = items;
  if (r.blocked) {
    $("outbound").replaceChildren(blockedNote(r.report));
  } else {
    renderMarks(
      $("outbound"),
      r.output,
      items.filter((f) => f.out && f.out.end > f.out.start).map((f, i) => ({
        start: f.out.start,
        end: f.out.end,
        className: catClass(categoriesOf(f.entity)),
        data: { i, entity: f.entity, action: f.action, categories: categoriesOf(f.entity).join(" ") },
      })),
    );
  }
  $("findings-summary").textContent = `Detections (${items.length}, from scan())`;
  const head = el("tr", {}, ...["#", "Entity", "Category", "Score", "Action", "Found", "Sent as"].map((h) => el("th", { scope: "col", textContent: h })));
  const rows = items.map((f, i) =>
    el(
      "tr",
      {},
      el("td", { textContent: String(i + 1) }),
      el("td", { textContent: f.entity }),
      el("td", { textContent: categoriesOf(f.entity).join(", ") }),
      el("td", { textContent: f.score.toFixed(2) }),
      el("td", { textContent: f.action }),
      el("td", {}, el("code", { textContent: f.original })),
      el("td", {}, el("code", { textContent: f.replacement ?? "—" })),
    ),
  );
  $("findings").replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));
}

function renderJson(text, r) {
  const fields = r.report.fields ?? [];
  let spans = new Map();
  try {
    spans = locate(text);
  } catch {}
  const marks = [];
  for (const [i, f] of fields.entries()) {
    const span = spans.get(f.pointer);
    if (!span) continue;
    marks.push({
      start: span.start,
      end: span.end,
      className: catClass(f.categories),
      data: { i, pointer: f.pointer, start: span.start, end: span.end, entity: f.entities.join(" "), action: f.actions.join(", "), level: f.level, categories: f.categories.join(" ") },
    });
  }
  renderMarks($("input-marks"), text, marks);
  state.items = null;
  if (r.blocked) {
    $("outbound").replaceChildren(blockedNote(r.report));
  } else {
    const outSpans = locate(r.output);
    const outMarks = [];
    for (const [i, f] of fields.entries()) {
      const span = outSpans.get(f.pointer);
      if (!span) continue;
      outMarks.push({
        start: span.start,
        end: span.end,
        className: catClass(f.categories),
        data: { i, pointer: f.pointer, entity: f.entities.join(" "), action: f.actions.join(", "), categories: f.categories.join(" ") },
      });
    }
    renderMarks($("outbound"), r.output, outMarks);
  }
  $("findings-summary").textContent = `Fields (${fields.length}, from the report)`;
  const head = el("tr", {}, ...["Field (JSON Pointer)", "Entities", "Categories", "Level", "Action", "Sent as"].map((h) => el("th", { scope: "col", textContent: h })));
  const dropped = new Set(r.report.dropped ?? []);
  const rows = fields.map((f) => {
    const sent = r.blocked ? "—" : dropped.has(f.pointer) ? "(dropped)" : JSON.stringify(at(r.outValue, f.pointer)) ?? "(dropped)";
    return el(
      "tr",
      {},
      el("td", {}, el("code", { textContent: f.pointer || "(root)" })),
      el("td", { textContent: f.entities.join(", ") }),
      el("td", { textContent: f.categories.join(", ") }),
      el("td", { textContent: f.level }),
      el("td", { textContent: f.actions.join(", ") }),
      el("td", {}, el("code", { textContent: sent })),
    );
  });
  $("findings").replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));
}

function blockedNote(report) {
  const b = report.blockedBy ?? {};
  return el("span", { className: "none", textContent: `Nothing leaves the page: block rule ${b.rule ?? ""} matched${b.entity ? ` ${b.entity}` : ""}${b.pointer ? ` at ${b.pointer}` : ""}.` });
}

function catClass(categories) {
  const c = CATEGORIES.find((x) => categories?.includes(x));
  return c ? `cat-${c}` : "cat-none";
}

function renderDecision(report, failure, blocked) {
  const decision = failure ? "block" : report.decision;
  const badge = $("decision");
  badge.className = `badge decision-${decision}`;
  badge.textContent = `Decision: ${decision}`;
  badge.dataset.decision = decision;
  $("verdict").className = `chip decision-${decision}`;
  $("verdict").textContent = failure ? "nothing leaves" : `${decision} · ${report.level}`;
  $("level").textContent = failure ? "Level: —" : `Level: ${report.level}`;
  $("level").dataset.level = failure ? "" : report.level;
  $("categories").replaceChildren(...(failure ? [] : report.categories).map((c) => el("span", { className: `chip cat-${c}`, textContent: c })));
  const reasons = [];
  if (failure) {
    reasons.push(`The input could not be processed (${failure.name}, ${failure.code}${failure.path ? ` at ${failure.path}` : ""}); the library fails closed, so nothing is returned.`);
  } else if (decision === "block" || blocked) {
    const b = report.blockedBy ?? {};
    reasons.push(`Block rule ${b.rule ?? "?"} matched${b.entity ? ` ${b.entity}` : ""}${b.pointer !== undefined ? ` at “${b.pointer}”` : ""}: nothing may leave.`);
  } else if (decision === "allow") {
    reasons.push("No identifier found: the input may leave unchanged.");
  }
  if (!failure) {
    for (const f of report.fields ?? []) {
      const where = f.pointer === "" ? "Text" : f.pointer;
      reasons.push(`${where}: ${f.entities.join(", ")} (${f.categories.join(", ")}, ${f.level}) → ${f.actions.join(", ") || "none"}`);
    }
    for (const d of report.dropped ?? []) reasons.push(`${d}: dropped by the policy`);
    if (report.entities && !blocked) {
      const counts = Object.entries(report.entities).map(([k, v]) => `${k} ${Object.entries(v).map(([a, n]) => `${a} ×${n}`).join(", ")}`);
      if (counts.length) reasons.push(`Counts: ${counts.join("; ")}`);
    }
  }
  $("reasons").replaceChildren(...reasons.map((t) => el("li", { textContent: t })));
  $("report").textContent = failure ? "" : JSON.stringify(report, null, 2);
}

// ---------------------------------------------------------------------------------------------
// Tooltips and the caret

function hover(e, mark) {
  if (!mark) return hideTooltip();
  const d = mark.dataset;
  const lines = [];
  if (d.pointer !== undefined) lines.push(`Field ${d.pointer || "(root)"}`);
  lines.push(`Entity: ${d.entity}`);
  if (d.score) lines.push(`Score: ${d.score}`);
  lines.push(`Action: ${d.action}`);
  if (d.categories) lines.push(`Category: ${d.categories.replaceAll(" ", ", ")}`);
  if (d.level) lines.push(`Level: ${d.level}`);
  const tip = $("tooltip");
  tip.textContent = lines.join("\n");
  tip.hidden = false;
  const x = Math.min(e.clientX + 12, window.innerWidth - tip.offsetWidth - 8);
  const y = e.clientY + 16 + tip.offsetHeight > window.innerHeight ? e.clientY - tip.offsetHeight - 8 : e.clientY + 16;
  tip.style.left = `${Math.max(4, x)}px`;
  tip.style.top = `${Math.max(4, y)}px`;
}

function hideTooltip() {
  $("tooltip").hidden = true;
}

/** Says which detection the caret is in, for keyboard and screen-reader users. */
function describeCaret() {
  const pos = $("input").selectionStart;
  const mark = [...$("input-marks").querySelectorAll("mark")].find((m) => {
    const start = Number(m.dataset.start ?? NaN);
    const end = Number(m.dataset.end ?? NaN);
    return pos >= start && pos <= end;
  });
  let text = "";
  if (mark) {
    const d = mark.dataset;
    const cats = d.categories.replaceAll(" ", ", ") || "no category";
    text = d.pointer !== undefined
      ? `Caret on field ${d.pointer || "(root)"}: ${d.entity.replaceAll(" ", ", ")} (${cats}, ${d.level}), action ${d.action}.`
      : `Caret on ${d.entity} (${cats}), score ${d.score}, action ${d.action}.`;
  }
  if ($("caret-info").textContent !== text) $("caret-info").textContent = text;
}

// ---------------------------------------------------------------------------------------------
// The simulated AI reply, streamed and re-identified live

/** Values the reply quotes: replacements that re-identify exactly to what they replaced. */
function quotable(r) {
  const s = state.sanitizer;
  const out = [];
  const seen = new Set();
  const add = (token, original, ref, entity) => {
    if (!token || seen.has(token) || token === original) return;
    if (s.reidentify(token) !== original) return;
    seen.add(token);
    out.push({ token, original, ref, entity });
  };
  if (r.items) {
    for (const [i, f] of r.items.entries()) if (f.replacement) add(f.replacement, f.original, { finding: i }, f.entity);
  } else if (r.outValue !== undefined) {
    for (const f of r.report.fields ?? []) {
      const sent = at(r.outValue, f.pointer);
      const original = at(r.value, f.pointer);
      if (typeof sent !== "string" || sent.length > 60 || (typeof original !== "string" && typeof original !== "number")) continue;
      add(sent, String(original), { pointer: f.pointer }, f.entities.join(" "));
    }
  }
  return out.slice(0, 8);
}

function composeReply(quotes) {
  if (!quotes.length) {
    return [{ text: "I received your message. It holds no token I could quote back: this policy redacts, masks or drops, so there is nothing to turn back into real values." }];
  }
  const parts = [{ text: "Thanks. I read the record you sent; the identifiers in it reached me only as tokens:\n" }];
  for (const q of quotes) parts.push({ text: `• ${q.entity}: ` }, { quote: q }, { text: "\n" });
  parts.push({ text: "I will refer to " }, { quote: quotes[0] }, { text: " in the follow-up and keep the rest unchanged." });
  return parts;
}

/** Cuts text into chunks of 3 to 9 characters, so every token is split across chunks. */
function chunks(text) {
  const out = [];
  for (let i = 0, n = 0; i < text.length; n++) {
    const size = 3 + ((n * 5) % 7);
    out.push(text.slice(i, i + size));
    i += size;
  }
  return out;
}

async function streamReply() {
  const run = ++state.replyRun;
  const r = state.lastResult;
  const raw = $("reply-raw");
  const shown = $("reply-shown");
  raw.replaceChildren();
  shown.textContent = "";
  raw.dataset.done = shown.dataset.done = "false";
  if (!r || r.failed || r.blocked) {
    $("reply-status").textContent = "Nothing was sent, so there is no reply.";
    raw.dataset.done = shown.dataset.done = "true";
    return;
  }
  const parts = composeReply(quotable(r));
  // The full reply, with each quoted token marked (data-finding / data-pointer say what it stands for).
  const full = parts.map((p) => p.text ?? p.quote.token).join("");
  const s = state.sanitizer;
  const stream = new ReidentifyStream(s);
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  $("reply-status").textContent = "Streaming the reply…";
  const pieces = chunks(full);
  const feed = (async () => {
    for (const [n, piece] of pieces.entries()) {
      await new Promise((resolve) => setTimeout(resolve, STREAM_DELAY_MS));
      if (run !== state.replyRun) return writer.abort();
      raw.append(el("span", { className: `chunk c${n % 2}`, textContent: piece }));
      await writer.write(piece);
    }
    await writer.close();
  })();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || run !== state.replyRun) break;
      shown.textContent += value;
    }
    await feed;
  } catch {
    return; // a newer run aborted this one
  }
  if (run !== state.replyRun) return;
  // What each quoted token stands for (a finding of scan() or a field), for checking the result.
  raw.dataset.tokens = JSON.stringify(parts.filter((p) => p.quote).map((p) => ({ token: p.quote.token, ...p.quote.ref })));
  const whole = s.reidentify(full);
  const same = whole === shown.textContent;
  // When the stream restored exactly the values the reply quoted, mark them where they stand.
  const restored = parts.map((p) => p.text ?? p.quote.original);
  if (restored.join("") === shown.textContent) {
    shown.replaceChildren(
      ...parts.map((p) => (p.text !== undefined ? p.text : el("mark", { className: catClass(categoriesOf(p.quote.entity.split(" ")[0])), textContent: p.quote.original }))),
    );
  }
  raw.dataset.done = shown.dataset.done = "true";
  $("reply-status").textContent = same
    ? `Reply streamed in ${pieces.length} chunks and re-identified live; it equals re-identifying the whole reply at once.`
    : "The streamed re-identification differs from re-identifying the whole reply: please report this.";
}

// ---------------------------------------------------------------------------------------------
// Network: every request the browser reports for this page

function watchNetwork() {
  const origin = location.origin;
  const seen = [];
  let blocked = 0;
  const update = () => {
    const foreign = seen.filter((u) => !u.startsWith(origin + "/") && !u.startsWith("data:"));
    const badge = $("network-badge");
    badge.textContent = foreign.length || blocked
      ? `⚠ ${foreign.length} request(s) left this page's origin`
      : `✓ 0 requests beyond ${location.host} · ${seen.length} own files`;
    badge.dataset.foreign = String(foreign.length);
    badge.classList.toggle("bad", foreign.length > 0);
    $("network-summary").textContent = `${seen.length} request(s), ${foreign.length} to another origin, ${blocked} blocked by the policy.`;
    $("network-list").replaceChildren(...seen.map((u) => el("li", {}, el("code", { textContent: u }))));
  };
  const add = (entries) => {
    for (const e of entries) seen.push(e.name);
    update();
  };
  add([{ name: location.href }]);
  add(performance.getEntriesByType("resource"));
  new PerformanceObserver((list) => add(list.getEntries())).observe({ type: "resource" });
  document.addEventListener("securitypolicyviolation", () => {
    blocked++;
    update();
  });
}

function status(text) {
  $("status").textContent = text;
}
