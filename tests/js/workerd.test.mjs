// Sanitizes inside a real workerd (through miniflare), with the Worker bundled by esbuild using
// the "workerd" export condition, as wrangler does.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { bundleWorker } from "./workerd-harness.mjs";

let mf;
let bundle;

before(async () => {
  bundle = await bundleWorker(fileURLToPath(new URL("../workerd/worker.mjs", import.meta.url)), { prefix: "sanitas-workerd-" });
  mf = new Miniflare(bundle.worker());
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
  bundle?.remove();
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
