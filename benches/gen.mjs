// Deterministic generator of benchmark inputs: healthcare and finance documents and JSON records
// with identifiers (valid checksums where they exist) mixed with the clinical and financial
// content that must survive (doses, lab values, vitals, ICD-10/CPT codes, money, dates, times).
// Every value is synthetic: names come from short lists, numbers from a seeded PRNG.
//
//   node benches/gen.mjs [outDir]   writes docs.json, big.txt, records.json, record1k.json
//                                   (the native `cargo run --release --example bench` reads them)

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** mulberry32: a small, fast, seedable PRNG (same inputs on every run and machine). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const digits = (n) => Array.from({ length: n }, () => int(0, 9)).join("");
  return { next, int, pick, digits };
}

const FIRST = [
  "Maria",
  "James",
  "Aisha",
  "Wei",
  "Olga",
  "Carlos",
  "Priya",
  "Thomas",
  "Fatima",
  "Noah",
  "Elena",
  "Kwame",
  "Sofia",
  "Liam",
  "Hannah",
  "Diego",
  "Mei",
  "Ahmed",
  "Grace",
  "Lucas",
  "José",
  "Zoë",
  "Chloé",
  "Björn",
  "Ana",
  "Rahul",
  "Yuki",
  "Emma",
  "Omar",
  "Isabella",
];
const LAST = [
  "Lopez",
  "Smith",
  "Okafor",
  "Zhang",
  "Ivanova",
  "Garcia",
  "Patel",
  "Müller",
  "Haddad",
  "Johnson",
  "Rossi",
  "Mensah",
  "Kowalski",
  "O'Brien",
  "Nguyen",
  "Fernández",
  "Kim",
  "Schmidt",
  "Dubois",
  "Brown",
  "Núñez",
  "Tanaka",
  "Andersen",
  "Cohen",
  "Williams",
  "Davis",
  "Martin",
  "Singh",
];
const STREETS = [
  "Maple Avenue",
  "Oak Street",
  "Elm Drive",
  "Cedar Lane",
  "Harbor Road",
  "Park Place",
  "Sunset Boulevard",
  "Main Street",
  "Lakeview Court",
  "Riverside Drive",
];
const CITIES = [
  ["Springfield", "IL", "627"],
  ["Columbus", "OH", "432"],
  ["Austin", "TX", "787"],
  ["Portland", "OR", "972"],
  ["Albany", "NY", "122"],
  ["Tampa", "FL", "336"],
  ["Denver", "CO", "802"],
  ["Madison", "WI", "537"],
];
const DOMAINS = ["example.org", "mail.example.com", "example.net", "clinic.example.org", "bank.example.com"];
const DRUGS = [
  ["metformin", "500 mg", "twice daily"],
  ["lisinopril", "10 mg", "once daily"],
  ["atorvastatin", "40 mg", "at bedtime"],
  ["amoxicillin", "875 mg", "every 12 hours for 10 days"],
  ["levothyroxine", "75 mcg", "every morning"],
  ["insulin glargine", "18 units", "at night"],
  ["apixaban", "5 mg", "twice daily"],
  ["sertraline", "50 mg", "once daily"],
  ["furosemide", "40 mg", "IV once"],
  ["ondansetron", "4 mg", "every 8 hours as needed"],
];
const DX = [
  ["E11.9", "type 2 diabetes mellitus without complications"],
  ["I10", "essential hypertension"],
  ["J45.909", "unspecified asthma, uncomplicated"],
  ["N18.3", "chronic kidney disease, stage 3"],
  ["I48.91", "unspecified atrial fibrillation"],
  ["E78.5", "hyperlipidemia"],
  ["M54.5", "low back pain"],
  ["J18.9", "pneumonia, unspecified organism"],
  ["F32.1", "major depressive disorder, moderate"],
  ["K21.9", "gastro-esophageal reflux disease"],
];
const CPT = ["99213", "99214", "99285", "93000", "80053", "85025", "71046", "36415", "90471", "83036"];
const MERCHANTS = [
  "Northwind Pharmacy",
  "Contoso Grocers",
  "Fabrikam Air",
  "Tailspin Hotels",
  "Adventure Works",
  "Wide World Importers",
  "City Parking",
  "Blue Yonder Fuel",
];
const BANKS = [
  ["Deutsche Example Bank", "DE"],
  ["Banque Exemple", "FR"],
  ["Example Bank plc", "GB"],
  ["Banco Ejemplo", "ES"],
  ["Esempio Banca", "IT"],
  ["Voorbeeld Bank", "NL"],
];

