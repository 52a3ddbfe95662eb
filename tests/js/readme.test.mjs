// Runs the README's JavaScript example exactly as written (its Rust example is a doctest).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

test("the README's JS example runs and its assertions hold", () => {
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length >= 1, "README has a js example");
  const file = fileURLToPath(new URL("./readme-example.tmp.mjs", import.meta.url));
  writeFileSync(file, blocks.join("\n"));
  try {
    const out = execFileSync(process.execPath, [file], { encoding: "utf8" });
    assert.match(out, /EMAIL_[0-9A-Z]{10}/);
  } finally {
    rmSync(file, { force: true });
  }
});
