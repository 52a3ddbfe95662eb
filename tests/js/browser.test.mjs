// The bad-input table and the trap scenario in headless Chromium (Debian's, through
// playwright-core; see tests/browser.mjs), on the built pkg/ and target/trap-pkg/ served from
// 127.0.0.1: the same modules, the same expectations as in Node.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromiumAvailable, openPage } from "../browser.mjs";
import { assertTrapScenario } from "./trap-assert.mjs";

let session;
before(async () => {
  assert.ok(chromiumAvailable(), "Chromium is missing: run scripts/setup.sh --browser");
  session = await openPage({ mounts: { "/tests/": "tests", "/trap-pkg/": "target/trap-pkg" } });
  await session.page.goto(`${session.base}/tests/js/blank.html`);
});
after(() => session?.close());

test("the bad-input table passes in Chromium", async () => {
  const results = await session.page.evaluate(async () => {
    const sanitas = await import("/pkg/index.js");
    await sanitas.default();
    const { runTable } = await import("/tests/js/bad-input-table.mjs");
    return runTable(sanitas);
  });
  assert.ok(results.length >= 300, `${results.length} results`);
  const failures = results.filter((r) => r.problems.length || JSON.stringify(r.got) !== JSON.stringify(r.expected));
  assert.deepEqual(failures, []);
  assert.deepEqual(session.errors, []);
});

test("random JS values convert as the model says, in Chromium", async () => {
  const r = await session.page.evaluate(async () => {
    const sanitas = await import("/pkg/index.js");
    await sanitas.default();
    const { runConvertProperty } = await import("/tests/js/convert-property.mjs");
    return runConvertProperty(sanitas, 3000);
  });
  assert.deepEqual(r.failures, []);
  assert.ok(r.errors > 250 && r.ok > 250, JSON.stringify(r));
});

test("a trap in Chromium throws InternalError and the instance is replaced", async () => {
  const out = await session.page.evaluate(async () => {
    const m = await import("/trap-pkg/index.js");
    await m.default();
    const { runTrapScenario } = await import("/tests/js/trap-scenario.mjs");
    return runTrapScenario(m);
  });
  assertTrapScenario(out);
});
