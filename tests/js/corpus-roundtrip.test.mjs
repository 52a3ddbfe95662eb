// The dev split of ../shared/corpus round-trips exactly (tokens, surrogates, date shift), and a
// sample of it streams exactly at every split. Skipped when the corpus is absent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("../corpus/roundtrip.mjs", import.meta.url));
const corpus = process.env.SANITAS_CORPUS ?? fileURLToPath(new URL("../../../shared/corpus", import.meta.url));

test("corpus dev split: reidentify(sanitize(x)) === x", { skip: !existsSync(corpus) && "no ../shared/corpus" }, (t) => {
  const out = execFileSync(process.execPath, [script, "--stream-sample", "10"], {
    encoding: "utf8",
    env: { ...process.env, SANITAS_CORPUS: corpus },
  });
  for (const line of out.trim().split("\n")) t.diagnostic(line);
  assert.match(out, /roundtrip: all exact/);
  assert.doesNotMatch(out, /MISMATCH/);
});
