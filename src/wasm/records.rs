//! JS methods for records: `classify`, `sanitizeJson` (JSON text in and out, numbers kept
//! exactly), `sanitizeBatch`, and the `JsonlStream` class for large JSONL inputs.

use super::{convert, expect_string, to_js, to_json, to_plain, JsSanitizer};
use crate::{BatchItem, Error, ErrorKind, JsonlMode, JsonlStream, Limits, Report, Summary};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_RECORDS: &str = r#"
/** A regulatory category. */
export type Category = "PHI" | "PII" | "PCI" | "FINANCIAL" | "CREDENTIAL";
/** Sensitivity, from least to most. */
export type Level = "public" | "internal" | "confidential" | "restricted";
/** What the policy does with a record. */
export type Decision = "allow" | "transform" | "block";
/** One field of a report or classification. `pointer` is an RFC 6901 JSON Pointer into the input
 *  ("" for text); keys that are identifiers appear replaced. */
export interface FieldReport {
  pointer: string;
  entities: EntityName[];
  actions: string[];
  categories: Category[];
  level: Level;
}
/** The block rule that stopped a record. */
export interface BlockedBy { rule: string; pointer: string; entity?: EntityName }
/** What `classify` returns; nothing is transformed and no token is issued. */
export interface Classification {
  decision: Decision;
  level: Level;
  categories: Category[];
  fields: FieldReport[];
  dropped: string[];
  blockedBy?: BlockedBy;
  policy: string;
  version: string;
}
/** What `sanitizeJson` returns: JSON text whose untouched numbers are copied exactly. */
export interface SanitizeJsonResult { output: string; report: Report }
/** One record of `sanitizeBatch`: sanitized, blocked (no output) or failed (no output). */
export type BatchItem =
  | { status: "ok"; output: JsonValue; report: Report }
  | { status: "blocked"; report: Report }
  | { status: "error"; error: { name: string; code: string; path: string; message: string } };
/** Counts over a batch or stream; `fields` and `dropped` are keyed by pointer pattern. */
export interface Summary {
  records: number; allowed: number; transformed: number; blocked: number; failed: number;
  level: Level; categories: Category[]; total: number;
  entities: Record<EntityName, Record<string, number>>;
  fields: Record<string, { count: number; entities: EntityName[]; actions: string[] }>;
  dropped: Record<string, number>;
  blockedAt: number[];
  policy: string; version: string;
}
/** What `sanitizeBatch` returns. */
export interface BatchResult { items: BatchItem[]; summary: Summary }
/** Options of a `JsonlStream`. */
export interface JsonlOptions { mode?: "sanitize" | "classify" }
/** Progress of a `JsonlStream`. */
export interface JsonlProgress { lines: number; bytesIn: number; bytesOut: number; records: number; blocked: number }
"#;

