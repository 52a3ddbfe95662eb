// The npm package's shape: every file an export points to is shipped, and the TypeScript
// declarations describe the API the tests use.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const pkgDir = fileURLToPath(new URL("../../pkg/", import.meta.url));
const manifest = JSON.parse(readFileSync(pkgDir + "package.json", "utf8"));

test("npm pack ships every file the exports name", () => {
  const [packed] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: pkgDir, encoding: "utf8" }));
  const files = new Set(packed.files.map((f) => f.path));
  const targets = [manifest.types, manifest.main, ...Object.values(manifest.exports["."]), manifest.exports["./sanitas_bg.wasm"]];
  for (const t of targets) assert.ok(files.has(t.replace(/^\.\//, "")), `${t} is not packed`);
  assert.equal(manifest.name, "sanitas");
  assert.equal(manifest.type, "module");
  assert.deepEqual(Object.keys(manifest.exports["."]), ["types", "workerd", "node", "default"]);
});

test("TypeScript declarations type the contract", () => {
  const dts = readFileSync(pkgDir + "sanitas.d.ts", "utf8");
  for (const line of [
    "constructor(policy?: Policy | PresetName | null);",
    "scan(text: string): Finding[];",
    "sanitize(input: string | JsonValue): SanitizeResult;",
    "reidentify(text: string): string;",
    "free(): void;",
    "export interface Finding { entity: EntityName; start: number; end: number; score: number }",
  ]) {
    assert.ok(dts.includes(line), `missing: ${line}`);
  }
});