function luhnDigit(body) {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

function mod97(s) {
  let r = 0;
  for (const ch of s) {
    const v = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) r = (r * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return r;
}

/** The identifier and content makers, all drawing from one PRNG. */
export function makers(r) {
  const name = () => `${r.pick(FIRST)} ${r.pick(LAST)}`;
  const pad = (n, w) => String(n).padStart(w, "0");
  const date = (y0 = 1940, y1 = 2005) => `${pad(r.int(1, 12), 2)}/${pad(r.int(1, 28), 2)}/${r.int(y0, y1)}`;
  const isoDate = () => `${r.int(2021, 2025)}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`;
  const time = () => `${pad(r.int(0, 23), 2)}:${pad(r.int(0, 59), 2)}`;
  const ssn = () => `${pad(r.int(1, 665), 3)}-${pad(r.int(1, 99), 2)}-${pad(r.int(1, 9999), 4)}`;
  const phone = () => {
    const a = r.int(201, 989),
      b = r.int(200, 999),
      c = pad(r.int(0, 9999), 4);
    return r.pick([`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`, `+1 ${a} ${b} ${c}`]);
  };
  const email = (n) => {
    const [f, l] = n
      .toLowerCase()
      .normalize("NFD")
      .replace(/[^a-z ]/g, "")
      .split(" ");
    return `${r.pick([`${f}.${l}`, `${f[0]}${l}`, `${f}_${l}${r.int(1, 99)}`])}@${r.pick(DOMAINS)}`;
  };
  const card = () => {
    const [prefix, len] = r.pick([
      ["4", 16],
      ["51", 16],
      ["55", 16],
      ["37", 15],
      ["6011", 16],
    ]);
    const body = prefix + r.digits(len - prefix.length - 1);
    const n = body + luhnDigit(body);
    return len === 15
      ? `${n.slice(0, 4)} ${n.slice(4, 10)} ${n.slice(10)}`
      : r.pick([n.match(/.{4}/g).join(" "), n.match(/.{4}/g).join("-"), n]);
  };
  const iban = () => {
    const [, cc] = r.pick(BANKS);
    const len = { DE: 18, FR: 23, GB: 18, ES: 20, IT: 23, NL: 14 }[cc];
    let bban =
      cc === "GB"
        ? "WEST" + r.digits(len - 4)
        : cc === "NL"
          ? "ABNA" + r.digits(len - 4)
          : cc === "IT"
            ? "X" + r.digits(len - 1)
            : r.digits(len);
    const check = pad(98 - mod97(bban + cc + "00"), 2);
    const raw = cc + check + bban;
    return r.next() < 0.5 ? raw.match(/.{1,4}/g).join(" ") : raw;
  };
  const routing = () => {
    const d = r.digits(8).split("").map(Number);
    const s = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5]);
    return d.join("") + String((10 - (s % 10)) % 10);
  };
  const npi = () => {
    const body = "1" + r.digits(8);
    return body + luhnDigit("80840" + body);
  };
  const mrn = () =>
    r.pick([`MRN ${r.digits(8)}`, `MRN: ${r.int(100, 999)}-${r.digits(5)}`, `medical record #${r.digits(7)}`]);
  const ip = () => `${r.int(10, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
  const address = () => {
    const [city, st, zip] = r.pick(CITIES);
    return `${r.int(12, 9800)} ${r.pick(STREETS)}, ${city}, ${st} ${zip}${r.digits(2)}`;
  };
  const money = () => `$${r.int(1, 48000).toLocaleString("en-US")}.${pad(r.int(0, 99), 2)}`;
  const vitals = () =>
    `BP ${r.int(98, 168)}/${r.int(58, 102)}, HR ${r.int(52, 118)}, RR ${r.int(12, 24)}, T ${(36 + r.next() * 2.4).toFixed(1)} °C, SpO2 ${r.int(89, 100)}%`;
  const labs = () =>
    `HbA1c ${(5 + r.next() * 5).toFixed(1)}%, creatinine ${(0.6 + r.next() * 2).toFixed(2)} mg/dL, potassium ${(3.2 + r.next() * 2).toFixed(1)} mmol/L, WBC ${(3 + r.next() * 12).toFixed(1)} x10^9/L`;
  const drug = () => {
    const [d, dose, freq] = r.pick(DRUGS);
    return `${d} ${dose} ${freq}`;
  };
  const dx = () => {
    const [code, desc] = r.pick(DX);
    return `${desc} (${code})`;
  };
  return {
    name,
    date,
    isoDate,
    time,
    ssn,
    phone,
    email,
    card,
    iban,
    routing,
    npi,
    mrn,
    ip,
    address,
    money,
    vitals,
    labs,
    drug,
    dx,
    cpt: () => r.pick(CPT),
    pad,
  };
}

/** Sentence makers: each returns one sentence or short paragraph. */
function sentences(r, m, who) {
  const dr = `Dr. ${r.pick(LAST)}`;
  const [bank] = r.pick(BANKS);
  return {
    health: [
      () =>
        `Patient ${who} (DOB ${m.date()}, ${m.mrn()}) was seen on ${m.isoDate()} at ${m.time()} for follow-up of ${m.dx()}.`,
      () => `Vitals: ${m.vitals()}. Weight ${r.int(48, 131)} kg.`,
      () => `Labs drawn ${m.isoDate()}: ${m.labs()}. eGFR ${r.int(24, 110)} mL/min/1.73m2.`,
      () => `Continue ${m.drug()}; start ${m.drug()}. Reviewed interactions with the pharmacist.`,
      () => `Assessment: ${m.dx()}; ${m.dx()}. Billed CPT ${m.cpt()} and ${m.cpt()}.`,
      () => `Contact the patient at ${m.phone()} or ${m.email(who)}; lives at ${m.address()}.`,
      () => `Referred to ${dr} (NPI ${m.npi()}), cardiology, room ${r.int(101, 940)}, fax ${m.phone()}.`,
      () =>
        `Insurance: member ID ${r.pick(["XJH", "QMB", "ZPA"])}${r.digits(9)}, group ${r.digits(6)}; SSN on file ${m.ssn()}.`,
      () =>
        `Plan: recheck in ${r.int(2, 12)} weeks, target LDL < ${r.int(55, 100)} mg/dL, walk ${r.int(20, 45)} minutes a day.`,
      () =>
        `Portal message sent from ${m.ip()} at ${m.time()}; follow https://portal.example.org/visits/${r.digits(6)} for results.`,
    ],
    finance: [
      () =>
        `Customer ${who} (SSN ${m.ssn()}) disputes a charge of ${m.money()} from ${r.pick(MERCHANTS)} on ${m.isoDate()}.`,
      () =>
        `Card on file ${m.card()}, exp ${m.pad(r.int(1, 12), 2)}/${r.int(26, 31)}; the balance is ${m.money()} with APR ${(12 + r.next() * 18).toFixed(2)}%.`,
      () => `Wire ${m.money()} to IBAN ${m.iban()} at ${bank}, reference INV-${r.int(2021, 2025)}-${r.digits(5)}.`,
      () =>
        `ACH debit: routing ${m.routing()}, account ${r.digits(r.int(8, 12))}, amount ${m.money()} due ${m.isoDate()}.`,
      () => `Reach ${who} at ${m.phone()} or ${m.email(who)} before ${m.time()} ET; mailing address ${m.address()}.`,
      () =>
        `Loan application ${r.digits(7)}: income ${m.money()} per year, DTI ${r.int(18, 49)}%, credit score ${r.int(580, 820)}.`,
      () =>
        `Fraud review flagged a login from ${m.ip()} and ${r.int(2, 9)} declined authorizations totaling ${m.money()}.`,
      () =>
        `Statement period ${m.isoDate()} to the end of the month: ${r.int(3, 60)} transactions, fees ${m.money()}, interest ${m.money()}.`,
    ],
  };
}

