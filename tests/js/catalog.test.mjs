// entityCatalog(): every entity kind with its categories and level, as interfaces need them to
// colour and group findings (the sample page does).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Sanitizer, entityCatalog } from "sanitas";

test("every kind is listed once, with its categories and level", () => {
  const catalog = entityCatalog();
  const byName = Object.fromEntries(catalog.map((e) => [e.entity, e]));
  assert.equal(Object.keys(byName).length, catalog.length);
  assert.deepEqual(byName.EMAIL, { entity: "EMAIL", categories: ["PII"], level: "confidential" });
  assert.deepEqual(byName.CREDIT_CARD, { entity: "CREDIT_CARD", categories: ["PCI", "FINANCIAL"], level: "restricted" });
  assert.deepEqual(byName.MRN, { entity: "MRN", categories: ["PHI", "PII"], level: "restricted" });
  assert.deepEqual(byName.ROUTING_NUMBER, { entity: "ROUTING_NUMBER", categories: ["FINANCIAL"], level: "internal" });
  assert.deepEqual(byName.API_KEY, { entity: "API_KEY", categories: ["CREDENTIAL"], level: "restricted" });
  for (const e of catalog) {
    assert.ok(e.categories.length > 0, e.entity);
    assert.ok(["public", "internal", "confidential", "restricted"].includes(e.level), e.entity);
  }
  // The names are the policy's entity names, all of them: a policy naming every kind is valid,
  // and one naming a kind that is not listed is not.
  new Sanitizer({ entities: Object.fromEntries(catalog.map((e) => [e.entity, "redact"])) }).free();
  assert.throws(() => new Sanitizer({ entities: { NOT_A_KIND: "redact" } }), { name: "PolicyError" });
});

test("every kind scan() reports is in the catalog", () => {
  const known = new Set(entityCatalog().map((e) => e.entity));
  const s = new Sanitizer();
  const text = "Mail ana@example.org, call 212-555-0147, card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32, from 203.0.113.9.";
  const found = s.scan(text);
  assert.ok(found.length >= 5);
  for (const f of found) assert.ok(known.has(f.entity), f.entity);
  s.free();
});
