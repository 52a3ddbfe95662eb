// ReidentifyStream inside a real workerd (through miniflare), bundled with the "workerd" export
// condition as wrangler does: a streamed answer is re-identified on the way back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";

let mf;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "sanitas-workerd-stream-"));
  await build({
    entryPoints: [fileURLToPath(new URL("../workerd/stream-worker.mjs", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    external: ["*.wasm"],
    outfile: join(dir, "worker.js"),
    logLevel: "error",
  });
  copyFileSync(fileURLToPath(new URL("../../pkg/sanitas_bg.wasm", import.meta.url)), join(dir, "sanitas_bg.wasm"));
  mf = new Miniflare({
    scriptPath: join(dir, "worker.js"),
    modulesRoot: dir,
    modules: true,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2025-01-01",
  });
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("a streamed answer is re-identified inside workerd", async () => {
  const input = "Écrivez à ana@example.org ou appelez le (212) 555-0188 — carte 4111 1111 1111 1111.";
  for (const chunk of [1, 3, 7, 64]) {
    const res = await mf.dispatchFetch("http://localhost/", { method: "POST", body: JSON.stringify({ input, chunk }) });
    const sanitized = decodeURIComponent(res.headers.get("x-sanitized"));
    assert.ok(!sanitized.includes("ana@example.org") && !sanitized.includes("4111 1111 1111 1111"), sanitized);
    assert.equal(await res.text(), `You wrote: ${input}`, `chunks of ${chunk} bytes`);
  }
});
