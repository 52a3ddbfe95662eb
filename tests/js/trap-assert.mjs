// Assertions on runTrapScenario's result, shared by the Node and Chromium tests.
import assert from "node:assert/strict";

const SECRET = "leak.me@example.org";

export function assertTrapScenario(out) {
  assert.match(out.tokenBefore, /^EMAIL_[0-9A-Z]{8,}$/);
  assert.deepEqual(out.noTrap, { ok: true, value: out.noTrap.value });
  assert.equal(out.resultBefore.ok, true);
  assert.match(out.resultBefore.value, /^\{"output":"mail EMAIL_\w+ on DATE_\w+","report":\{"decision":"transform",/);
  assert.match(out.scanBefore.value, /^\[\{"entity":"EMAIL","start":5,"end":24,"score":1\},\{"entity":"DATE"/);
  assert.match(out.noTrap.value, /^mail EMAIL_/);
  for (const [kind, r] of Object.entries(out.kinds)) {
    // The trapping call returns nothing and says so with a typed Error free of data.
    assert.equal(r.trap.ok, false, `${kind}: the call returned data`);
    assert.equal(r.trap.isError, true);
    assert.deepEqual([r.trap.name, r.trap.code, r.trap.path], ["InternalError", "INTERNAL_TRAP", ""], kind);
    assert.ok(!r.trap.message.includes(SECRET), kind);
    // Objects from the old instance refuse every method.
    for (const stale of [r.staleVictim, ...r.staleBystander]) {
      assert.deepEqual([stale.ok, stale.name, stale.code], [false, "InternalError", "INSTANCE_RESET"], kind);
    }
    assert.deepEqual(r.staleFree, { ok: true, value: "freed" });
    // New objects work: same key, same token as before the reset; exact round trip.
    assert.deepEqual(r.freshToken, { ok: true, value: out.tokenBefore }, kind);
    assert.deepEqual(r.freshScan, out.scanBefore, kind);
    assert.deepEqual(r.freshResult, out.resultBefore, kind);
    assert.deepEqual(r.freshRoundTrip, { ok: true, value: `mail ${SECRET}` }, kind);
    assert.equal(r.version.ok, true);
    assert.deepEqual([r.freshBadInput.name, r.freshBadInput.code], ["InputError", "INPUT_INVALID"]);
    assert.deepEqual([r.staleArgument.ok, r.staleArgument.name, r.staleArgument.code], [false, "InternalError", "INSTANCE_RESET"], kind);
    assert.deepEqual(r.liveArgument, { ok: true, value: "64" });
  }
  assert.deepEqual(Object.keys(out.kinds), ["unreachable", "stack", "throw"]);
  assert.deepEqual([out.keyedAfter.name, out.keyedAfter.code], ["InternalError", "INSTANCE_RESET"]);
}