/** One free-text document of about `target` bytes (UTF-8), health or finance. */
export function document(r, m, target = 850, kind = r.next() < 0.55 ? "health" : "finance") {
  const who = m.name();
  const s = sentences(r, m, who)[kind];
  const head = kind === "health" ? `Progress note. ` : `Case ${r.digits(6)}. `;
  let out = head + s[0]();
  while (Buffer.byteLength(out) < target - 60) out += (r.next() < 0.2 ? "\n" : " ") + r.pick(s)();
  return out;
}

/** One JSON record (patient encounter or payment), roughly `size` bytes as JSON. */
export function record(r, m, notesBytes = 300) {
  const who = m.name();
  if (r.next() < 0.5) {
    return {
      resourceType: "Encounter",
      patient: {
        name: who,
        birthDate: m.date(),
        mrn: r.digits(8),
        ssn: m.ssn(),
        phone: m.phone(),
        email: m.email(who),
        address: m.address(),
      },
      encounter: {
        date: m.isoDate(),
        provider: { name: `Dr. ${r.pick(LAST)}`, npi: m.npi() },
        diagnoses: [m.dx(), m.dx()],
        cpt: [m.cpt(), m.cpt()],
        vitals: {
          systolic: r.int(98, 168),
          diastolic: r.int(58, 102),
          heartRate: r.int(52, 118),
          spo2: r.int(89, 100),
        },
        medications: [m.drug(), m.drug()],
      },
      notes: document(r, m, notesBytes, "health"),
    };
  }
  return {
    type: "payment",
    customer: { name: who, ssn: m.ssn(), phone: m.phone(), email: m.email(who), address: m.address() },
    card: { number: m.card(), expiry: `${m.pad(r.int(1, 12), 2)}/${r.int(26, 31)}` },
    bank: { iban: m.iban(), routing: m.routing(), account: r.digits(10) },
    amount: r.int(100, 900000) / 100,
    currency: r.pick(["USD", "EUR", "GBP"]),
    date: m.isoDate(),
    ip: m.ip(),
    memo: document(r, m, notesBytes, "finance"),
  };
}

