#!/usr/bin/env node
// Writes the project's own labelled fixture corpus, deterministically (same seed, same bytes):
//
//   tests/fixtures/accuracy/text.jsonl    healthcare and finance documents with planted identifiers
//                                         of every catalog kind and planted negatives
//   tests/fixtures/obfuscated/text.jsonl  identifiers disguised (zero-width characters, fullwidth
//                                         digits, homoglyphs, spelled-out forms, ...) and look-alike
//                                         text that must stay untouched
//
//   node scripts/gen-fixtures.mjs
//
// Items use the shared corpus's text format: {id, doc_type, text, spans, negatives}, offsets in
// Unicode code points, `value` exactly as in the text and, for disguised values, `canonical` (the
// plain form) and `obfuscation`. All names, numbers and texts are invented here; checksummed kinds
// carry valid check digits. Native, wasm and JS tests read these files (Rust via include_str!).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

// ---------------------------------------------------------------- random, deterministic

let seed = 0x5a17a5;
function rand() {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const digits = (n) => Array.from({ length: n }, () => int(0, 9)).join("");
const pad = (n, w) => String(n).padStart(w, "0");
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const chars = (set, n) => Array.from({ length: n }, () => pick(set)).join("");

// ---------------------------------------------------------------- documents

class Doc {
  constructor(id, docType) {
    Object.assign(this, { name: id, doc_type: docType, text: "", cp: 0, spans: [], negatives: [] });
  }
  t(s) {
    this.text += s;
    this.cp += [...s].length;
    return this;
  }
  id(type, value, extra = {}) {
    const start = this.cp;
    this.t(value);
    this.spans.push({ type, start, end: this.cp, value, ...extra });
    return this;
  }
  neg(kind, value) {
    const start = this.cp;
    this.t(value);
    this.negatives.push({ kind, start, end: this.cp, value });
    return this;
  }
  json() {
    const { name, doc_type, text, spans, negatives } = this;
    return JSON.stringify({ id: name, doc_type, text, spans, negatives });
  }
}

// ---------------------------------------------------------------- checksums

function luhnDigit(body) {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}
const luhnValid = (s) => luhnDigit(s.slice(0, -1)) === s.slice(-1);

function mod97(s) {
  let r = 0;
  for (const ch of s) {
    const v = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) r = (r * 10 + Number(d)) % 97;
  }
  return r;
}
function iban(country, bban) {
  const check = 98 - mod97(bban + country + "00");
  return country + pad(check, 2) + bban;
}
const group4 = (s) => s.match(/.{1,4}/g).join(" ");

function abaRouting() {
  const prefix = pick(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "21", "22", "26", "31", "32"]);
  const d = (prefix + digits(6)).split("").map(Number);
  const partial = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5]);
  return d.join("") + String((10 - (partial % 10)) % 10);
}

function npi() {
  const body = pick(["1", "2"]) + digits(8);
  return body + luhnDigit("80840" + body);
}

function dea(surname) {
  const d = digits(6).split("").map(Number);
  const check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10;
  return pick(["A", "B", "F", "M"]) + surname[0].toUpperCase() + d.join("") + check;
}

function vin() {
  const set = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
  const translit = { A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9 };
  const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
  // Maker, attributes, check-digit placeholder, model year (no I, O, Q, U, Z, 0), plant, serial.
  const v = pick(["1HG", "1FT", "2T1", "3VW", "5YJ", "JN1", "WBA"]) + chars(set, 5) + "0" + pick("ABCDEFGHJKLMNPRSTVWXY123456789") + pick(set) + digits(6);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = v[i];
    sum += (/[0-9]/.test(c) ? Number(c) : translit[c]) * weights[i];
  }
  const r = sum % 11;
  return v.slice(0, 8) + (r === 10 ? "X" : String(r)) + v.slice(9);
}

function cardNumber(kind = pick(["visa", "visa", "mc", "mc2", "amex", "disc"])) {
  const [prefix, len] = {
    visa: ["4" + digits(5), 16],
    mc: [String(int(51, 55)) + digits(4), 16],
    mc2: [String(int(2221, 2720)) + digits(2), 16],
    amex: [pick(["34", "37"]) + digits(4), 15],
    disc: ["6011" + digits(2), 16],
  }[kind];
  const body = prefix + digits(len - prefix.length - 1);
  return body + luhnDigit(body);
}
function formatCard(n) {
  if (n.length === 15) return pick([`${n.slice(0, 4)} ${n.slice(4, 10)} ${n.slice(10)}`, n]);
  const sep = pick([" ", "-", ""]);
  return n.match(/.{4}/g).join(sep);
}
function invalidCard() {
  const n = cardNumber(pick(["visa", "mc"]));
  const last = (Number(n.slice(-1)) + int(1, 9)) % 10;
  return n.slice(0, -1) + last;
}

