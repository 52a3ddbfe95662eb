// The bad-input table (bad-input-table.mjs) against the built package in Node: every row, for
// every method, gives exactly the expected Error (name, code, path) or the expected result, no
// message or output holds a planted value, and the same Sanitizer keeps working afterwards.
// browser.test.mjs runs the same table in headless Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as sanitas from "sanitas";
import { METHODS, ROWS, POLICY_ROWS, runTable } from "./bad-input-table.mjs";

const results = runTable(sanitas);

test("the table covers at least 40 failing inputs for every method", () => {
  for (const method of Object.keys(METHODS)) {
    const failing = results.filter((r) => r.method === method && r.expected !== "ok");
    assert.ok(failing.length >= 40, `${method}: only ${failing.length} failing inputs`);
  }
  assert.ok(ROWS.length + POLICY_ROWS.length >= 100);
});

for (const r of results) {
  test(`${r.method}(${r.label})`, () => {
    assert.deepEqual(r.got, r.expected);
    assert.deepEqual(r.problems, []);
  });
}
