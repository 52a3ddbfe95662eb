// Pseudonyms through the built package, imported by name: keys, tokens that survive what a model
// does to them, surrogates, JSON types, the vault, and streaming re-identification.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Sanitizer, ReidentifyStream } from "sanitas";

const KEY_HEX = "5f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddee0f1";
const KEY_BYTES = Uint8Array.from(KEY_HEX.match(/../g), (h) => parseInt(h, 16));
const TEXT =
  "Reach ana.lima@example.org or (212) 555-0188, SSN 123-45-6789, card 4111 1111 1111 1111, " +
  "IBAN GB82 WEST 1234 5698 7654 32. Also 212-555-0188 and ANA.LIMA@EXAMPLE.ORG.";
const PLANTED = ["ana.lima@example.org", "555-0188", "123-45-6789", "4111 1111 1111 1111", "GB82 WEST"];
const tokensIn = (s) => s.match(/[A-Z][A-Z_]*_[0-9A-HJKMNP-TV-Z]{10,}(?:_[0-9A-HJKMNP-TV-Z]{2,})?/g) ?? [];

test("keys: bytes and the same hex give the same tokens; a passphrase key is stable; none leaks", () => {
  const a = new Sanitizer({ key: KEY_BYTES }).sanitize(TEXT).output;
  const b = new Sanitizer({ key: KEY_HEX }).sanitize(TEXT).output;
  assert.equal(a, b);
  assert.equal(new Sanitizer({ key: KEY_BYTES.buffer.slice(0) }).sanitize(TEXT).output, a);
  const pass = { passphrase: "correct horse battery staple", salt: "sanitas-js-test-salt", iterations: 100000 };
  const p1 = new Sanitizer({ key: pass }).sanitize(TEXT).output;
  const p2 = new Sanitizer({ key: { ...pass } }).sanitize(TEXT).output;
  assert.equal(p1, p2);
  assert.notEqual(p1, a);
  // Errors about keys never echo them.
  for (const key of [KEY_BYTES.slice(0, 8), "zz" + KEY_HEX, { passphrase: "hunter2-secret", salt: "short" }]) {
    assert.throws(
      () => new Sanitizer({ key }),
      (e) => e instanceof Error && e.name === "KeyError" && !e.message.includes("hunter2") && !e.message.includes(KEY_HEX),
    );
  }
  // The key's bytes (raw or hex) appear in no output, report, export or error.
  const s = new Sanitizer({ key: KEY_BYTES, limits: { maxVaultEntries: 8 } });
  let seen = JSON.stringify(s.sanitize(TEXT)) + JSON.stringify(s.sanitize({ note: TEXT })) + JSON.stringify(s.exportVault());
  try {
    s.sanitize("x1@example.net x2@example.net x3@example.net x4@example.net");
  } catch (e) {
    seen += `${e.name} ${e.code} ${e.path} ${e.message}`;
  }
  const hex = KEY_HEX.toLowerCase();
  assert.ok(!seen.toLowerCase().includes(hex) && !seen.includes(String.fromCharCode(...KEY_BYTES)));
});

test("one subject, one token body; every spelling comes back exactly", () => {
  const s = new Sanitizer({ key: KEY_HEX });
  const { output } = s.sanitize(TEXT);
  for (const v of PLANTED) assert.ok(!output.includes(v), `${v} leaked: ${output}`);
  const phones = output.match(/PHONE_\w+/g);
  assert.equal(phones.length, 2);
  assert.ok(phones[1].startsWith(phones[0] + "_"), "the second spelling is the first token plus a mark");
  assert.equal(s.reidentify(output), TEXT);
});

test("tokens survive what models do to them", () => {
  const s = new Sanitizer({ key: KEY_HEX });
  const { output } = s.sanitize("Mail ana.lima@example.org about card 4111 1111 1111 1111.");
  const [email, card] = tokensIn(output);
  const forms = [
    [`"${email}"`, `"ana.lima@example.org"`],
    [`'${email}'`, `'ana.lima@example.org'`],
    [`“${email}”`, `“ana.lima@example.org”`],
    [`${email}.`, `ana.lima@example.org.`],
    [`${email}, ${card}!`, `ana.lima@example.org, 4111 1111 1111 1111!`],
    [`${email}'s inbox`, `ana.lima@example.org's inbox`],
    [`${email}s`, `ana.lima@example.orgs`],
    [`**${email}**`, `**ana.lima@example.org**`],
    [`_${email}_`, `_ana.lima@example.org_`],
    [`\`${email}\``, `\`ana.lima@example.org\``],
    [`- ${email}\n- ${card}`, `- ana.lima@example.org\n- 4111 1111 1111 1111`],
    [`| ${email} | ${card} |`, `| ana.lima@example.org | 4111 1111 1111 1111 |`],
    [`[${email}](mailto:${email})`, `[ana.lima@example.org](mailto:ana.lima@example.org)`],
    [`${email.replaceAll("_", "\\_")}`, `ana.lima@example.org`],
    [`(${email})`, `(ana.lima@example.org)`],
    [`<${email}>`, `<ana.lima@example.org>`],
  ];
  for (const [answer, want] of forms) assert.equal(s.reidentify(answer), want, answer);
  // In JSON: strings keep their JSON escaping because re-identification runs on parsed leaves.
  const json = JSON.parse(JSON.stringify({ to: email, text: `Card ${card} "x"` }));
  assert.deepEqual(s.reidentifyJson(json), { to: "ana.lima@example.org", text: 'Card 4111 1111 1111 1111 "x"' });
  // Tokens it did not issue, or wrongly cased, stay as they are.
  assert.equal(s.reidentify("EMAIL_0000000000 and " + email.toLowerCase()), "EMAIL_0000000000 and " + email.toLowerCase());
});