function ssn() {
  let area;
  do area = int(1, 899);
  while (area === 666);
  return `${pad(area, 3)}-${pad(int(1, 99), 2)}-${pad(int(1, 9999), 4)}`;
}
const invalidSsn = () =>
  pick([
    () => `000-${pad(int(1, 99), 2)}-${pad(int(1, 9999), 4)}`,
    () => `666-${pad(int(1, 99), 2)}-${pad(int(1, 9999), 4)}`,
    () => `${pad(int(1, 665), 3)}-00-${pad(int(1, 9999), 4)}`,
    () => `${pad(int(1, 665), 3)}-${pad(int(1, 99), 2)}-0000`,
  ])();

function mbi() {
  const L = "ACDEFGHJKMNPQRTUVWXY";
  const AN = L + "0123456789";
  return `${int(1, 9)}${pick(L)}${pick(AN)}${int(0, 9)}${pick(L)}${pick(AN)}${int(0, 9)}${pick(L)}${pick(L)}${int(0, 9)}${int(0, 9)}`;
}

function imei() {
  const body = pick(["35", "86", "01", "99"]) + digits(12);
  return body + luhnDigit(body);
}

// ---------------------------------------------------------------- values

const FIRST = ["Maria", "James", "Aisha", "Wei", "Olivia", "Mateo", "Priya", "Daniel", "Fatima", "Noah", "Grace", "Luis", "Hannah", "Kwame", "Sofia", "Ethan", "Mei", "Samuel", "Amara", "Lucas", "Ingrid", "Omar", "Chloe", "Dmitri"];
const LAST = ["Alvarez", "Thompson", "Okafor", "Nguyen", "Kowalski", "Brennan", "Haddad", "Lindqvist", "Moreau", "Patel", "Fitzgerald", "Yamamoto", "Castillo", "Odum", "Schneider", "Delgado", "Whitaker", "Ivanova", "Mensah", "Larsen", "Gallagher", "Rossi", "Abernathy", "Quintero"];
const STREETS = ["Maple Avenue", "Harbor Road", "Elm Street", "Lakeview Drive", "Cedar Lane", "Kingsley Boulevard", "Orchard Way", "Franklin Street", "Willow Court", "Summit Avenue"];
const CITIES = [["Springfield", "IL", "627"], ["Madison", "WI", "537"], ["Fairview", "OR", "970"], ["Riverton", "NJ", "080"], ["Ashland", "KY", "411"], ["Greenville", "SC", "296"], ["Salem", "MA", "019"], ["Dayton", "OH", "454"]];
const DOMAINS = ["gmail.com", "yahoo.com", "outlook.com", "example.org", "mercyhealth.org", "proton.me", "icloud.com", "lakeside-clinic.net"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const person = () => ({ first: pick(FIRST), last: pick(LAST) });
function email(p) {
  const local = pick([
    `${p.first}.${p.last}`.toLowerCase(),
    `${p.first[0]}${p.last}${int(1, 99)}`.toLowerCase(),
    `${p.first.toLowerCase()}_${p.last.toLowerCase()}`,
    `${p.last.toLowerCase()}.${p.first[0].toLowerCase()}`,
  ]);
  return `${local}@${pick(DOMAINS)}`;
}
function phone() {
  const a = `${int(2, 9)}${digits(2)}`;
  const e = `${int(2, 9)}${digits(2)}`;
  const n = digits(4);
  return pick([`(${a}) ${e}-${n}`, `${a}-${e}-${n}`, `${a}.${e}.${n}`, `+1 ${a} ${e} ${n}`, `+1-${a}-${e}-${n}`, `(${a}) ${e}-${n} ext. ${int(10, 999)}`]);
}
const intlPhone = () => pick([`+44 20 ${digits(4)} ${digits(4)}`, `+49 30 ${digits(8)}`, `+33 1 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`]);
function date() {
  const y = int(1931, 2023);
  const m = int(1, 12);
  const d = int(1, 28);
  return pick([
    `${pad(m, 2)}/${pad(d, 2)}/${y}`,
    `${y}-${pad(m, 2)}-${pad(d, 2)}`,
    `${d} ${MONTHS[m - 1].slice(0, 3)} ${y}`,
    `${MONTHS[m - 1]} ${d}, ${y}`,
    `${pad(d, 2)}.${pad(m, 2)}.${y}`,
    `${m}/${d}/${String(y).slice(2)}`,
  ]);
}
const recentDate = () => `${pad(int(1, 12), 2)}/${pad(int(1, 28), 2)}/${int(2021, 2024)}`;
const ibanValue = () =>
  pick([
    () => iban("DE", digits(18)),
    () => iban("GB", chars(UPPER, 4) + digits(14)),
    () => iban("FR", digits(10) + chars(UPPER + "0123456789", 11) + digits(2)),
    () => iban("NL", chars(UPPER, 4) + digits(10)),
    () => iban("ES", digits(20)),
  ])();
const formatIban = (v) => (rand() < 0.6 ? group4(v) : v);
const swift = () => chars(UPPER, 4) + pick(["US", "DE", "GB", "FR", "CH", "NL"]) + chars(UPPER + "0123456789", 2) + (rand() < 0.4 ? pick(["XXX", "100", "NYC"]) : "");
const ipv4 = () => `${int(11, 223)}.${int(0, 254)}.${int(0, 254)}.${int(1, 254)}`;
const ipv6 = () => `2001:db8:${int(1, 0xffff).toString(16)}:${int(1, 0xffff).toString(16)}::${int(1, 0xffff).toString(16)}`;
const mac = () => Array.from({ length: 6 }, () => pad(int(0, 255).toString(16).toUpperCase(), 2)).join(pick([":", "-"]));
const apiKey = () =>
  pick([
    () => "AKIA" + chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
    () => "sk_live_" + chars(ALNUM, 24),
    () => "ghp_" + chars(ALNUM, 36),
    () => "xoxb-" + digits(11) + "-" + digits(12) + "-" + chars(ALNUM, 24),
    () => "eyJhbGciOiJIUzI1NiJ9." + chars(ALNUM, 36) + "." + chars(ALNUM + "-_", 43),
  ])();
const hex = (n) => chars("0123456789abcdef", n);
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(["8", "9", "a", "b"])}${hex(3)}-${hex(12)}`;

// Negatives.
const DOSES = ["metoprolol 25 mg", "lisinopril 10 mg daily", "metformin 500 mg twice daily", "atorvastatin 40 mg", "insulin glargine 18 units at bedtime", "amoxicillin 875 mg", "levothyroxine 75 mcg", "apixaban 5 mg BID", "sertraline 50 mg"];
const labs = () => pick([`HbA1c ${int(5, 11)}.${int(0, 9)}%`, `BP ${int(100, 165)}/${int(60, 99)}`, `HR ${int(52, 118)}`, `glucose ${int(70, 310)} mg/dL`, `creatinine ${int(0, 2)}.${int(1, 9)} mg/dL`, `eGFR ${int(25, 110)}`, `LDL ${int(60, 190)} mg/dL`, `SpO2 ${int(88, 100)}%`, `potassium ${int(3, 5)}.${int(0, 9)} mmol/L`, `WBC ${int(3, 15)}.${int(0, 9)}`]);
const ICD = ["E11.9", "I10", "J45.909", "M54.5", "Z79.4", "N18.3", "F41.1", "K21.9", "E78.5", "I48.91"];
const CPT = ["99213", "99214", "93000", "80053", "85025", "71046", "36415", "90686"];
const money = () => pick([`$${int(1, 99)},${pad(int(0, 999), 3)}.${pad(int(0, 99), 2)}`, `$${int(10, 999)}.${pad(int(0, 99), 2)}`, `$${int(1, 50)},000`, `EUR ${int(100, 9999)}`]);
const percent = () => pick([`${int(1, 24)}.${pad(int(0, 99), 2)}% APR`, `${int(1, 99)}%`, `${int(1, 9)}.${int(0, 9)}%`]);
const time = () => pick([`${int(1, 12)}:${pad(int(0, 59), 2)} ${pick(["AM", "PM"])}`, `${pad(int(0, 23), 2)}:${pad(int(0, 59), 2)}`]);
const year = () => String(int(1995, 2024));
const room = () => pick([`room ${int(100, 999)}`, `Room ${int(2, 9)}${pick(["A", "B", "C"])}`, `bed ${int(1, 30)}`]);
const reference = () => pick([`INV-${digits(6)}`, `order #${int(1, 9)}${digits(7)}`, `ticket ${int(10000, 99999)}`, `claim ${int(2021, 2024)}${digits(4)}-${digits(3)}`]);
const version = () => pick([`v${int(1, 9)}.${int(0, 30)}.${int(0, 20)}`, `version ${int(1, 19)}.${int(0, 9)}.${int(1000, 22000)}`]);

