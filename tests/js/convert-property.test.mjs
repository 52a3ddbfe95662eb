// The differential property test of JS → JSON conversion (convert-property.mjs) in Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as sanitas from "sanitas";
import { runConvertProperty } from "./convert-property.mjs";

test("random JS values: the first offending item's path, or the model's shape round-tripped", () => {
  const r = runConvertProperty(sanitas, 3000);
  assert.deepEqual(r.failures, []);
  // Both branches are exercised substantially.
  assert.ok(r.errors > 250 && r.ok > 250, JSON.stringify(r));
});
