// Fail closed on real wasm traps in Node: the trap-test build (see trap-scenario.mjs) is
// imported directly; the shipped package has no trap trigger (package.test.mjs checks).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runTrapScenario } from "./trap-scenario.mjs";
import { assertTrapScenario } from "./trap-assert.mjs";

const entry = new URL("../../target/trap-pkg/node.js", import.meta.url);

test("a trap throws InternalError, replaces the instance, and stale objects refuse to work", async () => {
  assert.ok(existsSync(fileURLToPath(entry)), "build it first: node scripts/build.mjs --trap-test");
  const m = await import(entry);
  assertTrapScenario(runTrapScenario(m));
});
