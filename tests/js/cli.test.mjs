// The `sanitas` command of the built package, spawned as a user would run it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = fileURLToPath(new URL("../../pkg/", import.meta.url));
const cli = join(pkgDir, "cli.js");
const dir = mkdtempSync(join(tmpdir(), "sanitas-cli-"));
const file = (name, content) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: "utf8" });

const JSONL = [
  '{"patient":{"firstName":"Ingrid","dob":"1931-02-03","zip":"05901","age":92},"charge":1234.0}',
  '{"ssn":521449012,"note":"call (212) 555-0188"}',
].join("\n");

test("the package declares the bin and ships it executable", () => {
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  assert.deepEqual(manifest.bin, { sanitas: "./cli.js" });
  assert.ok(manifest.files.includes("cli.js"));
  assert.ok(readFileSync(cli, "utf8").startsWith("#!/usr/bin/env node\n"));
  const r = run(["--version"]);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^sanitas \d+\.\d+\.\d+\n$/);
  assert.match(run(["--help"]).stdout, /Usage: sanitas \[sanitize\|classify\]/);
});

test("sanitizes JSONL from stdin with the default policy; numbers keep their spelling", () => {
  const r = run([], JSONL);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, "", "no progress bar when stderr is not a terminal");
  const lines = r.stdout.trimEnd().split("\n");
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^\{"patient":\{"firstName":"PERSON_\w+","dob":"DATE_\w+","zip":"ZIP_\w+","age":"AGE_OVER_89_\w+"\},"charge":1234\.0\}$/);
  assert.match(lines[1], /^\{"ssn":"SSN_\w+","note":"call PHONE_\w+"\}$/);
});

test("tokens stay the same across the fresh Sanitizers that keep the command's memory bounded", () => {
  const lines = Array.from({ length: 7 }, (_, i) => `{"i":${i},"email":"same@example.com"}`).join("\n");
  const r = spawnSync(process.execPath, [cli], { input: lines, encoding: "utf8", env: { ...process.env, SANITAS_RENEW_EVERY: "2" } });
  assert.equal(r.status, 0, r.stderr);
  const tokens = new Set(r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l).email));
  assert.equal(tokens.size, 1);
  assert.match([...tokens][0], /^EMAIL_/);
});

test("a preset, a file, an output file and an audit report", () => {
  const input = file("in.jsonl", JSONL + "\n");
  const out = join(dir, "out.jsonl");
  const report = join(dir, "report.json");
  const r = run(["sanitize", "--preset", "hipaa-safe-harbor", input, "-o", out, "--report", report]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "");
  const [first, second] = readFileSync(out, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(first.patient, { firstName: "[PERSON]", dob: first.patient.dob, zip: "000", age: "90+" });
  assert.match(first.patient.dob, /^<=\d{4}$/, "a 1931 birth year joins the 90+ category");
  assert.equal(second.ssn, "[SSN]");
  const summary = JSON.parse(readFileSync(report, "utf8"));
  assert.deepEqual([summary.records, summary.transformed, summary.blocked], [2, 2, 0]);
  assert.deepEqual(summary.entities.ZIP, { generalize: 1 });
  assert.match(summary.policy, /^sha256:[0-9a-f]{64}$/);
  const text = readFileSync(report, "utf8");
  for (const value of ["Ingrid", "1931-02-03", "05901", "521449012", "555-0188"]) assert.ok(!text.includes(value), value);
});

test("JSON documents and classification", () => {
  const doc = file("claim.json", JSON.stringify({ member_id: "XK-20931", amount: 10.5, npi: "1942301156" }, null, 2));
  const r = run(["--preset", "strict", doc]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '{"member_id":"[HEALTH_PLAN_ID]","amount":10.5,"npi":"[NPI]"}\n');
  const c = run(["classify", doc]);
  assert.equal(c.status, 0, c.stderr);
  const classification = JSON.parse(c.stdout);
  assert.deepEqual([classification.decision, classification.level], ["transform", "restricted"]);
  assert.ok(classification.categories.includes("PHI"));
  const lines = run(["classify", "--format", "jsonl"], JSONL).stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.level), ["confidential", "restricted"]);
});

test("bad input: a clear message with the line number, never the content, and a non-zero exit", () => {
  const out = join(dir, "never.jsonl");
  const r = run(["-o", out], '{"ok":1}\n{"ok":2}\n{"ssn": "219-09-9999"\n{"ok":4}\n');
  assert.equal(r.status, 1);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, "sanitas: <stdin>: line 3: unexpected end of JSON at column 21\n");
  assert.ok(!existsSync(out), "nothing is written when a record fails");
  const binary = run([file("bad.jsonl", Buffer.from([0x7b, 0x7d, 0x0a, 0xff, 0x0a]))]);
  assert.equal(binary.status, 1);
  assert.match(binary.stderr, /bad\.jsonl: line 2: not valid UTF-8\n$/);
  const missing = run([join(dir, "nope.jsonl")]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read .*nope\.jsonl \(ENOENT\)/);
});

test("policy files: errors name the path inside the policy; blocked records exit 3", () => {
  const bad = file("bad-policy.json", JSON.stringify({ fields: [{ path: "/a", action: "keep" }, { path: "/b", action: "shred" }] }));
  const r = run(["--policy", bad], "{}\n");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /policy\.fields\[1\]\.action: unknown variant `shred`/);
  const blocking = file("block.json", JSON.stringify({ block: [{ entity: "CARD_CVV" }] }));
  const b = run(["--policy", blocking], '{"a":1}\n{"cvv":"123"}\n{"b":2}\n');
  assert.equal(b.status, 3);
  assert.equal(b.stdout, '{"a":1}\n{"b":2}\n');
  assert.match(b.stderr, /1 record\(s\) blocked by the policy, not written \(line 2\)/);
  assert.ok(!b.stderr.includes("123"));
  assert.equal(run(["--frobnicate"]).status, 2);
  assert.equal(run(["--preset", "default", "--policy", blocking]).status, 2);
});

test("the progress bar is drawn on a terminal only", { skip: !existsSync("/usr/bin/script") && "no script(1)" }, () => {
  const input = file("many.jsonl", Array.from({ length: 2000 }, (_, i) => `{"i":${i},"email":"u${i}@example.com"}`).join("\n"));
  const r = spawnSync("/usr/bin/script", ["-qec", `${process.execPath} ${cli} ${input} -o ${join(dir, "many.out")}`, "/dev/null"], {
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /\[#+-*\]\s+\d+% [\d.]+\/[\d.]+ MB, \d+ lines/);
  assert.ok(!r.stdout.includes("@example.com"));
});
