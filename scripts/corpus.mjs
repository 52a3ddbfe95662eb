#!/usr/bin/env node
// Scores the built package on the shared labelled corpus with the runner in tests/corpus:
// builds pkg/, then runs the corpus's score.py and writes test-output/corpus/sanitas.md (and .json).
//
//   npm run corpus                        # dev split, text and records
//   npm run corpus -- --limit 200         # extra arguments go to score.py
//   SANITAS_CORPUS=/path/to/corpus npm run corpus
//
// The corpus is looked for in $SANITAS_CORPUS, else in ../shared/corpus next to the repository.
// Without it there is nothing to score and the script says so and exits successfully.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const corpus = process.env.SANITAS_CORPUS ?? join(root, "..", "shared", "corpus");
const score = join(corpus, "score.py");
if (!existsSync(score)) {
  console.log(`no labelled corpus at ${corpus} (set SANITAS_CORPUS); nothing to score`);
  process.exit(0);
}
const out = join(root, "test-output", "corpus");
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });
run(process.execPath, [join(root, "scripts", "build.mjs")]);
run("python3", [score, join(root, "tests", "corpus"), "--out", out, ...process.argv.slice(2)]);
console.log(`\nper-entity figures: ${relative(root, join(out, "sanitas.md"))}`);
