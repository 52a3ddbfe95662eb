//! The JavaScript API. The only module that names `wasm_bindgen` or `js_sys`: it converts plain JS
//! data to the core's types and back, and turns every core error into a real JS `Error` with a
//! stable `name`, `code` and `path`.
//!
//! Methods of the JS `Sanitizer` class may be spread over several files of this module, each with
//! its own `#[wasm_bindgen(js_class = Sanitizer)] impl JsSanitizer` block. Every JS input goes
//! through [`convert`] (`convert::text`, `convert::json`, `convert::input` with the sanitizer's
//! limits), never `serde_wasm_bindgen::from_value`: it enforces depth and size before copying or
//! recursing, refuses cycles and non-JSON values, and turns throwing getters into errors.

pub(crate) mod convert;
mod pseudonyms;
mod tape;
#[cfg(feature = "trap-test")]
mod trap_test;

use crate::{utf16_offsets, Error, ErrorKind, Limits, Policy, Sanitizer as Core};
use serde::Serialize;
use wasm_bindgen::prelude::*;

mod catalog;
mod records;
pub use records::JsJsonlStream;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A built-in policy name. */
export type PresetName = "default" | "strict" | "hipaa-safe-harbor" | "pci-dss" | "gdpr-pseudonymize";
/** An entity kind's stable name, e.g. "EMAIL" or "CREDIT_CARD". */
export type EntityName = string;
/** An action on a finding: a name, or an object with an `action` tag and options. */
export type Action =
  | "keep" | "drop" | "redact" | "mask" | "pseudonymize" | "surrogate" | "dateShift" | "generalize"
  | { action: "keep" | "drop" | "redact" | "pseudonymize" | "surrogate" }
  | { action: "mask"; keepFirst?: number; keepLast?: number; char?: string }
  | ({ action: "dateShift" } & DateShiftOptions)
  | { action: "generalize"; to?: "year" | "yearMonth" | "age" | "zip3" | "bucket" | "decimals";
      size?: number; decimals?: number; ageCap?: boolean };
/** A per-field rule; `path` is a JSON Pointer pattern (`*` one segment, `**` any, globs). */
export interface FieldRule { path: string; action: Action | "scan"; entity?: EntityName }
/** A rule that blocks a record: an entity kind anywhere, a field present, or both. */
export interface BlockRule { entity?: EntityName; path?: string }
/** Sanitizer configuration. Unknown fields are errors. */
export interface Policy {
  defaultAction?: Action;
  entities?: Record<EntityName, Action>;
  minScore?: number;
  /** Pseudonym key: bytes (at least 16), hex (at least 32 digits) or a passphrase. Without it
   * each Sanitizer draws a random key. Never echoed in outputs, reports or errors. */
  key?: Uint8Array | ArrayBuffer | string | PassphraseKey;
  /** Resource limits; exceeding one throws a LimitError. Each has a hard ceiling (see SECURITY.md). */
  limits?: {
    maxInputBytes?: number; maxDepth?: number; maxFindings?: number; maxVaultEntries?: number;
    maxPatternBytes?: number;
  };
  /** Per-field rules, most specific match first. */
  fields?: FieldRule[];
  /** Only fields named by `fields` leave; everything else is dropped. */
  allowOnly?: boolean;
  /** Rules that block a record outright (`sanitize` throws `BlockedError`). */
  block?: BlockRule[];
  /** Use field names as evidence (default true). */
  fieldNames?: boolean;
  /** The date ages are computed at, YYYY-MM-DD (default: today). */
  referenceDate?: string;
}
/** One detected identifier; offsets are UTF-16 code units (JS string indices). */
export interface Finding { entity: EntityName; start: number; end: number; score: number }
/** What one call did. Never holds a value or the key. */
export interface Report {
  decision: Decision;
  level: Level;
  categories: Category[];
  total: number;
  entities: Record<EntityName, Record<string, number>>;
  fields: FieldReport[];
  dropped: string[];
  blockedBy?: BlockedBy;
  /** sha256 fingerprint of the canonical policy. */
  policy: string;
  version: string;
}
/**
 * Any JSON-compatible value: plain objects, dense arrays, strings without lone surrogates, finite
 * numbers, booleans and null. Object properties that are `undefined` are omitted (as in
 * JSON.stringify); anything else (Map, Date, class instances, holes, NaN, BigInt, cycles...) is an
 * InputError naming its path.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** What `sanitize` returns. */
export interface SanitizeResult<T = string | JsonValue> { output: T; report: Report }
/** Every error sanitas throws is an `Error` with these extra fields. */
export interface SanitasError extends Error {
  name: "PolicyError" | "KeyError" | "InputError" | "LimitError" | "BlockedError" | "InternalError";
  code: string;
  path: string;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// What the constructor accepts: a policy object or a preset name.
    #[wasm_bindgen(typescript_type = "Policy | PresetName")]
    pub type PolicyInput;
}

/// Detects, pseudonymizes and re-identifies under one policy, with one key and one vault.
#[wasm_bindgen(js_name = Sanitizer)]
#[derive(Debug)]
pub struct JsSanitizer {
    pub(crate) inner: Core,
}

