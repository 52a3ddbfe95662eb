// `npm start`'s server: serves the page and the package, with the wasm content type, and
// nothing outside www/ and pkg/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../../scripts/serve.mjs";

let server;
let base;
before(async () => {
  server = await startServer(0);
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server?.close());

test("serves the page, its script and the package", async () => {
  const page = await fetch(`${base}/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<textarea id="input"/);
  const wasm = await fetch(`${base}/pkg/sanitas_bg.wasm`);
  assert.equal(wasm.headers.get("content-type"), "application/wasm");
  assert.equal((await fetch(`${base}/app.js`)).status, 200);
  assert.equal((await fetch(`${base}/pkg/index.js`)).status, 200);
});

test("refuses paths outside www/ and pkg/", async () => {
  for (const p of ["/../Cargo.toml", "/pkg/../Cargo.toml", "/%2e%2e/Cargo.toml"]) {
    assert.equal((await fetch(`${base}${p}`)).status, 404, p);
  }
});