#[wasm_bindgen(js_class = Sanitizer)]
impl JsSanitizer {
    /// Classifies a record or a text without transforming it: each field's entity kinds,
    /// categories and level, and the record's level, categories and decision.
    #[wasm_bindgen(unchecked_return_type = "Classification")]
    pub fn classify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | JsonValue")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        let c = match convert::input(&input, self.inner.limits()).map_err(to_js)? {
            convert::Input::Text(text) => self.inner.classify_text(&text),
            convert::Input::Json(value) => self.inner.classify_json(&value),
        }
        .map_err(to_js)?;
        to_json(&c)
    }

    /// `classify` for a record given as JSON text (parse errors give the column, never the text).
    #[wasm_bindgen(js_name = classifyJson, unchecked_return_type = "Classification")]
    pub fn classify_json_text(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    ) -> Result<JsValue, JsValue> {
        let json = expect_string(json)?;
        to_json(&self.inner.classify_json_str(&json).map_err(to_js)?)
    }

    /// Sanitizes a record given as JSON text; returns `{ output, report }` with `output` as JSON
    /// text. Numbers left untouched keep their exact spelling (`1234.0`, `1.50`, long integers),
    /// which JS objects cannot. Throws `BlockedError` when a block rule matches.
    #[wasm_bindgen(js_name = sanitizeJson, unchecked_return_type = "SanitizeJsonResult")]
    pub fn sanitize_json_text(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    ) -> Result<JsValue, JsValue> {
        let json = expect_string(json)?;
        let done = self.inner.sanitize_json_str(&json).map_err(to_js)?;
        super::text_result(&done.output, &done.report)
    }

    /// Sanitizes an array of records. Each item is `{ status: "ok", output, report }`,
    /// `{ status: "blocked", report }` or `{ status: "error", error }`: one record's block or
    /// failure yields no output for it and does not stop the others.
    #[wasm_bindgen(js_name = sanitizeBatch, unchecked_return_type = "BatchResult")]
    pub fn sanitize_batch(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "JsonValue[]")] records: JsValue,
    ) -> Result<JsValue, JsValue> {
        // Read within the hard ceilings: each record is then held to this Sanitizer's limits by
        // the core, so one oversized or too deep record fails alone, with its own status.
        let limits = Limits::CEILING;
        let values = match convert::json(&records, &limits).map_err(to_js)? {
            serde_json::Value::Array(values) => values,
            _ => return Err(to_js(Error::new(ErrorKind::InvalidInput, "", "expected an array of records"))),
        };
        let batch = self.inner.sanitize_batch(&values);
        let items: Vec<JsBatchItem> = batch
            .items
            .into_iter()
            .map(|item| match item {
                BatchItem::Ok { output, report } => JsBatchItem::Ok { output, report },
                BatchItem::Blocked { report } => JsBatchItem::Blocked { report },
                BatchItem::Failed { error } => JsBatchItem::Error { error: JsErrorData::from(&error) },
                #[allow(unreachable_patterns)]
                _ => JsBatchItem::Error {
                    error: JsErrorData::from(&Error::new(ErrorKind::Internal, "", "unknown batch item")),
                },
            })
            .collect();
        to_json(&JsBatch { items, summary: batch.summary })
    }
}

/// Sanitizes or classifies JSON Lines chunk by chunk with bounded memory: one unfinished line is
/// held at a time. Chunks may be strings or `Uint8Array`s split anywhere. Works in Web Workers.
///
/// ```js
/// const stream = new JsonlStream({ mode: "sanitize" });
/// for await (const chunk of input) output.write(stream.push(sanitizer, chunk));
/// output.write(stream.finish(sanitizer));
/// console.log(stream.progress, stream.summary());
/// ```
#[wasm_bindgen(js_name = JsonlStream)]
#[derive(Debug)]
pub struct JsJsonlStream {
    inner: JsonlStream,
}

