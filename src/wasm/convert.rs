//! JS values → Rust data, defensively. Every method converts its inputs here, never with
//! `serde_wasm_bindgen::from_value`, because a JS value can be anything a caller (or an attacker
//! who controls part of a record) builds:
//!
//! - **Depth** is checked *before* descending (`limits.maxDepth`, at most 256), so 10 000-deep
//!   nesting is a `LimitError` (`DEPTH_EXCEEDED`) and every later recursion over the result
//!   (sanitizing, serializing, dropping a `serde_json::Value`) is bounded by the same limit.
//! - **Size** (`limits.maxInputBytes`) is counted as in the core, and a string's UTF-16 length is
//!   checked before the string is copied into wasm memory (a UTF-16 unit is at least one UTF-8
//!   byte), so a 50 MB string is refused without being copied.
//! - **Cycles** are an `InputError` at the path of the repeated object (shared, non-cyclic
//!   references are fine, as in `JSON.stringify`).
//! - **Only JSON data** is accepted: strings, finite numbers, booleans, `null`, arrays and plain
//!   objects (prototype `Object.prototype`, `null`, or another realm's `Object.prototype`).
//!   Functions, symbols, BigInts, `NaN`/`Infinity`, `Map`/`Set`, `Date`, `RegExp`, typed arrays,
//!   `ArrayBuffer`, boxed primitives and class instances are `InputError`s naming the path; no
//!   `toJSON` method is called. Arrays must be dense: a hole or an `undefined` element is an
//!   error (JSON.stringify would silently turn it into `null`). An object property whose value is
//!   `undefined` is omitted, as JSON.stringify does. Symbol-keyed and non-enumerable properties
//!   are ignored, as JSON.stringify does.
//! - **Lone surrogates** (a UTF-16 string that is not well formed, e.g. half an emoji left by a
//!   `slice`) are an `InputError`: such a string has no exact UTF-8 form, and replacing the
//!   half-character with U+FFFD would make the output differ from the input outside any finding
//!   and break `reidentify(sanitize(x).output) === x`. Callers who accept the replacement can pass
//!   `text.toWellFormed()`.
//! - **User code** that runs while reading (getters, Proxy traps, `Symbol.toStringTag`) is called
//!   through catching bindings: if it throws, the conversion fails with an `InputError` at that
//!   path instead of unwinding through wasm frames. Getters run once per property, in key order.
//!
//! JSON inputs ([`json`], [`input`]) are read in one crossing by `input.js`, which makes the same
//! reads and checks as [`Converter`] in the same order (catching every throw) and hands back a
//! tape of the value, or the kind and path of the first error, which is worded here. Strings and
//! policies are read by [`Converter`] itself.

use crate::record::pointer::push_token as push_pointer_token;
use crate::{Error, ErrorKind, Limits};
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The deepest nesting accepted in a policy object.
pub(crate) const POLICY_MAX_DEPTH: usize = 32;
/// The largest policy accepted, counted as input bytes are.
pub(crate) const POLICY_MAX_BYTES: usize = 1 << 20;

#[wasm_bindgen]
extern "C" {
    // Catching bindings: a Proxy trap or getter that throws becomes an `Err`, not an exception
    // unwinding through wasm frames (which would leave the instance in an unknown state).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(v: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = getPrototypeOf)]
    fn get_prototype_of(v: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(v: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = has)]
    fn reflect_has(target: &JsValue, key: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(js_namespace = ArrayBuffer, js_name = isView)]
    fn is_array_buffer_view(v: &JsValue) -> bool;
}

/// What a method that takes "a string or any JSON value" received.
pub(crate) enum Input {
    /// A top-level string.
    Text(String),
    /// Anything else that is JSON data.
    Json(Value),
}

/// A string or any JSON value, within `limits`.
pub(crate) fn input(v: &JsValue, limits: &Limits) -> Result<Input, Error> {
    if v.is_string() {
        return text(v, limits).map(Input::Text);
    }
    if v.is_undefined() {
        return Err(invalid(Style::Pointer, "", "expected a string or JSON data, got undefined"));
    }
    json(v, limits).map(Input::Json)
}

