// The sample page (www/) in headless Chromium (Debian's, through playwright-core; see
// tests/browser.mjs), served from 127.0.0.1 as `npm start` serves it: it loads without a console
// error, every sample runs under every preset, the outbound panel holds none of the sample's
// identifiers, the input highlights are scan()'s findings, the streamed re-identified reply
// restores the original values, no request leaves 127.0.0.1, and keyboard-only use works.
// Screenshots go to test-output/page/; docs/sample-page.png (shown in the README) is rewritten
// when SANITAS_SCREENSHOT=1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromiumAvailable, openPage } from "../browser.mjs";
import { SAMPLES } from "../../www/samples.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const shots = `${root}test-output/page`;

// Identifiers planted in each sample that must never reach the outbound panel, under any preset
// (on top of every value scan() finds in the input).
const PLANTED = {
  "clinical-note": [
    "Maria L. Gonzalez", "07/22/1958", "00482913", "(212) 555-0147", "maria.gonzalez@example.org", "48 Elm Street", "Springfield", "62704",
    "Samuel Okafor", "1234567893", "Ana Gonzalez", "312-555-0199", "192.0.2.44",
  ],
  "fhir-bundle": [
    "Gonzalez", "Maria", "Okafor", "Samuel", "1958-07-22", "00482913", "1234567893", "48 Elm Street", "Springfield", "62704",
    "maria.gonzalez@example.org", "(212) 555-0147",
  ],
  "wire-request": ["000123456789", "021000021", "Jonas Weber", "DE89 3704 0044 0532 0130 00", "COBADEFFXXX", "Priya Raman", "priya.raman@example.com", "646-555-0173"],
  "card-dispute": ["Daniel Kim", "4111 1111 1111 1111", "dkim@example.net", "415-555-0132", "203.0.113.42"],
  "loan-application": [
    "Olivia", "Bennett", "1987-11-05", "512-44-3187", "olivia.bennett@example.com", "+1 (303) 555-0186", "1600 Maple Avenue", "Denver", "80203",
    "122105155", "4401987723", "5555 5555 5555 4444",
  ],
};

let session;
const requests = [];
before(async () => {
  assert.ok(chromiumAvailable(), "Chromium is missing: run scripts/setup.sh --browser");
  mkdirSync(shots, { recursive: true });
  session = await openPage();
  session.page.on("request", (r) => requests.push(r.url()));
  await session.page.setViewportSize({ width: 1280, height: 900 });
  await session.page.goto(`${session.base}/`);
  await settled();
});
after(() => session?.close());

/** Waits until the page has run and the simulated reply has finished streaming. */
async function settled() {
  await session.page.waitForFunction(() => {
    const s = document.getElementById("status")?.textContent ?? "";
    return s && s !== "Loading…" && document.getElementById("reply-shown")?.dataset.done === "true";
  }, null, { timeout: 20_000 });
}

/** Everything the tests compare, read from the page, plus scan()/classify() of a fresh Sanitizer. */
function snapshot(preset) {
  return session.page.evaluate(async (preset) => {
    const { Sanitizer } = await import("/pkg/index.js");
    const text = document.getElementById("input").value;
    const fresh = new Sanitizer(preset);
    let isJson = false;
    try {
      isJson = typeof JSON.parse(text) === "object";
    } catch {}
    const scan = fresh.scan(text);
    const fields = isJson ? fresh.classifyJson(text).fields.map((f) => f.pointer) : [];
    fresh.free();
    const marks = [...document.querySelectorAll("#input-marks mark")].map((m) => ({ ...m.dataset, text: m.textContent }));
    const raw = document.getElementById("reply-raw");
    return {
      text,
      isJson,
      scan,
      fields,
      marks,
      outbound: document.getElementById("outbound").textContent,
      decision: document.getElementById("decision").dataset.decision,
      report: document.getElementById("report").textContent,
      raw: raw.textContent,
      chunks: [...raw.querySelectorAll(".chunk")].map((c) => c.textContent),
      tokens: JSON.parse(raw.dataset.tokens ?? "[]"),
      shown: document.getElementById("reply-shown").textContent,
      replyStatus: document.getElementById("reply-status").textContent,
    };
  }, preset);
}

async function choose(id, value) {
  await session.page.selectOption(`#${id}`, value);
  await settled();
}

const at = (value, pointer) =>
  pointer === "" ? value : pointer.slice(1).split("/").reduce((v, k) => v?.[k.replaceAll("~1", "/").replaceAll("~0", "~")], value);

