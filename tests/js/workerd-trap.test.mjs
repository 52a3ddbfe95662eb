// Fail closed on real wasm traps inside workerd (miniflare): the instance is replaced with the
// module workerd compiled at load, and the scenario's expectations hold as in Node and Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { bundleWorker } from "./workerd-harness.mjs";
import { assertTrapScenario } from "./trap-assert.mjs";

const trapPkg = fileURLToPath(new URL("../../target/trap-pkg/", import.meta.url));

test("a trap in workerd throws InternalError and the instance is replaced", async () => {
  assert.ok(existsSync(trapPkg + "workerd.js"), "build it first: node scripts/build.mjs --trap-test");
  const bundle = await bundleWorker(fileURLToPath(new URL("../workerd/trap-worker.mjs", import.meta.url)), {
    wasm: trapPkg + "sanitas_bg.wasm",
    prefix: "sanitas-workerd-trap-",
  });
  let mf;
  try {
    mf = new Miniflare(bundle.worker());
    const res = await mf.dispatchFetch("http://localhost/");
    assert.equal(res.status, 200);
    assertTrapScenario(await res.json());
  } finally {
    await mf?.dispose();
    bundle.remove();
  }
});