/// A string, within `limits.maxInputBytes`; anything else is an `InputError` naming its type.
pub(crate) fn text(v: &JsValue, limits: &Limits) -> Result<String, Error> {
    if !v.is_string() {
        return Err(invalid(Style::Pointer, "", &format!("expected a string, got {}", type_name(v))));
    }
    Converter::new(Style::Pointer, limits.max_depth, limits.max_input_bytes).string(v)
}

/// Any JSON value, within `limits`. Read by input.js in one crossing (the same reads, checks and
/// order as [`Converter`], which took one call into JS per check, key and value: 13 % of
/// `sanitize(record)`); the errors it finds are worded here, as `Converter` words them.
pub(crate) fn json(v: &JsValue, limits: &Limits) -> Result<Value, Error> {
    let failed = || Error::new(ErrorKind::Internal, "", "the input could not be read");
    // The limits are at most their ceilings (256 MiB, 256): exact as f64.
    let tape = read_input(v, limits.max_depth as f64, limits.max_input_bytes as f64).map_err(|_| failed())?;
    let tape = tape.to_vec();
    let text = input_text();
    let mut c = Converter::new(Style::Pointer, limits.max_depth, limits.max_input_bytes);
    if tape.first() == Some(&ERROR) {
        let kind = tape.get(1).copied().unwrap_or(0.0);
        let detail = tape.get(2).copied().unwrap_or(0.0);
        c.path = text;
        return Err(c.read_error(kind, detail).unwrap_or_else(failed));
    }
    let mut reader = Reader { ops: &tape, next: 0, text: &text, at: 0 };
    let value = reader.value(0).ok_or_else(failed)?;
    if reader.next != tape.len() || reader.at != text.len() {
        return Err(failed());
    }
    Ok(value)
}

#[wasm_bindgen(module = "/src/wasm/input.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = readInput)]
    fn read_input(v: &JsValue, max_depth: f64, max_bytes: f64) -> Result<js_sys::Float64Array, JsValue>;
    #[wasm_bindgen(js_name = inputText)]
    fn input_text() -> String;
    #[wasm_bindgen(js_name = inputErrorValue)]
    fn input_error_value() -> JsValue;
}

/// input.js's op codes.
const ERROR: f64 = 8.0;

/// Rebuilds the value from input.js's tape (a malformed tape is `None`).
struct Reader<'a> {
    ops: &'a [f64],
    next: usize,
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn op(&mut self) -> Option<f64> {
        let op = self.ops.get(self.next).copied();
        self.next += 1;
        op
    }

    fn count(&mut self) -> Option<usize> {
        let n = self.op()?;
        (n >= 0.0 && n.fract() == 0.0 && n <= u32::MAX as f64).then_some(n as usize)
    }

    fn string(&mut self) -> Option<String> {
        let len = self.count()?;
        let end = self.at.checked_add(len)?;
        let s = self.text.get(self.at..end)?;
        self.at = end;
        Some(s.to_owned())
    }

    /// `depth` is bounded by input.js's depth check (at most the ceiling, 256).
    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > Limits::CEILING.max_depth {
            return None;
        }
        Some(match self.op()? {
            0.0 => Value::Null,
            1.0 => Value::Bool(false),
            2.0 => Value::Bool(true),
            3.0 => number(self.op()?)?,
            4.0 => Value::String(self.string()?),
            5.0 => {
                let n = self.count()?;
                // Each element is at least one op: the tape's length bounds the capacity.
                let mut out = Vec::with_capacity(n.min(self.ops.len()));
                for _ in 0..n {
                    out.push(self.value(depth + 1)?);
                }
                Value::Array(out)
            }
            6.0 => {
                let n = self.count()?;
                let mut out = Map::new();
                for _ in 0..n {
                    let key = self.string()?;
                    out.insert(key, self.value(depth + 1)?);
                }
                Value::Object(out)
            }
            _ => return None,
        })
    }
}

/// A policy object (already known not to be a string, `null` or `undefined`), with the fixed
/// policy limits. Errors are `PolicyError`s with `policy.…` paths (limits: `LimitError`s).
pub(crate) fn policy(v: &JsValue) -> Result<Value, Error> {
    let threw = || Error::new(ErrorKind::InvalidPolicy, "policy", "reading the policy threw (a Proxy trap)");
    if is_array(v).map_err(|_| threw())? {
        return Err(not_a_policy(v));
    }
    let mut c = Converter::new(Style::Policy, POLICY_MAX_DEPTH, POLICY_MAX_BYTES);
    c.path.push_str("policy");
    c.value(v, 0)
}