/** `needle` as a whole value in `hay` (not inside a longer run of letters or digits). */
const contains = (hay, needle) => {
  const esc = needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${esc}(?![\\p{L}\\p{N}])`, "u").test(hay);
};

test("the page loads without a console error and shows the first sample", async () => {
  const snap = await snapshot("default");
  assert.equal(snap.text, SAMPLES[0].text);
  assert.ok(snap.marks.length > 0, "no highlight");
  // Hovering a highlight shows entity, score and action; the caret on it says the same.
  const first = snap.marks[0];
  const box = await session.page.locator("#input-marks mark").first().boundingBox();
  await session.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const tip = await session.page.textContent("#tooltip");
  assert.ok(await session.page.isVisible("#tooltip"));
  assert.match(tip, new RegExp(`Entity: ${first.entity}\\nScore: ${first.score}\\nAction: ${first.action}`));
  await session.page.mouse.move(1, 1);
  assert.ok(await session.page.isHidden("#tooltip"));
  await session.page.focus("#input");
  await session.page.evaluate((pos) => {
    const input = document.getElementById("input");
    input.setSelectionRange(pos, pos);
    input.dispatchEvent(new KeyboardEvent("keyup"));
  }, Number(first.start) + 1);
  assert.match(await session.page.textContent("#caret-info"), new RegExp(`Caret on ${first.entity} .*score ${first.score}, action ${first.action}`));
  assert.deepEqual(session.errors, []);
});

const presets = ["default", "strict", "hipaa-safe-harbor", "pci-dss", "gdpr-pseudonymize"];

for (const sample of SAMPLES) {
  test(`sample ${sample.id}: highlights are scan()'s, nothing identifying leaves, the reply comes back whole`, async () => {
    await choose("preset", "default");
    await choose("sample", sample.id);
    const snap = await snapshot("default");
    assert.equal(snap.text, sample.text);
    assert.equal(snap.decision, "transform");

    // Highlights: for text, exactly scan()'s findings, each over the text it names.
    if (!snap.isJson) {
      const marks = snap.marks.map((m) => ({ entity: m.entity, start: Number(m.start), end: Number(m.end) }));
      assert.deepEqual(marks, snap.scan.map(({ entity, start, end }) => ({ entity, start, end })));
      for (const m of snap.marks) assert.equal(m.text, snap.text.slice(Number(m.start), Number(m.end)));
    } else {
      // For JSON, the per-field results: each marked field is one the classification reports,
      // and the mark covers that field's value in the input.
      const doc = JSON.parse(snap.text);
      assert.ok(snap.marks.length > 0);
      for (const m of snap.marks) {
        assert.ok(snap.fields.includes(m.pointer), m.pointer);
        assert.deepEqual(JSON.parse(m.text), at(doc, m.pointer), m.pointer);
      }
    }

    // The streamed, re-identified reply: each quoted token becomes the value it replaced.
    assert.ok(snap.tokens.length > 0, "the reply quotes no token");
    assert.ok(snap.chunks.length > 5);
    assert.equal(snap.chunks.join(""), snap.raw);
    let expected = snap.raw;
    let split = 0;
    for (const t of snap.tokens) {
      assert.ok(snap.raw.includes(t.token));
      const original = t.finding !== undefined
        ? snap.text.slice(snap.scan[t.finding].start, snap.scan[t.finding].end)
        : String(at(JSON.parse(snap.text), t.pointer));
      assert.ok(!snap.shown.includes(t.token), `${t.token} left in the shown reply`);
      expected = expected.split(t.token).join(original);
      if (!snap.chunks.some((c) => c.includes(t.token))) split++;
    }
    assert.ok(split > 0, "no token was split across chunks");
    assert.equal(snap.shown, expected);
    assert.match(snap.replyStatus, /equals re-identifying the whole reply/);

    // Nothing identifying in the outbound panel, under every preset.
    for (const preset of presets) {
      await choose("preset", preset);
      const s = await snapshot(preset);
      assert.equal(s.text, sample.text);
      const found = s.scan.map((f) => s.text.slice(f.start, f.end));
      const identifiers = [...new Set([...found, ...PLANTED[sample.id]])];
      assert.ok(s.outbound.length > 0, `${preset}: empty outbound panel`);
      for (const id of identifiers) assert.ok(!contains(s.outbound, id), `${preset}: ${id} leaves in the outbound panel`);
      for (const id of identifiers) assert.ok(!s.report.includes(id), `${preset}: ${id} in the audit report`);
    }
    await session.page.screenshot({ path: `${shots}/${sample.id}.png`, fullPage: true });
    assert.deepEqual(session.errors, []);
  });
}

