#!/usr/bin/env node
// The `sanitas` command: sanitizes or classifies JSON / JSONL files or standard input.
import { createReadStream, createWriteStream, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { JsonlStream, presetNames, presetPolicy, Sanitizer, version } from "./node.js";

// The command cannot re-identify, so the vault a Sanitizer keeps for that is dead weight: a
// fresh Sanitizer with the same key takes over every RENEW_EVERY records, which keeps memory
// bounded while tokens stay the same (they are keyed HMACs of the values).
// (SANITAS_RENEW_EVERY overrides it, for tests.)
const RENEW_EVERY = Number(process.env.SANITAS_RENEW_EVERY) || 20000;

const USAGE = `Usage: sanitas [sanitize|classify] [options] [FILE ...]

Sanitizes (default) or classifies JSON records from FILEs, or from standard input when no FILE
(or "-") is given. Nothing in the output, the report or an error message holds an input value.

Options:
  -p, --preset NAME    ${presetNames().join(", ")} (default: default)
      --policy FILE    a policy JSON file instead of a preset
      --format FORMAT  jsonl (one record per line) or json (one document); default: json for
                       *.json files, jsonl otherwise
  -o, --output FILE    write the output to FILE, only if every record succeeds (default: stdout)
  -r, --report FILE    write the audit report (a summary for JSONL) as JSON to FILE
  -q, --quiet          no progress bar (it is only drawn when stderr is a terminal)
  -h, --help           show this help
  -V, --version        show the version

Tokens are keyed by the policy's "key"; without one each run draws a random key, so tokens
from different runs do not match.

Exit status: 0 done; 1 bad input (the message names the file and line, never its content);
2 bad usage or policy; 3 done, but some record was blocked by the policy (no output for it).`;

class UsageError extends Error {}

function parseArgs(argv) {
  const opts = { command: "sanitize", files: [], preset: undefined, policy: undefined, format: undefined };
  const args = [...argv];
  if (args[0] === "sanitize" || args[0] === "classify") opts.command = args.shift();
  const value = (flag) => {
    const v = args.shift();
    if (v === undefined || (v.startsWith("-") && v !== "-")) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  while (args.length) {
    const a = args.shift();
    if (a === "--") {
      opts.files.push(...args.splice(0));
    } else if (a === "-h" || a === "--help") opts.help = true;
    else if (a === "-V" || a === "--version") opts.version = true;
    else if (a === "-q" || a === "--quiet") opts.quiet = true;
    else if (a === "-p" || a === "--preset") opts.preset = value(a);
    else if (a === "--policy") opts.policy = value(a);
    else if (a === "--format") opts.format = value(a);
    else if (a === "-o" || a === "--output") opts.output = value(a);
    else if (a === "-r" || a === "--report") opts.report = value(a);
    else if (a.startsWith("-") && a !== "-") throw new UsageError(`unknown option ${a}`);
    else opts.files.push(a);
  }
  if (opts.preset && opts.policy) throw new UsageError("give --preset or --policy, not both");
  if (opts.format && opts.format !== "json" && opts.format !== "jsonl") {
    throw new UsageError("--format must be json or jsonl");
  }
  if (opts.files.length === 0) opts.files.push("-");
  return opts;
}

/** The policy object, with a random key for this run when it has none (see RENEW_EVERY). */
function loadPolicy(opts) {
  const policy = readPolicy(opts);
  if (policy && typeof policy === "object" && !Array.isArray(policy) && policy.key === undefined) {
    return { ...policy, key: randomBytes(32).toString("hex") };
  }
  return policy;
}

function readPolicy(opts) {
  if (opts.policy) {
    let text;
    try {
      text = readFileSync(opts.policy, "utf8");
    } catch (e) {
      throw new UsageError(`cannot read the policy file ${opts.policy} (${e.code ?? e.message})`);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new UsageError(`the policy file ${opts.policy} is not valid JSON`);
    }
  }
  try {
    return presetPolicy(opts.preset ?? "default");
  } catch (e) {
    throw new UsageError(`${e.message}`);
  }
}

/** A progress bar on stderr, drawn only on a terminal, at most every 100 ms. */
class Progress {
  constructor(enabled, total) {
    this.enabled = enabled;
    this.total = total;
    this.last = 0;
    this.start = Date.now();
  }
  update(p, force = false) {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const mb = (n) => (n / 1e6).toFixed(1);
    const rate = p.bytesIn / 1e6 / Math.max((now - this.start) / 1000, 0.001);
    let bar = "";
    if (this.total > 0) {
      const frac = Math.min(p.bytesIn / this.total, 1);
      const width = 24;
      const full = Math.round(frac * width);
      bar = `[${"#".repeat(full)}${"-".repeat(width - full)}] ${(frac * 100).toFixed(0).padStart(3)}% `;
    }
    const total = this.total > 0 ? `/${mb(this.total)}` : "";
    const blocked = p.blocked ? `, ${p.blocked} blocked` : "";
    process.stderr.write(`\r${bar}${mb(p.bytesIn)}${total} MB, ${p.lines} lines${blocked}, ${rate.toFixed(1)} MB/s \x1b[K`);
  }
  done() {
    if (this.enabled) process.stderr.write("\r\x1b[K");
  }
}

function describe(file) {
  return file === "-" ? "<stdin>" : file;
}

/** Where the output goes: stdout, or a temporary file renamed into place on success. */
function openOutput(path) {
  if (!path) return { stream: process.stdout, commit() {}, abort() {} };
  const tmp = `${path}.${process.pid}.tmp`;
  const stream = createWriteStream(tmp);
  return {
    stream,
    async commit() {
      stream.end();
      await once(stream, "finish");
      renameSync(tmp, path);
    },
    abort() {
      stream.destroy();
      rmSync(tmp, { force: true });
    },
  };
}

async function write(stream, text) {
  if (text && !stream.write(text)) await once(stream, "drain");
}

async function readAll(file, limit) {
  const input = file === "-" ? process.stdin : createReadStream(file);
  const chunks = [];
  let size = 0;
  for await (const chunk of input) {
    size += chunk.length;
    if (size > limit) throw Object.assign(new Error(`the input exceeds ${limit} bytes; use --format jsonl`), { name: "LimitError" });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function runJsonl(holder, opts, out, file, progress) {
  const stream = new JsonlStream({ mode: opts.command });
  try {
    const input = file === "-" ? process.stdin : createReadStream(file, { highWaterMark: 1 << 16 });
    let renewAt = RENEW_EVERY;
    for await (const chunk of input) {
      await write(out, stream.push(holder.sanitizer, chunk));
      const p = stream.progress;
      progress.update(p);
      if (p.records >= renewAt) {
        holder.renew();
        renewAt = p.records + RENEW_EVERY;
      }
    }
    await write(out, stream.finish(holder.sanitizer));
    progress.update(stream.progress, true);
    return stream.summary();
  } finally {
    stream.free();
  }
}

async function runJson({ sanitizer }, opts, out, file) {
  const text = await readAll(file, 256 << 20);
  if (opts.command === "classify") {
    const c = sanitizer.classifyJson(text);
    await write(out, JSON.stringify(c) + "\n");
    return c;
  }
  const { output, report } = sanitizer.sanitizeJson(text);
  await write(out, output + "\n");
  return report;
}

async function main(argv) {
  const opts = parseArgs(argv);
  if (opts.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (opts.version) {
    process.stdout.write(`sanitas ${version()}\n`);
    return 0;
  }
  const policy = loadPolicy(opts);
  const holder = {
    sanitizer: null,
    renew() {
      this.sanitizer?.free();
      this.sanitizer = new Sanitizer(policy);
    },
  };
  try {
    holder.renew();
  } catch (e) {
    throw new UsageError(`${opts.policy ?? "preset"}: ${e.message}`);
  }
  const formatOf = (f) => opts.format ?? (f.toLowerCase().endsWith(".json") ? "json" : "jsonl");
  if (opts.files.some((f) => formatOf(f) === "json") && opts.files.length > 1) {
    throw new UsageError("--format json takes one input");
  }
  let total = 0;
  for (const f of opts.files) {
    if (f !== "-") {
      try {
        total += statSync(f).size;
      } catch (e) {
        throw new UsageError(`cannot read ${f} (${e.code ?? e.message})`);
      }
    }
  }
  const progress = new Progress(Boolean(process.stderr.isTTY) && !opts.quiet, opts.files.includes("-") ? 0 : total);
  const output = openOutput(opts.output);
  const reports = {};
  let blocked = 0;
  let current = opts.files[0];
  try {
    for (const file of opts.files) {
      current = file;
      if (formatOf(file) === "json") {
        try {
          reports[describe(file)] = await runJson(holder, opts, output.stream, file);
        } catch (e) {
          if (e.name !== "BlockedError") throw e;
          blocked += 1;
          reports[describe(file)] = { decision: "block", blockedBy: { pointer: e.path, rule: e.message } };
          process.stderr.write(`sanitas: ${describe(file)}: blocked by the policy (${e.message}); nothing written for it\n`);
        }
      } else {
        const summary = await runJsonl(holder, opts, output.stream, file, progress);
        reports[describe(file)] = summary;
        if (summary.blocked > 0) {
          blocked += summary.blocked;
          const lines = summary.blockedAt.slice(0, 10).join(", ");
          process.stderr.write(`sanitas: ${describe(file)}: ${summary.blocked} record(s) blocked by the policy, not written (line ${lines}${summary.blocked > 10 ? ", ..." : ""})\n`);
        }
      }
    }
    progress.done();
    await output.commit();
  } catch (e) {
    progress.done();
    output.abort();
    e.file = describe(current);
    throw e;
  } finally {
    holder.sanitizer?.free();
  }
  if (opts.report) {
    const files = Object.keys(reports);
    const report = files.length === 1 ? reports[files[0]] : { files: reports };
    writeFileSync(opts.report, JSON.stringify(report, null, 2) + "\n");
  }
  return blocked > 0 ? 3 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    if (e instanceof UsageError) {
      process.stderr.write(`sanitas: ${e.message}\nTry 'sanitas --help'.\n`);
      process.exitCode = 2;
      return;
    }
    // sanitas errors carry a path and a message free of input values; anything else (an I/O
    // error) is described by its code only.
    const known = ["PolicyError", "KeyError", "InputError", "LimitError", "BlockedError", "InternalError"];
    const what = known.includes(e.name) ? e.message : `${e.code ?? e.name ?? "error"}`;
    process.stderr.write(`sanitas: ${e.file ? `${e.file}: ` : ""}${what}\n`);
    process.exitCode = e.name === "PolicyError" || e.name === "KeyError" ? 2 : 1;
  },
);
