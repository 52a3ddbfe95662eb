// Fail closed on a real wasm trap, as a scenario that runs unchanged in Node (trap.test.mjs)
// and in headless Chromium (browser.test.mjs) against the trap-test build (target/trap-pkg,
// `node scripts/build.mjs --trap-test`), whose Sanitizer has `trapForTests(kind, text)`: it
// sanitizes `text`, then traps ("unreachable"), exhausts the stack ("stack") or throws through
// the wasm frames ("throw"). Returns plain data for the caller to assert on.

const KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const SECRET = "leak.me@example.org";

function attempt(fn) {
  try {
    const value = fn();
    return { ok: true, value: typeof value === "string" ? value : JSON.stringify(value) };
  } catch (e) {
    return { ok: false, isError: e instanceof Error, name: e?.name, code: e?.code, path: e?.path, message: String(e?.message) };
  }
}

export function runTrapScenario(m) {
  const out = { kinds: {} };
  const keyed = new m.Sanitizer({ key: KEY });
  out.tokenBefore = keyed.sanitize(SECRET).output;
  // Whole results, to compare with the same calls on a fresh instance after each reset: field and
  // variant names cross once per instance (src/wasm/tape.rs), so a stale name table would show.
  out.resultBefore = attempt(() => keyed.sanitize(`mail ${SECRET} on 03/14/2021`));
  out.scanBefore = attempt(() => keyed.scan(`mail ${SECRET} on 03/14/2021`));
  out.noTrap = attempt(() => keyed.trapForTests("none", `mail ${SECRET}`));
  for (const kind of ["unreachable", "stack", "throw"]) {
    const victim = new m.Sanitizer({ key: KEY });
    const bystander = new m.Sanitizer();
    const issued = bystander.sanitize(SECRET).output;
    const r = { trap: attempt(() => victim.trapForTests(kind, `mail ${SECRET}`)) };
    // Every object from before the reset refuses every method; free() is a harmless no-op.
    r.staleVictim = attempt(() => victim.sanitize("x"));
    r.staleBystander = ["scan", "sanitize", "reidentify", "trapForTests"].map((name) =>
      attempt(() => bystander[name](name === "trapForTests" ? "none" : issued, "x")),
    );
    r.staleFree = attempt(() => {
      bystander.free();
      victim.free();
      bystander.free();
      return "freed";
    });
    // New objects work, on the fresh instance, with the same tokens for the same key.
    const fresh = new m.Sanitizer({ key: KEY });
    // In the other order than before the reset (scan's names first, then sanitize's).
    r.freshScan = attempt(() => fresh.scan(`mail ${SECRET} on 03/14/2021`));
    r.freshResult = attempt(() => new m.Sanitizer({ key: KEY }).sanitize(`mail ${SECRET} on 03/14/2021`));
    r.freshToken = attempt(() => fresh.sanitize(SECRET).output);
    r.freshRoundTrip = attempt(() => fresh.reidentify(fresh.sanitize(`mail ${SECRET}`).output));
    r.version = attempt(() => m.version());
    r.freshBadInput = attempt(() => fresh.sanitize(new Map()));
    // A stale Sanitizer passed as an argument is refused before its dead pointer reaches wasm.
    r.staleArgument = attempt(() => fresh.peerForTests(bystander));
    r.liveArgument = attempt(() => String(fresh.peerForTests(fresh)));
    fresh.free();
    out.kinds[kind] = r;
  }
  out.keyedAfter = attempt(() => keyed.sanitize("x"));
  return out;
}