test("a bad policy shows its error at the bad path and keeps the previous policy", async () => {
  const page = session.page;
  // The editor shows the preset in force.
  await choose("preset", "pci-dss");
  const shown = await page.evaluate(async () => {
    const { presetPolicy } = await import("/pkg/index.js");
    return [JSON.parse(document.getElementById("policy").value), presetPolicy("pci-dss")];
  });
  assert.deepEqual(shown[0], shown[1]);
  assert.equal(shown[0].entities.CREDIT_CARD.action, "mask");
  await choose("preset", "default");
  await page.locator("#policy-details > summary").click();
  await page.fill("#policy", '{\n  "entities": {\n    "EMAIL": "shred"\n  }\n}');
  const error = page.locator("#policy-error");
  await page.waitForFunction(() => document.getElementById("policy-error").textContent !== "");
  assert.match(await error.textContent(), /PolicyError/);
  assert.equal(await error.getAttribute("data-path"), "policy.entities.EMAIL");
  assert.match(await error.textContent(), /line 3, column 14/);
  assert.equal(await page.locator(".policy-hl mark.bad").textContent(), '"shred"');
  assert.equal(await page.getAttribute("#policy", "aria-invalid"), "true");
  // The previous policy (default: keyed tokens) stays in force for new input.
  await page.fill("#input", "Write to ana@example.org today.");
  await page.waitForFunction(() => document.getElementById("outbound").textContent.startsWith("Write to"));
  assert.match(await page.textContent("#outbound"), /^Write to EMAIL_[0-9A-Z]{8,} today\.$/);
  // A valid custom policy takes effect: e-mail addresses redacted.
  await page.fill("#policy", '{ "entities": { "EMAIL": "redact" } }');
  await page.waitForFunction(() => document.getElementById("policy-error").textContent === "");
  await settled();
  assert.match(await page.textContent("#outbound"), /\[EMAIL\]/);
  assert.equal(await page.inputValue("#preset"), "custom");
  // A block rule: the decision is block, and nothing is shown as leaving.
  await choose("sample", "card-dispute");
  await page.fill("#policy", '{ "block": [{ "entity": "CARD_CVV" }] }');
  await page.waitForFunction(() => document.getElementById("decision").dataset.decision === "block");
  await settled();
  assert.match(await page.textContent("#outbound"), /^Nothing leaves the page: block rule .*CARD_CVV/);
  assert.match(await page.textContent("#reasons"), /Block rule .*CARD_CVV/);
  assert.equal(await page.textContent("#reply-raw"), "");
  await choose("preset", "default");
  assert.deepEqual(session.errors, []);
});

test("keyboard only: tab to the sample picker, change it, reach the outbound payload", async () => {
  const page = session.page;
  await page.goto(`${session.base}/`);
  await settled();
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
  let presses = 0;
  while ((await focused()) !== "sample" && presses++ < 6) await page.keyboard.press("Tab");
  assert.equal(await focused(), "sample");
  await page.keyboard.press("ArrowDown");
  await settled();
  assert.equal(await page.inputValue("#sample"), SAMPLES[1].id);
  assert.equal(await page.inputValue("#input"), SAMPLES[1].text);
  presses = 0;
  while ((await focused()) !== "outbound" && presses++ < 12) await page.keyboard.press("Tab");
  assert.equal(await focused(), "outbound");
  // The focus ring is visible.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none");
  assert.deepEqual(session.errors, []);
});

test("screenshots on a laptop and a phone; no horizontal scrolling on the phone", async () => {
  const page = session.page;
  await page.goto(`${session.base}/`);
  await settled();
  await page.screenshot({ path: `${shots}/desktop.png` });
  if (process.env.SANITAS_SCREENSHOT === "1") {
    mkdirSync(`${root}docs`, { recursive: true });
    await page.screenshot({ path: `${root}docs/sample-page.png`, clip: { x: 0, y: 0, width: 1280, height: 900 } });
  }
  const png = `${root}docs/sample-page.png`;
  assert.ok(existsSync(png) && statSync(png).size < 300_000, "docs/sample-page.png is missing or over 300 KB");
  await page.setViewportSize({ width: 390, height: 844 });
  await settled();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the phone layout scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: `${shots}/phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.deepEqual(session.errors, []);
});

test("no request leaves 127.0.0.1, and the page says so", async () => {
  assert.ok(requests.length >= 5, `${requests.length} requests`);
  const foreign = requests.filter((u) => !u.startsWith(`${session.base}/`) && !u.startsWith("data:"));
  assert.deepEqual(foreign, []);
  assert.equal(await session.page.getAttribute("#network-badge", "data-foreign"), "0");
  assert.match(await session.page.textContent("#network-badge"), /✓ 0 requests beyond 127\.0\.0\.1:\d+/);
});