test("reidentifyJson restores numbers that were pseudonymized", () => {
  const s = new Sanitizer({ key: KEY_HEX });
  const record = { card: 4111111111111111, cardText: "4111111111111111", amount: 12.5, nested: [{ phone: 2125550188 }] };
  const { output } = s.sanitize(record);
  assert.equal(typeof output.card, "string");
  assert.equal(output.amount, 12.5);
  assert.deepEqual(s.reidentifyJson(output), record);
});

test("surrogates read naturally and come back", () => {
  const s = new Sanitizer({ key: KEY_HEX, defaultAction: "surrogate" });
  const { output, report } = s.sanitize(TEXT);
  for (const v of PLANTED) assert.ok(!output.includes(v), `${v} leaked: ${output}`);
  assert.deepEqual(tokensIn(output), [], output);
  assert.match(output, /@example\.(com|net|org)/);
  assert.match(output, /\(\d{3}\) 555-01\d\d/);
  assert.equal(report.entities.EMAIL.surrogate, 2);
  assert.equal(s.reidentify(output), TEXT);
});

test("streaming: every split, even inside surrogate pairs, gives the one-shot result", () => {
  const s = new Sanitizer({ key: KEY_HEX });
  const text = "😀 Über " + TEXT + " 👩‍⚕️ end";
  const { output } = s.sanitize(text);
  const whole = s.reidentify(output);
  assert.equal(whole, text);
  for (let i = 0; i <= output.length; i++) {
    for (const j of [i, Math.min(output.length, i + 1), Math.min(output.length, i + 7)]) {
      const r = s.reidentifier();
      const got = r.push(output.slice(0, i)) + r.push(output.slice(i, j)) + r.push(output.slice(j)) + r.finish();
      assert.equal(got, whole, `split at ${i}/${j}`);
      r.free();
    }
  }
  // Random chunk sizes 1..64, and no part of a token is ever shown.
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed);
  for (let round = 0; round < 50; round++) {
    const r = s.reidentifier();
    let shown = "";
    for (let i = 0; i < output.length; ) {
      const n = 1 + (rand() % 64);
      shown += r.push(output.slice(i, i + n));
      assert.ok(whole.startsWith(shown), "only final text is emitted");
      assert.ok(r.held <= 64 * 4, `held ${r.held}`);
      i += n;
    }
    assert.equal(shown + r.finish(), whole);
    r.free();
  }
});

test("ReidentifyStream re-identifies a byte stream split inside characters and tokens", async () => {
  const s = new Sanitizer({ key: KEY_HEX });
  const text = "Ünïcode ✓ " + TEXT;
  const { output } = s.sanitize(text);
  const bytes = new TextEncoder().encode(output);
  const chunks = [];
  for (let i = 0; i < bytes.length; i += 5) chunks.push(bytes.slice(i, i + 5));
  const body = new ReadableStream({
    start(c) {
      for (const ch of chunks) c.enqueue(ch);
      c.close();
    },
  });
  let got = "";
  for await (const piece of body.pipeThrough(new ReidentifyStream(s))) {
    assert.equal(typeof piece, "string");
    got += piece;
  }
  assert.equal(got, text);
  // A fetch Response body works the same way.
  const res = new Response(output);
  const restored = res.body.pipeThrough(new ReidentifyStream(s)).pipeThrough(new TextEncoderStream());
  const outText = await new Response(restored).text();
  assert.equal(outText, text);
});

test("the vault: export, import elsewhere, clear, size limit", () => {
  const a = new Sanitizer({ key: KEY_HEX });
  const { output } = a.sanitize(TEXT);
  const vault = a.exportVault();
  assert.equal(vault.format, "sanitas-vault");
  assert.equal(vault.version, 1);
  assert.equal(vault.entries.length, a.vaultSize);
  const b = new Sanitizer(); // another key: it can still re-identify what it imported
  assert.equal(b.importVault(vault), vault.entries.length);
  assert.equal(b.importVault(vault), 0);
  assert.equal(b.reidentify(output), TEXT);
  const bad = structuredClone(vault);
  bad.entries[0].original = "someone-else@example.org";
  assert.throws(() => b.importVault(bad), (e) => e.name === "InputError" && !e.message.includes("someone-else"));
  a.clearVault();
  assert.equal(a.vaultSize, 0);
  assert.equal(a.reidentify(output), output);
  const small = new Sanitizer({ limits: { maxVaultEntries: 2 } });
  assert.throws(
    () => small.sanitize("a@example.net b@example.net c@example.net"),
    (e) => e.name === "LimitError" && e.code === "VAULT_FULL" && !e.message.includes("example.net"),
  );
});

test("TypeScript declarations describe the pseudonym API", () => {
  const dts = readFileSync(new URL("../../pkg/sanitas.d.ts", import.meta.url), "utf8");
  for (const line of [
    "key?: Uint8Array | ArrayBuffer | string | PassphraseKey;",
    "reidentifyJson(value: JsonValue): JsonValue;",
    "reidentifier(): Reidentifier;",
    "exportVault(): ExportedVault;",
    "importVault(vault: ExportedVault): number;",
    "clearVault(): void;",
    "readonly vaultSize: number;",
    "push(chunk: string): string;",
    "finish(): string;",
    '| ({ action: "dateShift" } & DateShiftOptions)',
  ]) {
    assert.ok(dts.includes(line), `missing: ${line}`);
  }
  const index = readFileSync(new URL("../../pkg/index.d.ts", import.meta.url), "utf8");
  assert.ok(index.includes('export { ReidentifyStream } from "./stream.js";'));
  const stream = readFileSync(new URL("../../pkg/stream.d.ts", import.meta.url), "utf8");
  assert.ok(stream.includes("constructor(sanitizer: Sanitizer);"));
});
