// Fail closed on real wasm traps inside workerd (miniflare): the instance is replaced with the
// module workerd compiled at load, and the scenario's expectations hold as in Node and Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { assertTrapScenario } from "./trap-assert.mjs";

const trapPkg = fileURLToPath(new URL("../../target/trap-pkg/", import.meta.url));

test("a trap in workerd throws InternalError and the instance is replaced", async () => {
  assert.ok(existsSync(trapPkg + "workerd.js"), "build it first: node scripts/build.mjs --trap-test");
  const dir = mkdtempSync(join(tmpdir(), "sanitas-workerd-trap-"));
  let mf;
  try {
    await build({
      entryPoints: [fileURLToPath(new URL("../workerd/trap-worker.mjs", import.meta.url))],
      bundle: true,
      format: "esm",
      platform: "neutral",
      conditions: ["workerd", "worker", "browser"],
      external: ["*.wasm"],
      outfile: join(dir, "worker.js"),
      logLevel: "error",
    });
    copyFileSync(trapPkg + "sanitas_bg.wasm", join(dir, "sanitas_bg.wasm"));
    mf = new Miniflare({
      scriptPath: join(dir, "worker.js"),
      modulesRoot: dir,
      modules: true,
      modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
      compatibilityDate: "2025-01-01",
    });
    const res = await mf.dispatchFetch("http://localhost/");
    assert.equal(res.status, 200);
    assertTrapScenario(await res.json());
  } finally {
    await mf?.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