/** Normal generated text of exactly `bytes` UTF-8 bytes (cut at a character boundary, padded). */
export function normalText(bytes, seed = 7) {
  const r = rng(seed);
  const m = makers(r);
  const parts = [];
  for (let n = 0; n < bytes;) {
    const d = document(r, m) + "\n\n";
    parts.push(d);
    n += Buffer.byteLength(d);
  }
  let buf = Buffer.from(parts.join("")).subarray(0, bytes);
  while (buf.length && (buf[buf.length - 1] & 0xc0) === 0x80) buf = buf.subarray(0, buf.length - 1);
  if (buf.length && buf[buf.length - 1] >= 0xc0) buf = buf.subarray(0, buf.length - 1);
  return buf.toString() + " ".repeat(bytes - buf.length);
}

/** The standard input set every engine runs (`big: false` skips the 5 MB string). */
/** How many documents the text loops go round (the fresh-vault row starts a new vault after each round). */
export const DOCUMENTS = 400;

export function inputs({ big = true } = {}) {
  const r = rng(20260429);
  const m = makers(r);
  const docs = Array.from({ length: DOCUMENTS }, () => document(r, m));
  const records = Array.from({ length: 200 }, () => record(r, m));
  // A record of about 1 KB as JSON, for latency.
  let record1k;
  for (let i = 0; i < 50 && !record1k; i++) {
    const c = record(r, m, 280);
    const n = JSON.stringify(c).length;
    if (n >= 950 && n <= 1100) record1k = c;
  }
  return { docs, records, record1k, big: big ? normalText(5 * 1000 * 1000, 11) : undefined };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? "test-output/bench/inputs";
  mkdirSync(out, { recursive: true });
  const { docs, records, record1k, big } = inputs();
  writeFileSync(join(out, "docs.json"), JSON.stringify(docs));
  writeFileSync(join(out, "records.json"), JSON.stringify(records));
  writeFileSync(join(out, "record1k.json"), JSON.stringify(record1k));
  writeFileSync(join(out, "big.txt"), big);
  console.log(`wrote ${out}: ${docs.length} docs, ${records.length} records, big.txt ${big.length} bytes`);
}

/** The scaling check's inputs: normal text at 1×, 10× and 100× of 50 KB. */
export const SCALE = { "normal 50 KB (1×)": 50_000, "normal 500 KB (10×)": 500_000, "normal 5 MB (100×)": 5_000_000 };

/** Pathological inputs for linear time: long runs that keep candidate matches alive. */
export const PATHOLOGICAL = {
  "digits ×100k": () => "1".repeat(100_000),
  "`1-` ×50k": () => "1-".repeat(50_000),
  "`1.` ×50k": () => "1.".repeat(50_000),
  "`a.` ×50k": () => "a.".repeat(50_000),
  "`a@` ×50k": () => "a@".repeat(50_000),
  "`-` ×100k": () => "-".repeat(100_000),
  "http:// + a×100k": () => "http://" + "a".repeat(100_000),
  "a×50k + !": () => "a".repeat(50_000) + "!",
  "`1 ` ×50k": () => "1 ".repeat(50_000),
  "`+1` ×50k": () => "+1".repeat(50_000),
  "`A1` ×50k": () => "A1".repeat(50_000),
  "`a.b@` ×25k": () => "a.b@".repeat(25_000),
  // Shapes that once made a recognizer walk back or search a list per candidate.
  "`Main St, Dover, NY ` ×5k": () => "Main St, Dover, NY ".repeat(5_000),
  "`Dover, NY 12345 ` ×6k": () => "Dover, NY 12345 ".repeat(6_000),
  "`John Smith ` ×10k": () => "John Smith ".repeat(10_000),
  "`MRN: 1234567 ` ×8k": () => "MRN: 1234567 ".repeat(8_000),
  "`Mar 1 ` ×20k": () => "Mar 1 ".repeat(20_000),
};

/** A case's input by name: a pathological case, or "normal:<bytes>". */
export function caseInput(name) {
  if (name.startsWith("normal:")) return normalText(Number(name.slice(7)));
  const make = PATHOLOGICAL[name];
  if (!make) throw new Error(`unknown case ${name}`);
  return make();
}