#[wasm_bindgen(js_class = JsonlStream)]
impl JsJsonlStream {
    /// A new stream; `options.mode` is `"sanitize"` (default) or `"classify"`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "JsonlOptions")] options: Option<JsValue>,
    ) -> Result<JsJsonlStream, JsValue> {
        let mut mode = JsonlMode::Sanitize;
        if let Some(o) = options.filter(|o| !o.is_undefined() && !o.is_null()) {
            let m = js_sys::Reflect::get(&o, &"mode".into()).unwrap_or(JsValue::UNDEFINED);
            mode = match m.as_string().as_deref() {
                None if m.is_undefined() => JsonlMode::Sanitize,
                Some("sanitize") => JsonlMode::Sanitize,
                Some("classify") => JsonlMode::Classify,
                _ => {
                    return Err(to_js(Error::new(
                        ErrorKind::InvalidInput,
                        "options.mode",
                        "expected \"sanitize\" or \"classify\"",
                    )))
                }
            };
        }
        Ok(JsJsonlStream { inner: JsonlStream::new(mode) })
    }

    /// Feeds a chunk; returns the output lines it completed (possibly `""`). Errors name the
    /// line number, never its content; after an error the stream is unusable.
    pub fn push(
        &mut self,
        sanitizer: &mut JsSanitizer,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] chunk: JsValue,
    ) -> Result<String, JsValue> {
        let result = match chunk.as_string() {
            Some(s) => self.inner.push(&mut sanitizer.inner, s.as_bytes()),
            None if chunk.is_instance_of::<js_sys::Uint8Array>() => {
                let bytes = js_sys::Uint8Array::new(&chunk).to_vec();
                self.inner.push(&mut sanitizer.inner, &bytes)
            }
            None => Err(Error::new(ErrorKind::InvalidInput, "", "expected a string or a Uint8Array chunk")),
        };
        result.map_err(to_js_with_line)
    }

    /// Ends the stream; returns the output of a last line without a newline.
    pub fn finish(&mut self, sanitizer: &mut JsSanitizer) -> Result<String, JsValue> {
        self.inner.finish(&mut sanitizer.inner).map_err(to_js_with_line)
    }

    /// Lines, bytes and records so far.
    #[wasm_bindgen(getter, unchecked_return_type = "JsonlProgress")]
    pub fn progress(&self) -> Result<JsValue, JsValue> {
        let s = self.inner.summary();
        to_plain(&Progress {
            lines: self.inner.lines(),
            bytes_in: self.inner.bytes_in(),
            bytes_out: self.inner.bytes_out(),
            records: s.records,
            blocked: s.blocked,
        })
    }

    /// The summary so far: counts per decision, per entity, per pointer pattern; `blockedAt`
    /// holds line numbers. Never a value.
    #[wasm_bindgen(unchecked_return_type = "Summary")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.inner.summary())
    }
}

/// The names of the built-in policies, for `new Sanitizer(name)`.
#[wasm_bindgen(js_name = presetNames, unchecked_return_type = "PresetName[]")]
pub fn preset_names() -> Vec<String> {
    crate::PRESET_NAMES.iter().map(|s| (*s).to_owned()).collect()
}

/// A built-in policy as a plain policy object, to inspect or to extend (`{ ...presetPolicy("pci-dss"),
/// key }`). Throws a `PolicyError` for an unknown name.
#[wasm_bindgen(js_name = presetPolicy, unchecked_return_type = "Policy")]
pub fn preset_policy(
    #[wasm_bindgen(unchecked_param_type = "PresetName")] name: JsValue,
) -> Result<JsValue, JsValue> {
    let name = expect_string(name)?;
    to_plain(&crate::Policy::preset(&name).map_err(to_js)?)
}

/// Installs the wall clock for ages (`generalize` to an age, `ageCap`).
pub(crate) fn install_clock() {
    crate::transform::generalize::set_clock(js_sys::Date::now);
}

/// `to_js`, plus a numeric `line` property when the path names a line (`line 12/a/b`).
fn to_js_with_line(e: Error) -> JsValue {
    let line = e
        .path()
        .strip_prefix("line ")
        .and_then(|rest| rest.split('/').next())
        .and_then(|n| n.parse::<f64>().ok());
    let err = to_js(e);
    if let Some(n) = line {
        let _ = js_sys::Reflect::set(&err, &"line".into(), &n.into());
    }
    err
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Progress {
    lines: u64,
    bytes_in: u64,
    bytes_out: u64,
    records: u64,
    blocked: u64,
}

#[derive(Serialize)]
struct JsErrorData {
    name: &'static str,
    code: &'static str,
    path: String,
    message: String,
}

impl From<&Error> for JsErrorData {
    fn from(e: &Error) -> Self {
        JsErrorData {
            name: e.kind().js_name(),
            code: e.kind().code(),
            path: e.path().to_owned(),
            message: e.message().to_owned(),
        }
    }
}

#[derive(Serialize)]
#[serde(tag = "status", rename_all = "camelCase")]
enum JsBatchItem {
    Ok { output: serde_json::Value, report: Report },
    Blocked { report: Report },
    Error { error: JsErrorData },
}

#[derive(Serialize)]
struct JsBatch {
    items: Vec<JsBatchItem>,
    summary: Summary,
}
