#!/usr/bin/env node
// Builds pkg/: the release wasm, wasm-bindgen's `web` bindings, the hand-written entries from
// js/ and a package.json whose `exports` pick the right entry for each runtime. Then links
// node_modules/sanitas to pkg/ so tests import the package by its name, as users do.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });

run("cargo", ["build", "--lib", "--release", "--target", "wasm32-unknown-unknown"]);
rmSync(pkg, { recursive: true, force: true });
run("wasm-bindgen", [
  "--target", "web",
  "--out-dir", pkg,
  "--out-name", "sanitas",
  "--remove-name-section",
  join(root, "target/wasm32-unknown-unknown/release/sanitas.wasm"),
]);
for (const f of readdirSync(join(root, "js"))) copyFileSync(join(root, "js", f), join(pkg, f));

const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const field = (name) => cargo.match(new RegExp(`^${name} = "(.*)"`, "m"))?.[1];
const manifest = {
  name: "sanitas",
  version: field("version"),
  description: field("description"),
  license: field("license"),
  type: "module",
  main: "./node.js",
  module: "./index.js",
  types: "./index.d.ts",
  // The `sanitas` command (js/cli.js): sanitizes or classifies JSON and JSONL files.
  bin: { sanitas: "./cli.js" },
  exports: {
    ".": {
      types: "./index.d.ts",
      workerd: "./workerd.js",
      node: "./node.js",
      default: "./index.js",
    },
    "./sanitas_bg.wasm": "./sanitas_bg.wasm",
    "./package.json": "./package.json",
  },
  files: readdirSync(pkg).filter((f) => f !== "package.json" && f !== ".gitignore").sort(),
  sideEffects: ["./node.js", "./workerd.js", "./cli.js"],
  engines: { node: ">=20" },
};
writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
chmodSync(join(pkg, "cli.js"), 0o755);
rmSync(join(pkg, ".gitignore"), { force: true });

const link = join(root, "node_modules", "sanitas");
mkdirSync(dirname(link), { recursive: true });
try {
  lstatSync(link);
  rmSync(link, { recursive: true, force: true });
} catch {}
symlinkSync("../pkg", link, "dir");
console.log(`built ${pkg} (${manifest.files.join(", ")})`);