// ---------------------------------------------------------------- accuracy corpus

const TEMPLATES = {
  clinical_note(d) {
    const p = person();
    const age = int(90, 104);
    d.t("CLINIC NOTE\nPatient: ").id("PERSON", `${p.first} ${p.last}`).t("   MRN: ").id("MRN", `${int(1, 9)}${digits(7)}`).t("   DOB: ").id("DATE", date()).t("\n");
    d.t("Visit ").id("DATE", recentDate()).t(" at ").neg("TIME", time()).t(". ").id("AGE_OVER_89", pick([`${age}-year-old`, `${age} y/o`])).t(" ");
    d.t(pick(["woman", "man"])).t(" with type 2 diabetes (").neg("ICD10_CODE", pick(ICD)).t("), seen for follow-up. ").neg("LAB_VALUE", labs()).t(", ").neg("LAB_VALUE", labs()).t(".\n");
    d.t("Plan: continue ").neg("MEDICATION_DOSE", pick(DOSES)).t("; billed ").neg("CPT_CODE", pick(CPT)).t(". Symptoms since ").neg("YEAR", year()).t(".\n");
    d.t("Call back: ").id("PHONE", phone()).t(". Attending: Dr. ").id("PERSON", pick(LAST)).t(", NPI ").id("NPI", npi()).t(".\n");
  },
  discharge_summary(d) {
    const p = person();
    const c = pick(CITIES);
    d.t("DISCHARGE SUMMARY\nName: ").id("PERSON", `${p.last}, ${p.first}`).t("\nAdmitted: ").id("DATE", recentDate()).t("  Discharged: ").id("DATE", recentDate()).t("\n");
    d.t("Home address: ").id("STREET_ADDRESS", `${int(10, 9899)} ${pick(STREETS)}`).t(", ").id("CITY", c[0]).t(", " + c[1] + " ").id("ZIP", c[2] + digits(2)).t("\n");
    d.t("Stayed in ").neg("ROOM_NUMBER", room()).t("; discharged at ").neg("TIME", time()).t(". Discharge meds: ").neg("MEDICATION_DOSE", pick(DOSES)).t(" and ").neg("MEDICATION_DOSE", pick(DOSES)).t(".\n");
    d.t("Last ").neg("LAB_VALUE", labs()).t(". Diagnoses ").neg("ICD10_CODE", pick(ICD)).t(", ").neg("ICD10_CODE", pick(ICD)).t(".\n");
    d.t("Insurance member ID ").id("HEALTH_PLAN_ID", `${chars(UPPER, 3)}${digits(9)}`).t("; Medicare MBI ").id("HEALTH_PLAN_ID", mbi()).t(".\n");
    d.t("Questions: ").id("EMAIL", email(p)).t("\n");
  },
  referral_letter(d) {
    const p = person();
    const doc = person();
    d.t("Dear Dr. ").id("PERSON", doc.last).t(",\n\nI am referring ").id("PERSON", `${p.first} ${p.last}`).t(" (born ").id("DATE", date()).t(", SSN ").id("SSN", ssn()).t(") for evaluation of ");
    d.t(pick(["chronic kidney disease", "atrial fibrillation", "persistent low back pain"])).t(" (").neg("ICD10_CODE", pick(ICD)).t("). Recent ").neg("LAB_VALUE", labs()).t(" and ").neg("LAB_VALUE", labs()).t(".\n");
    d.t("Current therapy: ").neg("MEDICATION_DOSE", pick(DOSES)).t(". Her pharmacy's DEA on file is ").id("DEA_NUMBER", dea(doc.last)).t(".\n");
    d.t("You can reach the patient at ").id("PHONE", phone()).t(" or ").id("EMAIL", email(p)).t(".\n\nSincerely,\n").id("PERSON", `${doc.first} ${doc.last}`).t(", MD\n");
  },
  lab_report(d) {
    d.t("LAB REPORT  Accession ").neg("REFERENCE_NUMBER", reference()).t("\nPatient ID (MRN) ").id("MRN", `${chars(UPPER, 2)}${digits(6)}`).t("  Collected ").id("DATE", recentDate()).t(" ").neg("TIME", time()).t("\n");
    d.t(pick(["Comprehensive metabolic panel", "Lipid panel", "CBC with differential"])).t(" (CPT ").neg("CPT_CODE", pick(CPT)).t("):\n  ").neg("LAB_VALUE", labs()).t("\n  ").neg("LAB_VALUE", labs()).t("\n  ").neg("LAB_VALUE", labs()).t("\n");
    d.t("Analyzer serial no. ").id("DEVICE_ID", `SN-${chars(UPPER + "0123456789", 8)}`).t(", firmware ").neg("VERSION", version()).t(". Result uploaded to ").id("URL", `https://results.lakeside-clinic.net/r/${chars(ALNUM, 12)}`).t("\n");
  },
  portal_message(d) {
    const p = person();
    d.t(pick(["Hi", "Hello", "Good morning"])).t(" Dr. ").id("PERSON", pick(LAST)).t(", this is ").id("PERSON", p.first).t(". My new number is ").id("PHONE", phone()).t(" and my email changed to ").id("EMAIL", email(p)).t(". ");
    d.t("I ran out of ").neg("MEDICATION_DOSE", pick(DOSES)).t(" on ").id("DATE", recentDate()).t(". My blood pressure this morning was ").neg("LAB_VALUE", `${int(110, 160)}/${int(65, 95)}`).t(" at ").neg("TIME", time()).t(". ");
    d.t("My mother is ").id("AGE_OVER_89", `${int(90, 99)} years old`).t(" and lives with us. Thanks, ").id("PERSON", p.first).t("\n");
  },
  pharmacy_refill(d) {
    const p = person();
    const doc = person();
    d.t("Refill request for ").id("PERSON", `${p.first[0]}. ${p.last}`).t(", DOB ").id("DATE", date()).t(". Prescriber ").id("PERSON", `${doc.first} ${doc.last}`).t(", DEA ").id("DEA_NUMBER", dea(doc.last)).t(", NPI ").id("NPI", npi()).t(".\n");
    d.t("Rx: ").neg("MEDICATION_DOSE", pick(DOSES)).t(", 90 tablets, copay ").neg("MONEY", money()).t(". Deliver to ").id("STREET_ADDRESS", `${int(10, 999)} ${pick(STREETS)}`).t(" by Friday.\n");
    d.t("Patient is staying in ").neg("ROOM_NUMBER", room()).t(" until discharge.\n");
    d.t("Member ").id("HEALTH_PLAN_ID", `${chars(UPPER, 2)}${digits(8)}`).t(", group ").neg("REFERENCE_NUMBER", `GRP-${digits(5)}`).t(".\n");
  },
  bank_chat(d) {
    const p = person();
    d.t("Agent: Thanks for contacting us. Can you confirm the account holder name?\nCustomer: ").id("PERSON", `${p.first} ${p.last}`).t("\n");
    d.t("Agent: And the card number on file?\nCustomer: ").id("CREDIT_CARD", formatCard(cardNumber())).t(", expires ").id("CARD_EXPIRY", `${pad(int(1, 12), 2)}/${int(26, 31)}`).t(", CVV ").id("CARD_CVV", digits(3)).t("\n");
    d.t("Agent: I see a charge of ").neg("MONEY", money()).t(" on ").id("DATE", recentDate()).t(" and the rate is ").neg("PERCENT", percent()).t(". Your checking account ").id("BANK_ACCOUNT", digits(int(9, 12))).t(" is fine.\n");
    d.t("Customer: My SSN is ").id("SSN", ssn()).t(" if you need it. Call me on ").id("PHONE", phone()).t(".\n");
  },
  card_dispute(d) {
    const p = person();
    d.t("Subject: Dispute of transaction ").neg("REFERENCE_NUMBER", reference()).t("\n\nHello,\n\nI did not authorize the ").neg("MONEY", money()).t(" charge posted at ").neg("TIME", time()).t(" on my card ").id("CREDIT_CARD", formatCard(cardNumber())).t(". ");
    d.t("A similar-looking number ").neg("INVALID_CARD", invalidCard()).t(" on the receipt is not mine. I have banked with you since ").neg("YEAR", year()).t(".\n");
    d.t("Please reply to ").id("EMAIL", email(p)).t(" or ").id("PHONE", phone()).t(".\n\n").id("PERSON", `${p.first} ${p.last}`).t("\n").id("STREET_ADDRESS", `${int(10, 9899)} ${pick(STREETS)}`).t("\n");
  },
  wire_instructions(d) {
    const p = person();
    d.t("WIRE INSTRUCTIONS\nBeneficiary: ").id("PERSON", `${p.first} ${p.last}`).t("\nIBAN: ").id("IBAN", formatIban(ibanValue())).t("\nSWIFT/BIC: ").id("SWIFT_BIC", swift()).t("\n");
    d.t("Intermediary ABA routing: ").id("ROUTING_NUMBER", abaRouting()).t("  Account no. ").id("BANK_ACCOUNT", digits(int(8, 12))).t("\n");
    d.t("Amount: ").neg("MONEY", money()).t("; fee ").neg("PERCENT", percent()).t("; value date ").id("DATE", recentDate()).t(". Reference ").neg("REFERENCE_NUMBER", reference()).t(".\n");
    d.t("Contact: ").id("PHONE", intlPhone()).t("\n");
  },
  loan_application(d) {
    const p = person();
    const c = pick(CITIES);
    d.t("LOAN APPLICATION\nApplicant: ").id("PERSON", `${p.first} ${p.last}`).t("   Date of birth: ").id("DATE", date()).t("\nSSN: ").id("SSN", ssn()).t("   Driver's license: ").id("DRIVER_LICENSE", `${pick(UPPER)}${digits(7)}`).t("\n");
    d.t("Address: ").id("STREET_ADDRESS", `${int(10, 9899)} ${pick(STREETS)}`).t(", ").id("CITY", c[0]).t(", " + c[1] + " ").id("ZIP", c[2] + digits(2)).t("\n");
    d.t("Requested: ").neg("MONEY", money()).t(" at ").neg("PERCENT", percent()).t(" over 60 months; employed since ").neg("YEAR", year()).t(". Collateral vehicle VIN ").id("VIN", vin()).t(".\n");
    d.t("Not an SSN: ").neg("INVALID_SSN", invalidSsn()).t(" (form number). Email ").id("EMAIL", email(p)).t("\n");
  },
  kyc_note(d) {
    const p = person();
    d.t("KYC review ").id("DATE", recentDate()).t(": customer ").id("PERSON", `${p.first} ${p.last}`).t(" presented passport ").id("PASSPORT", `${pick(["C", "X", "E"])}${digits(8)}`).t(" and SSN ").id("SSN", ssn()).t(". ");
    d.t("Login from ").id("IP_ADDRESS", ipv4()).t(" at ").neg("TIME", time()).t(", device MAC ").id("MAC_ADDRESS", mac()).t(". Risk score ").neg("PERCENT", `${int(1, 99)}%`).t(". ");
    d.t("Case ").neg("REFERENCE_NUMBER", reference()).t(" closed.\n");
  },
  it_incident(d) {
    d.t("INCIDENT ").neg("REFERENCE_NUMBER", `INC${digits(7)}`).t(": a developer pasted a config into the support chat.\n");
    d.t("  AWS_ACCESS_KEY_ID=").id("API_KEY", "AKIA" + chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)).t("\n  STRIPE_KEY=").id("API_KEY", apiKey()).t("\n");
    d.t("  upstream=").id("IP_ADDRESS", pick([ipv4(), ipv6()])).t(" build=").neg("VERSION", version()).t(" commit=").neg("GIT_HASH", hex(40)).t("\n");
    d.t("  trace_id=").neg("UUID", uuid()).t(" patient_portal=").id("URL", `https://portal.mercyhealth.org/u/${chars(ALNUM, 10)}`).t("\n");
    d.t("Keys were rotated at ").neg("TIME", time()).t("; ").neg("PERCENT", `${int(1, 99)}%`).t(" of requests failed.\n");
  },
  device_log(d) {
    d.t("Pump telemetry: device IMEI ").id("DEVICE_ID", imei()).t(", serial ").id("DEVICE_ID", `${chars(UPPER, 2)}${digits(8)}`).t(", firmware ").neg("VERSION", version()).t(".\n");
    d.t("Basal rate ").neg("MEDICATION_DOSE", `insulin lispro ${int(1, 3)}.${int(0, 9)} units/h`).t(", ").neg("LAB_VALUE", labs()).t(". Synced ").neg("TIME", time()).t(" from ").id("IP_ADDRESS", ipv4()).t(", session ").neg("UUID", uuid()).t(".\n");
    d.t("Owner ").id("PERSON", `${pick(FIRST)} ${pick(LAST)}`).t(", a ").id("AGE_OVER_89", `${int(90, 99)}-year-old`).t(" in ").neg("ROOM_NUMBER", room()).t(".\n");
  },
  card_terminal(d) {
    d.t("POS log ").neg("REFERENCE_NUMBER", reference()).t(": swipe read ").id("CARD_TRACK", `%B${cardNumber("visa")}^${pick(LAST).toUpperCase()}/${pick(FIRST).toUpperCase()}^${int(26, 31)}${pad(int(1, 12), 2)}101000000000000?`).t("; PIN ").id("CARD_PIN", digits(4)).t(" entered.\n");
    d.t("Approved ").neg("MONEY", money()).t(" at ").neg("TIME", time()).t("; card on file ").id("CREDIT_CARD", formatCard(cardNumber())).t(", backup ").neg("INVALID_CARD", invalidCard()).t(".\n");
  },
};