#[wasm_bindgen(js_class = Sanitizer)]
impl JsSanitizer {
    /// `new Sanitizer()` protects every identifier kind with keyed tokens; pass a preset name
    /// or a policy object to choose otherwise.
    #[wasm_bindgen(constructor)]
    pub fn new(policy: Option<PolicyInput>) -> Result<JsSanitizer, JsValue> {
        let policy = match policy.map(JsValue::from) {
            None => Policy::default(),
            Some(v) if v.is_null() || v.is_undefined() => Policy::default(),
            Some(v) if v.is_string() => Policy::preset(&convert::preset_name(&v)).map_err(to_js)?,
            Some(v) if v.is_object() => {
                let (v, key) = pseudonyms::take_key_bytes(v)?;
                let value = match key {
                    Some(_) => convert::policy_without_key(&v),
                    None => convert::policy(&v),
                };
                let mut policy = Policy::from_value(value.map_err(to_js)?).map_err(to_js)?;
                if key.is_some() {
                    policy.key = key;
                }
                policy
            }
            Some(v) => return Err(to_js(convert::not_a_policy(&v))),
        };
        records::install_clock();
        Ok(JsSanitizer { inner: Core::new(policy).map_err(to_js)? })
    }

    /// The identifiers in `text`: `{ entity, start, end, score }` with UTF-16 offsets.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn scan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = convert::text(&text, self.inner.limits()).map_err(to_js)?;
        let findings = self.inner.scan(&text).map_err(to_js)?;
        let mut bounds = Vec::with_capacity(findings.len() * 2);
        for f in &findings {
            bounds.push(f.start);
            bounds.push(f.end);
        }
        // Ends can precede the next start, so sort a copy to keep the conversion one pass.
        let mut sorted = bounds.clone();
        sorted.sort_unstable();
        sorted.dedup();
        let units = utf16_offsets(&text, &sorted);
        let to_units =
            |b: usize| sorted.binary_search(&b).ok().and_then(|i| units.get(i).copied()).unwrap_or(0);
        let out: Vec<JsFinding> = findings
            .iter()
            .map(|f| JsFinding {
                entity: f.entity.name(),
                start: to_units(f.start),
                end: to_units(f.end),
                score: f64::from(f.score),
            })
            .collect();
        to_plain(&out)
    }

    /// Sanitizes a string or any JSON-compatible value. Returns `{ output, report }`; throws and
    /// returns nothing if any part fails.
    #[wasm_bindgen(unchecked_return_type = "SanitizeResult")]
    pub fn sanitize(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | JsonValue")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        match convert::input(&input, self.inner.limits()).map_err(to_js)? {
            convert::Input::Text(text) => {
                let done = self.inner.sanitize_text(&text).map_err(to_js)?;
                text_result(&done.output, &done.report)
            }
            convert::Input::Json(value) => {
                let done = self.inner.sanitize_json(&value).map_err(to_js)?;
                to_json(&JsSanitized { output: done.output, report: done.report })
            }
        }
    }

    /// Restores the tokens this Sanitizer issued in `text`.
    pub fn reidentify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<String, JsValue> {
        Ok(self.inner.reidentify(&convert::text(&text, self.inner.limits()).map_err(to_js)?))
    }
}

/// The library version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

#[derive(Serialize)]
struct JsFinding {
    entity: &'static str,
    start: usize,
    end: usize,
    /// The f32 score widened exactly (JS has always seen `0.8500000238418579`, not `0.85`).
    score: f64,
}

#[derive(Serialize)]
struct JsSanitized<T: Serialize> {
    output: T,
    report: crate::Report,
}

/// A string argument within the hard ceilings (prefer `convert::text` with the sanitizer's own
/// limits): non-strings, lone surrogates and oversized strings are errors.
pub(crate) fn expect_string(v: JsValue) -> Result<String, JsValue> {
    convert::text(&v, &Limits::CEILING).map_err(to_js)
}

/// Serializes to plain objects, arrays and `null` (never `Map` or `undefined`), as
/// serde-wasm-bindgen's `json_compatible` serializer did: integers beyond ±(2^53 − 1) are an
/// error, `f32` is widened exactly. The value crosses as one tape ([`tape`]).
pub(crate) fn to_plain<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    tape::to_js_value(value, tape::Flavour::Plain).map_err(|()| conversion_failed())
}

/// `{ output, report }` for a text output, in one crossing: the output and every string of the
/// report are decoded from wasm memory at once.
pub(crate) fn text_result(output: &str, report: &crate::Report) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct TextResult<'a> {
        output: &'a str,
        report: &'a crate::Report,
    }
    to_plain(&TextResult { output, report })
}

/// The value `serde_json::to_string` then `JSON.parse` built (it was built that way): integers
/// are rounded to the nearest double, NaN and ±Infinity are `null`, a key `"__proto__"` is an
/// own property. The value crosses as one tape ([`tape`]), which is cheaper than JSON text.
pub(crate) fn to_json<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    tape::to_js_value(value, tape::Flavour::Json).map_err(|()| conversion_failed())
}

fn conversion_failed() -> JsValue {
    to_js(Error::new(ErrorKind::Internal, "", "the result could not be converted"))
}

/// A real `Error` with `name`, `code` and `path`.
pub(crate) fn to_js(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name(e.kind().js_name());
    let obj: &JsValue = err.as_ref();
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(obj, &"code".into(), &e.kind().code().into());
    let _ = js_sys::Reflect::set(obj, &"path".into(), &e.path().into());
    err.into()
}
