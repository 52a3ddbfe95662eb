#!/usr/bin/env node
// Writes synthetic JSONL records (claims, card events, FHIR patients, tickets) to stdout until
// about N megabytes, for measuring the streaming path with bounded memory:
//
//   node tests/stream/generate.mjs 100 > /tmp/records-100mb.jsonl
//   /usr/bin/time -v node pkg/cli.js /tmp/records-100mb.jsonl -o /tmp/out.jsonl -r /tmp/report.json
//
// Values are made up from small word lists with a fixed seed; nothing comes from a corpus.
const target = Number(process.argv[2] ?? 100) * 1e6;
let seed = 20240601;
// xorshift32: integer arithmetic only, so the sequence does not collapse into a short cycle.
const rnd = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const digits = (n) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join("");
const FIRST = ["Ada", "Bo", "Chen", "Dara", "Eli", "Femi", "Gia", "Hugo", "Ines", "Jonas", "Kira", "Luis", "Mina", "Noor", "Omar", "Pia"];
const LAST = ["Abara", "Brandt", "Castillo", "Dumont", "Eriksen", "Farouk", "Gallo", "Haddad", "Ivanova", "Jensen", "Kowal", "Lindgren"];
const STREET = ["Birch Lane", "Harbor Road", "Mill Street", "Quarry Court", "Sunset Blvd", "Orchard Row"];
const CITY = ["Fairview", "Riverton", "Lakeside", "Brookfield", "Oakdale", "Milton"];
const name = () => `${pick(FIRST)} ${pick(LAST)}`;
const date = (from, to) => `${from + Math.floor(rnd() * (to - from))}-${String(1 + Math.floor(rnd() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`;
const phone = () => `(${200 + Math.floor(rnd() * 700)}) 555-0${digits(3)}`;
const money = () => (rnd() * 5000).toFixed(2);

const shapes = [
  () => ({
    claimId: `CLM-${digits(8)}`, status: pick(["submitted", "paid", "denied"]),
    patient: { firstName: pick(FIRST), lastName: pick(LAST), dob: date(1925, 2010), age: 15 + Math.floor(rnd() * 85), phone: phone(),
      address: { line1: `${digits(4)} ${pick(STREET)}`, city: pick(CITY), state: "OR", zip: `97${digits(3)}` } },
    subscriber: { memberId: `MB${digits(9)}`, groupNumber: `G-${digits(4)}` },
    lines: [{ dateOfService: date(2020, 2025), cpt: pick(["99213", "80053", "93000"]), icd10: pick(["E11.9", "I10", "J45.909"]), charge: Number(money()) }],
    totalCharge: `${money()}`, notes: `Follow-up with ${name()} in 2 weeks; call ${phone()}.`,
  }),
  () => ({
    event: "payment.authorized", id: `evt_${digits(12)}`, amount: Number(money()), currency: "USD", timestamp: `${date(2023, 2025)}T10:${digits(2)}:00Z`,
    card: { pan: pick(["4111111111111111", "5555555555554444", "378282246310005"]), expiry: `0${1 + Math.floor(rnd() * 9)}/2${digits(1)}`, holderName: name().toUpperCase() },
    customer: { id: `cus_${digits(10)}`, email: `${pick(FIRST).toLowerCase()}.${digits(3)}@example.com`, ip: `198.51.100.${Math.floor(rnd() * 255)}` },
    risk: { score: Math.round(rnd() * 1000) / 1000, rules: ["velocity"] },
  }),
  () => ({
    resourceType: "Patient", id: `p-${digits(6)}`,
    identifier: [{ type: { coding: [{ code: "MR" }] }, value: digits(9) }],
    name: [{ family: pick(LAST), given: [pick(FIRST)] }], gender: pick(["female", "male", "other"]), birthDate: date(1920, 2015),
    telecom: [{ system: "phone", value: phone() }, { system: "email", value: `${digits(6)}@example.org` }],
    address: [{ line: [`${digits(3)} ${pick(STREET)}`], city: pick(CITY), postalCode: `0${digits(4)}` }],
  }),
  () => ({
    ticket: { id: `T-${digits(7)}`, priority: pick(["low", "high"]), subject: "Card declined" },
    requester: { name: name(), email: `${digits(8)}@example.net`, accountNumber: digits(10) },
    messages: [{ author: "customer", body: `My SSN ends ${digits(4)}; card 4242 4242 4242 4242 was declined for $${money()}.` }],
  }),
];

let written = 0;
const out = process.stdout;
function pump() {
  while (written < target) {
    const line = JSON.stringify(pick(shapes)()) + "\n";
    written += Buffer.byteLength(line);
    if (!out.write(line)) return out.once("drain", pump);
  }
}
pump();
