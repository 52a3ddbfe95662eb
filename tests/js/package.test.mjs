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

test("the entry guards every export and method, and hides the reset function", async () => {
  const entry = await import("sanitas");
  const raw = await import(new URL("../../pkg/sanitas.js", import.meta.url));
  const GUARDED = Symbol.for("sanitas.failClosed");
  // Every generated export is re-exported by js/index.js (guarded), except the reset function.
  // The entry may also export hand-written JS helpers (built on the guarded API).
  const rawNames = Object.keys(raw).filter((n) => n !== "__wbg_reset_state").sort();
  const missing = rawNames.filter((n) => !(n in entry) || (typeof raw[n] === "function" && entry[n] === raw[n] && n !== "initSync" && n !== "default"));
  assert.deepEqual(missing, [], "js/index.js must export every export of sanitas.js through guardClass/guardFunction");
  for (const name of rawNames) {
    if (["default", "initSync"].includes(name)) continue;
    const value = entry[name];
    if (typeof value !== "function") continue;
    if (value.prototype && Object.getOwnPropertyNames(value.prototype).length > 1) {
      // A class: every method and accessor on its prototype, and every static, is guarded.
      for (const key of Reflect.ownKeys(value.prototype)) {
        if (key === "constructor" || (typeof key === "string" && key.startsWith("__"))) continue;
        const d = Object.getOwnPropertyDescriptor(value.prototype, key);
        for (const fn of [d.value, d.get, d.set].filter(Boolean)) {
          assert.equal(fn[GUARDED], true, `${name}.prototype.${String(key)} is not guarded`);
        }
      }
      for (const key of Object.getOwnPropertyNames(value)) {
        if (typeof value[key] === "function" && !key.startsWith("__")) {
          assert.equal(value[key][GUARDED], true, `${name}.${key} is not guarded`);
        }
      }
      assert.notEqual(value, raw[name], `${name}'s constructor is not guarded`);
    } else {
      assert.equal(value[GUARDED], true, `${name} is not guarded`);
    }
  }
  assert.equal(entry.__wbg_reset_state, undefined);
  // The declarations name exactly the generated exports (plus types), and not the reset.
  const dts = readFileSync(pkgDir + "sanitas.d.ts", "utf8");
  assert.ok(!dts.includes("__wbg_reset_state"));
  const declared = [...dts.matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]);
  assert.deepEqual([...declared, "default"].sort(), rawNames, "sanitas.d.ts and sanitas.js disagree");
});

test("the shipped package has no trap trigger", () => {
  const js = readFileSync(pkgDir + "sanitas.js", "utf8");
  const dts = readFileSync(pkgDir + "sanitas.d.ts", "utf8");
  assert.ok(!/trap/i.test(js) && !/trap/i.test(dts), "trapForTests leaked into pkg/");
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(pkgDir + "sanitas_bg.wasm")));
  assert.ok(exports.length > 5);
  assert.ok(!exports.some((e) => /trap/i.test(e.name)), "a trap export is in the shipped wasm");
  assert.ok(readFileSync(pkgDir + "index.js", "utf8").includes("--experimental-reset-state-function"));
  assert.ok(js.includes("export function __wbg_reset_state"), "built without --experimental-reset-state-function");
});