function accuracy() {
  const lines = [];
  for (const [name, template] of Object.entries(TEMPLATES)) {
    for (let i = 0; i < 16; i++) {
      const d = new Doc(`${name}-${pad(i, 2)}`, name);
      template(d);
      lines.push(d.json());
    }
  }
  return lines;
}

// ---------------------------------------------------------------- obfuscated corpus

const ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"];
const CYRILLIC = { a: "\u0430", c: "\u0441", e: "\u0435", o: "\u043e", p: "\u0440", x: "\u0445", y: "\u0443", i: "\u0456", s: "\u0455", A: "\u0410", B: "\u0412", E: "\u0415", K: "\u041a", M: "\u041c", H: "\u041d", O: "\u041e", P: "\u0420", C: "\u0421", T: "\u0422", X: "\u0425" };
const GREEK = { o: "\u03bf", v: "\u03bd", A: "\u0391", B: "\u0392", E: "\u0395", Z: "\u0396", H: "\u0397", I: "\u0399", K: "\u039a", M: "\u039c", N: "\u039d", O: "\u039f", P: "\u03a1", T: "\u03a4", X: "\u03a7" };
const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const mapDigits = (s, zero) => s.replace(/[0-9]/g, (c) => String.fromCodePoint(zero + Number(c)));