/// [`policy`] without its top-level `key` (already taken as bytes).
pub(crate) fn policy_without_key(v: &JsValue) -> Result<Value, Error> {
    let mut c = Converter::new(Style::Policy, POLICY_MAX_DEPTH, POLICY_MAX_BYTES);
    c.path.push_str("policy");
    c.skip_key = Some("key");
    c.value(v, 0)
}

/// A preset name: longer names (and names with lone surrogates) are not copied, they are simply
/// unknown (`""` never names a preset).
pub(crate) fn preset_name(v: &JsValue) -> String {
    const LONGEST: usize = 64;
    let mut c = Converter::new(Style::Policy, 1, LONGEST);
    c.string(v).unwrap_or_default()
}

/// The error for a policy argument that is neither a preset name nor an object.
pub(crate) fn not_a_policy(v: &JsValue) -> Error {
    let message = format!("expected a preset name or a policy object, got {}", type_name(v));
    Error::new(ErrorKind::InvalidPolicy, "policy", message)
}

/// How paths are written: JSON Pointers into input (`/patient/0/name`) or serde-style policy
/// paths (`policy.entities.EMAIL`, `policy.fields[3]`).
#[derive(Clone, Copy, PartialEq)]
enum Style {
    Pointer,
    Policy,
}

fn invalid(style: Style, path: &str, message: &str) -> Error {
    let kind = match style {
        Style::Pointer => ErrorKind::InvalidInput,
        Style::Policy => ErrorKind::InvalidPolicy,
    };
    Error::new(kind, path, message)
}

struct Converter {
    style: Style,
    max_depth: usize,
    max_bytes: usize,
    /// Bytes counted so far, as `Sanitizer::sanitize_json` counts them.
    bytes: usize,
    path: String,
    /// The objects and arrays on the current path, to find cycles.
    ancestors: Option<js_sys::Set>,
    /// A top-level property not to read (a policy key already taken as bytes).
    skip_key: Option<&'static str>,
}

impl Converter {
    fn new(style: Style, max_depth: usize, max_bytes: usize) -> Self {
        Converter {
            style,
            max_depth,
            max_bytes,
            bytes: 0,
            path: String::new(),
            ancestors: None,
            skip_key: None,
        }
    }

    fn invalid(&self, message: &str) -> Error {
        invalid(self.style, &self.path, message)
    }

    fn add_bytes(&mut self, n: usize) -> Result<(), Error> {
        self.bytes = self.bytes.saturating_add(n);
        if self.bytes > self.max_bytes {
            return Err(self.too_large());
        }
        Ok(())
    }

    fn too_large(&self) -> Error {
        let what = match self.style {
            Style::Pointer => format!("input exceeds limits.maxInputBytes ({})", self.max_bytes),
            Style::Policy => format!("the policy exceeds {} bytes", self.max_bytes),
        };
        let path = if self.style == Style::Policy { "policy" } else { "" };
        Error::new(ErrorKind::InputTooLarge, path, what)
    }

    /// A JS string: length checked before the copy, lone surrogates refused.
    fn string(&mut self, v: &JsValue) -> Result<String, Error> {
        let js: &js_sys::JsString = v.unchecked_ref();
        // Each UTF-16 unit becomes at least one UTF-8 byte: refuse before copying.
        let units = js.length() as usize;
        if units > self.max_bytes.saturating_sub(self.bytes) {
            return Err(self.too_large());
        }
        let s = v.as_string().ok_or_else(|| self.invalid("expected a string"))?;
        // The copy replaced each lone surrogate with U+FFFD; only then is a closer look needed.
        if s.contains('\u{FFFD}') {
            let lone = js_sys::RegExp::new("[\\uD800-\\uDFFF]", "u");
            let at = js.search(&lone);
            if at >= 0 {
                return Err(self.lone_surrogate(f64::from(at)));
            }
        }
        self.add_bytes(s.len())?;
        Ok(s)
    }

