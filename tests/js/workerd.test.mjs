// Sanitizes inside a real workerd (through miniflare), with the Worker bundled by esbuild using
// the "workerd" export condition, as wrangler does.
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
  dir = mkdtempSync(join(tmpdir(), "sanitas-workerd-"));
  await build({
    entryPoints: [fileURLToPath(new URL("../workerd/worker.mjs", import.meta.url))],
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

async function post(body) {
  const res = await mf.dispatchFetch("http://localhost/", { method: "POST", body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

test("sanitizes and re-identifies inside workerd", async () => {
  const input = "Card 4111 1111 1111 1111, mail ana@example.org, IBAN DE89 3704 0044 0532 0130 00, SSN 123-45-6789.";
  const { status, json } = await post({ input });
  assert.equal(status, 200);
  for (const v of ["4111 1111 1111 1111", "ana@example.org", "DE89 3704", "123-45-6789"]) {
    assert.ok(!json.output.includes(v), `${v} leaked`);
  }
  assert.equal(json.report.total, 4);
  assert.equal(json.restored, input);
});

test("records and typed errors inside workerd", async () => {
  const { json } = await post({ input: { email: "a@b.co", n: 1 } });
  assert.match(json.output.email, /^EMAIL_/);
  assert.equal(json.output.n, 1);
  const bad = await post({ input: "x", policy: "no-such-preset" });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.json.error, { name: "PolicyError", code: "UNKNOWN_PRESET", path: "preset", isError: true });
});