// Each obfuscation: name, entity kinds it applies to, and a function from the plain value.
const OBFUSCATIONS = [
  ["zero_width", "EMAIL PHONE SSN CREDIT_CARD IBAN", (v) => [...v].map((c, i) => (i > 0 && i % 3 === 0 ? pick(ZW) + c : c)).join("")],
  ["soft_hyphen", "EMAIL PHONE SSN CREDIT_CARD IBAN", (v) => [...v].map((c, i) => (i > 0 && i % 4 === 2 ? "\u00ad" + c : c)).join("")],
  ["bidi_controls", "PHONE SSN CREDIT_CARD", (v) => "\u202d" + v.replace(/-/g, "\u200e-") + "\u202c"],
  ["fullwidth", "EMAIL PHONE SSN CREDIT_CARD IBAN", (v) => [...v].map((c) => (/[!-~]/.test(c) && c !== " " ? String.fromCodePoint(c.codePointAt(0) + 0xfee0) : c)).join("")],
  ["arabic_indic_digits", "PHONE SSN CREDIT_CARD", (v) => mapDigits(v, 0x660)],
  ["devanagari_digits", "PHONE SSN CREDIT_CARD", (v) => mapDigits(v, 0x966)],
  ["math_digits", "PHONE SSN CREDIT_CARD IBAN", (v) => mapDigits(v, 0x1d7ce)],
  ["unicode_dashes", "PHONE SSN CREDIT_CARD", (v) => v.replace(/-/g, () => pick(["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"]))],
  ["unicode_spaces", "PHONE SSN CREDIT_CARD IBAN", (v) => v.replace(/ /g, () => pick(["\u00a0", "\u2007", "\u2009", "\u202f", "\u3000"]))],
  ["cyrillic_homoglyphs", "EMAIL IBAN", (v) => [...v].map((c, i) => (CYRILLIC[c] && i % 2 === 0 ? CYRILLIC[c] : c)).join("")],
  ["greek_homoglyphs", "EMAIL IBAN", (v) => [...v].map((c) => GREEK[c] ?? c).join("")],
  ["line_break", "PHONE SSN CREDIT_CARD IBAN", null],
  ["spaced_digits", "PHONE SSN CREDIT_CARD", (v) => v.replace(/[0-9]{2,}/g, (g) => g.split("").join(" ")).replace(/-/g, " - ")],
  ["wide_spaces", "PHONE CREDIT_CARD", (v) => v.replace(/ /g, "   ")],
  ["dotted_groups", "SSN CREDIT_CARD", (v) => v.replace(/[ -]/g, ".")],
  ["spaced_dashes", "PHONE SSN CREDIT_CARD", (v) => v.replace(/-/g, " - ")],
  ["spelled_digits", "PHONE SSN CREDIT_CARD", (v) => v.split(/[^0-9]+/).filter(Boolean).map((g) => [...g].map((c) => NUMBER_WORDS[Number(c)]).join(" ")).join(pick([", ", " - ", ", "]))],
  ["spelled_email", "EMAIL", (v) => v.replace(/\./g, " dot ").replace("@", " at ")],
  ["bracketed_email", "EMAIL", (v) => v.replace(/\./g, pick([" [dot] ", "[dot]", " (dot) "])).replace("@", pick([" [at] ", "[at]", " (at) ", " {at} "]))],
  ["percent_encoded", "EMAIL SSN CREDIT_CARD", (v) => v.replace(/[@.\- ]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"))],
];

function lineBreak(type, v) {
  // Break between two digit groups (never inside letters).
  const spots = [...v.matchAll(/[0-9]([ -])[0-9]/g)].map((m) => m.index + 1);
  if (!spots.length) return null;
  const at = spots[Math.floor(spots.length / 2)];
  const sep = v[at];
  return v.slice(0, at) + (sep === "-" ? "-\n" : "\n") + v.slice(at + 1);
}

function plainValue(type) {
  switch (type) {
    case "EMAIL":
      return email(person());
    case "PHONE":
      return pick([`(${int(2, 9)}${digits(2)}) ${int(2, 9)}${digits(2)}-${digits(4)}`, `${int(2, 9)}${digits(2)}-${int(2, 9)}${digits(2)}-${digits(4)}`, `+1 ${int(2, 9)}${digits(2)} ${int(2, 9)}${digits(2)} ${digits(4)}`]);
    case "SSN":
      return ssn();
    case "CREDIT_CARD": {
      const n = cardNumber(pick(["visa", "mc", "disc"]));
      return n.match(/.{4}/g).join(pick([" ", "-"]));
    }
    case "IBAN":
      return group4(ibanValue());
  }
  return null;
}

const CONTEXT = {
  EMAIL: ["Please send the results to {} before Friday.", "Patient asked us to use {} for portal messages.", "Forward the statement to {} by noon."],
  PHONE: ["Call the patient back at {} after lunch.", "Customer's mobile: {} (prefers texts).", "Reach me on {} tonight."],
  SSN: ["Applicant SSN {} verified.", "Her social security number is {} per the intake form.", "SSN: {}"],
  CREDIT_CARD: ["Card used: {} for the copay.", "Charge it to {} please.", "Customer read the card number as {} over the phone."],
  IBAN: ["Send the refund to IBAN {} today.", "Beneficiary account (IBAN): {}.", "IBAN {} belongs to the landlord."],
};

// Identifiers of other kinds whose shape the normalizer must leave alone (dotted numbers).
const OTHER_IDS = [
  ["IP_ADDRESS", () => ipv4()],
  ["DATE", () => `${pad(int(1, 28), 2)}.${pad(int(1, 12), 2)}.${int(1950, 2020)}`],
];

// Text that normalization must not turn into identifiers, and plain content next to disguised values.
const LOOKALIKES = [
  ["PAIN_SCALE", () => `pain ${int(1, 3)} 2 3 4 5`],
  ["VERSION", () => version()],
  ["OID", () => `1.2.840.${int(10000, 99999)}.1.2.${int(1, 9)}`],
  ["DECIMAL", () => `${int(1, 99)}.${int(1, 9)} mmol/L`],
  ["PROSE_AT", () => pick(["seen at home. Com", "meet us at the lobby", "visit us at the clinic. Then", "look at the chart"])],
  ["PROSE_NUMBERS", () => pick(["take one or two tablets", "one, two or three times", "someone done twice", "one-on-one session"])],
  ["LAB_TABLE", () => `Na ${int(130, 145)}\n${int(3, 5)}.${int(0, 9)} K`],
  ["MONEY", () => money()],
  ["LAB_VALUE", () => labs()],
  ["TIME", () => time()],
  ["PERCENT_TEXT", () => `${int(10, 90)}% of ${int(10, 90)}%`],
];

function obfuscated() {
  const lines = [];
  let n = 0;
  for (const [name, kinds, fn] of OBFUSCATIONS) {
    for (const type of kinds.split(" ")) {
      for (let k = 0; k < 3; k++) {
        const plain = plainValue(type);
        let value = name === "line_break" ? lineBreak(type, plain) : fn(plain);
        if (!value || value === plain) value = null;
        if (!value) continue;
        if (name === "percent_encoded") value = pick(["https://portal.example.org/verify?v=", "mailto:", "https://pay.example.com/c?id="]) + value;
        const [before, after] = pick(CONTEXT[type]).split("{}");
        const d = new Doc(`obf-${pad(n++, 3)}-${name}-${type.toLowerCase()}`, "obfuscated");
        d.t(before);
        if (name === "percent_encoded") {
          // The URL is the carrier; the labelled value is the encoded identifier inside it.
          const cut = value.lastIndexOf(value.match(/[=:]/g).pop()) + 1;
          d.t(value.slice(0, cut)).id(type, value.slice(cut), { canonical: plain, obfuscation: name });
        } else {
          d.id(type, value, { canonical: plain, obfuscation: name });
        }
        d.t(after).t(" Other values: ");
        const [kind, make] = pick(LOOKALIKES);
        d.neg(kind, make()).t(".");
        lines.push(d.json());
      }
    }
  }
  // Look-alikes on their own, several per item.
  for (let i = 0; i < 24; i++) {
    const d = new Doc(`lookalike-${pad(i, 2)}`, "lookalike");
    d.t("Notes: ");
    for (let j = 0; j < 4; j++) {
      const [kind, make] = pick(LOOKALIKES);
      d.neg(kind, make()).t(j < 3 ? "; " : ".");
    }
    const [type, make] = pick(OTHER_IDS);
    d.t(type === "DATE" ? " Seen on " : " Logged in from ").id(type, make()).t(".");
    lines.push(d.json());
  }
  return lines;
}

for (const [dir, lines] of [["accuracy", accuracy()], ["obfuscated", obfuscated()]]) {
  const out = join(root, "tests", "fixtures", dir);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "text.jsonl"), lines.join("\n") + "\n");
  console.log(`wrote tests/fixtures/${dir}/text.jsonl (${lines.length} items)`);
}

// Self-check: every checksummed value is valid, every span's value is its text.
for (const dir of ["accuracy", "obfuscated"]) {
  for (const line of readFileSync(join(root, "tests", "fixtures", dir, "text.jsonl"), "utf8").trim().split("\n")) {
    const item = JSON.parse(line);
    const cps = [...item.text];
    for (const s of [...item.spans, ...item.negatives]) {
      if (cps.slice(s.start, s.end).join("") !== s.value) throw new Error(`${item.id}: offsets of ${s.type ?? s.kind}`);
    }
    for (const s of item.spans) {
      const plain = (s.canonical ?? s.value).replace(/[^0-9A-Za-z]/g, "");
      if (s.type === "CREDIT_CARD" && !luhnValid(plain)) throw new Error(`${item.id}: Luhn`);
      if (s.type === "IBAN" && mod97(plain.slice(4) + plain.slice(0, 4)) !== 1) throw new Error(`${item.id}: IBAN`);
      if (s.type === "NPI" && !luhnValid("80840" + plain)) throw new Error(`${item.id}: NPI`);
      if (s.type === "DEVICE_ID" && /^[0-9]{15}$/.test(plain) && !luhnValid(plain)) throw new Error(`${item.id}: IMEI`);
    }
  }
}