    fn value(&mut self, v: &JsValue, depth: usize) -> Result<Value, Error> {
        if v.is_string() {
            return self.string(v).map(Value::String);
        }
        if let Some(n) = v.as_f64() {
            self.add_bytes(24)?;
            return number(n).ok_or_else(|| self.not_a_number());
        }
        if let Some(b) = v.as_bool() {
            self.add_bytes(4)?;
            return Ok(Value::Bool(b));
        }
        if v.is_null() {
            self.add_bytes(4)?;
            return Ok(Value::Null);
        }
        if !v.is_object() {
            return Err(self.not_json(v));
        }
        self.container(v, depth)
    }

    fn container(&mut self, v: &JsValue, depth: usize) -> Result<Value, Error> {
        let ancestors = self.ancestors.get_or_insert_with(|| js_sys::Set::new(&JsValue::UNDEFINED)).clone();
        if ancestors.has(v) {
            return Err(self.cycle());
        }
        // Checked before descending: nothing below recurses deeper than the limit.
        if depth >= self.max_depth {
            return Err(self.too_deep());
        }
        self.add_bytes(2)?;
        let array = is_array(v).map_err(|_| self.threw())?;
        ancestors.add(v);
        let out = if array { self.array(v, depth) } else { self.object(v, depth) };
        ancestors.delete(v);
        out
    }

    fn threw(&self) -> Error {
        self.invalid("reading the value threw (a getter or Proxy trap)")
    }

    fn lone_surrogate(&self, at: f64) -> Error {
        self.invalid(&format!(
            "the string has a lone UTF-16 surrogate at code unit {at}, which has no UTF-8 form; \
             pass text.toWellFormed() to replace it with U+FFFD"
        ))
    }

    fn not_a_number(&self) -> Error {
        self.invalid("NaN and Infinity are not JSON numbers (JSON.stringify would send null)")
    }

    fn not_json(&self, v: &JsValue) -> Error {
        let hint = if v.is_bigint() { "; convert it to a string or a number first" } else { "" };
        self.invalid(&format!("{} is not JSON data{hint}", type_name(v)))
    }

    fn cycle(&self) -> Error {
        self.invalid("the value contains a cycle (an object that contains itself)")
    }

    fn too_deep(&self) -> Error {
        let limit = match self.style {
            Style::Pointer => format!("limits.maxDepth ({})", self.max_depth),
            Style::Policy => format!("the policy limit ({})", self.max_depth),
        };
        Error::new(ErrorKind::TooDeep, &self.path, format!("input nests deeper than {limit}"))
    }

    fn hole(&self, hole: bool) -> Error {
        self.invalid(if hole {
            "the array has a hole (a sparse array); JSON arrays are dense"
        } else {
            "an array element is undefined, which is not JSON data"
        })
    }

    fn not_plain(&self, v: &JsValue) -> Error {
        self.invalid(&format!(
            "{} is not JSON data; only plain objects and arrays are accepted",
            type_name(v)
        ))
    }

    /// The error input.js stopped at (see its kinds), at `self.path`.
    fn read_error(&self, kind: f64, detail: f64) -> Option<Error> {
        Some(match kind {
            1.0 => self.too_large(),
            2.0 => self.lone_surrogate(detail),
            3.0 => self.not_a_number(),
            4.0 => self.not_json(&input_error_value()),
            5.0 => self.cycle(),
            6.0 => self.too_deep(),
            7.0 => self.threw(),
            8.0 => self.hole(true),
            9.0 => self.hole(false),
            10.0 => self.not_plain(&input_error_value()),
            _ => return None,
        })
    }

    fn array(&mut self, v: &JsValue, depth: usize) -> Result<Value, Error> {
        let len = reflect_get(v, &"length".into()).map_err(|_| self.threw())?;
        let len = len.as_f64().filter(|n| *n >= 0.0 && n.fract() == 0.0).ok_or_else(|| self.threw())?;
        // A Proxy can claim any length: every element costs at least 2 counted bytes, so the
        // byte budget bounds the loop; the capacity is bounded the same way.
        let len = len.min(u32::MAX as f64) as u32;
        let room = self.max_bytes.saturating_sub(self.bytes) / 2;
        let mut out = Vec::with_capacity((len as usize).min(room));
        for i in 0..len {
            let mark = self.path.len();
            match self.style {
                Style::Pointer => {
                    self.path.push('/');
                    self.path.push_str(&i.to_string());
                }
                Style::Policy => self.path.push_str(&format!("[{i}]")),
            }
            let key = JsValue::from(i);
            let item = reflect_get(v, &key).map_err(|_| self.threw())?;
            if item.is_undefined() {
                let hole = !reflect_has(v, &key).map_err(|_| self.threw())?;
                return Err(self.hole(hole));
            }
            out.push(self.value(&item, depth + 1)?);
            self.path.truncate(mark);
        }
        Ok(Value::Array(out))
    }

    fn object(&mut self, v: &JsValue, depth: usize) -> Result<Value, Error> {
        if !is_plain(v).map_err(|_| self.threw())? {
            return Err(self.not_plain(v));
        }
        let keys = object_keys(v).map_err(|_| self.threw())?;
        let mut out = Map::new();
        for key in keys.iter() {
            let mark = self.path.len();
            // Keys count as input bytes and may not hold lone surrogates either; the key's own
            // error is reported at the object's path.
            let name = self.string(&key)?;
            if depth == 0 && self.skip_key == Some(name.as_str()) {
                continue;
            }
            match self.style {
                Style::Pointer => push_pointer_token(&mut self.path, &name),
                Style::Policy => {
                    self.path.push('.');
                    self.path.push_str(&name);
                }
            }
            let item = reflect_get(v, &key).map_err(|_| self.threw())?;
            if !item.is_undefined() {
                let item = self.value(&item, depth + 1)?;
                out.insert(name, item);
            }
            self.path.truncate(mark);
        }
        Ok(Value::Object(out))
    }
}

/// A finite JS number as JSON: integers in the safe range stay integers (so `4111111111111111`
/// prints without a fraction), anything else is a float. `None` for NaN and ±Infinity.
fn number(n: f64) -> Option<Value> {
    const SAFE: f64 = 9_007_199_254_740_991.0;
    if n.fract() == 0.0 && n.abs() <= SAFE && !(n == 0.0 && n.is_sign_negative()) {
        return Some(Value::Number(Number::from(n as i64)));
    }
    Number::from_f64(n).map(Value::Number)
}

/// A plain object: its prototype is `null`, or an object whose own prototype is `null` (this
/// realm's or another realm's `Object.prototype`). `Err` if a Proxy trap threw.
fn is_plain(v: &JsValue) -> Result<bool, JsValue> {
    let proto = get_prototype_of(v)?;
    if proto.is_null() {
        return Ok(true);
    }
    Ok(get_prototype_of(&proto)?.is_null())
}

/// The kind of a JS value for messages: never the value itself.
fn type_name(v: &JsValue) -> String {
    if v.is_undefined() {
        return "undefined".into();
    }
    if v.is_null() {
        return "null".into();
    }
    if v.is_string() {
        return "a string".into();
    }
    if v.as_f64().is_some() {
        return "a number".into();
    }
    if v.as_bool().is_some() {
        return "a boolean".into();
    }
    if v.is_bigint() {
        return "a BigInt".into();
    }
    if v.is_symbol() {
        return "a Symbol".into();
    }
    if v.is_function() {
        return "a function".into();
    }
    if is_array(v).unwrap_or(false) {
        return "an array".into();
    }
    let name = if is_array_buffer_view(v) {
        "a typed array or DataView"
    } else if v.is_instance_of::<js_sys::ArrayBuffer>() {
        "an ArrayBuffer"
    } else if v.is_instance_of::<js_sys::Map>() || v.is_instance_of::<js_sys::WeakMap>() {
        "a Map"
    } else if v.is_instance_of::<js_sys::Set>() || v.is_instance_of::<js_sys::WeakSet>() {
        "a Set"
    } else if v.is_instance_of::<js_sys::Date>() {
        "a Date (pass date.toISOString())"
    } else if v.is_instance_of::<js_sys::RegExp>() {
        "a RegExp"
    } else if v.is_instance_of::<js_sys::Promise>() {
        "a Promise"
    } else if v.is_instance_of::<js_sys::Error>() {
        "an Error"
    } else if v.is_instance_of::<js_sys::JsString>()
        || v.is_instance_of::<js_sys::Number>()
        || v.is_instance_of::<js_sys::Boolean>()
    {
        "a boxed primitive (new String/Number/Boolean)"
    } else if matches!(is_plain(v), Ok(true)) {
        "an object"
    } else {
        "a class instance"
    };
    name.into()
}
