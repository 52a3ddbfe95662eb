//! Results → JS values in one crossing. A result is serialized into a *tape* in wasm memory (a
//! `Vec<f64>` of op codes, counts, numbers and string lengths) plus one string holding every
//! string of the result back to back; `tape.js` reads both (one `Float64Array` view, one UTF-8
//! decode) and builds the plain objects and arrays in JS. serde-wasm-bindgen instead made one
//! call into JS per property and one UTF-8 decode per key and string, which was ~10 % of
//! `sanitize(text)` and more of `sanitize(record)`; `JSON.parse` was slower still for reports
//! (entity-keyed objects), ~5 µs per report.
//!
//! Two flavours keep each method's results exactly as they were:
//! - [`Flavour::Plain`] (what serde-wasm-bindgen's `json_compatible` serializer built): integers
//!   outside ±(2^53 − 1) are an error, `f32` is widened exactly, NaN and ±Infinity stay numbers.
//! - [`Flavour::Json`] (what `serde_json` text parsed by `JSON.parse` built): integers are rounded
//!   to the nearest double, `f32` is read from its shortest decimal form, NaN and ±Infinity are
//!   `null`.
//!
//! In both, `None` and `()` are `null`, a skipped field is absent, maps are plain objects, and a
//! key `"__proto__"` is an own property (as `JSON.parse` makes it).

use serde::ser::{self, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/tape.js")]
extern "C" {
    // Catching: a failure in JS (out of memory) is an error, not an exception through wasm.
    #[wasm_bindgen(catch, js_name = buildFromTape)]
    fn build_from_tape(tape: &[f64], text: &str) -> Result<JsValue, JsValue>;
}

// Op codes; tape.js reads the same numbers.
const NULL: f64 = 0.0;
const FALSE: f64 = 1.0;
const TRUE: f64 = 2.0;
const NUMBER: f64 = 3.0;
const STRING: f64 = 4.0;
const ARRAY: f64 = 5.0;
const OBJECT: f64 = 6.0;
const NAME: f64 = 7.0;

/// How numbers are converted (see the module documentation).
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Flavour {
    /// As serde-wasm-bindgen's `json_compatible` serializer did.
    Plain,
    /// As `serde_json::to_string` then `JSON.parse` did.
    Json,
}

/// Builds the JS value of `value`; `Err` when it has no JS form in this flavour.
pub(crate) fn to_js_value<T: Serialize + ?Sized>(value: &T, flavour: Flavour) -> Result<JsValue, ()> {
    let names = NAMES.with(|names| std::mem::take(&mut *names.borrow_mut()));
    let mut tape = Tape { ops: Vec::with_capacity(64), text: String::new(), flavour, names };
    let built = match value.serialize(&mut tape) {
        Ok(()) => build_from_tape(&tape.ops, &tape.text).map_err(|_| ()),
        Err(Fail) => Err(()),
    };
    // After a failure tape.js may not have read the names this tape defined: send them all again.
    let names = if built.is_ok() { tape.names } else { Names::default() };
    NAMES.with(|slot| *slot.borrow_mut() = names);
    built
}

type Names = HashMap<(usize, usize), u32, BuildHasherDefault<AddressHasher>>;

thread_local! {
    /// The `&'static str` names (struct fields, enum variants) tape.js holds, by address and
    /// length, with their index there. A name is sent once, the first time it is used; the JS
    /// table outlives a reset of the wasm instance, and the new instance, starting from an empty
    /// map, sends each name again before using it.
    static NAMES: RefCell<Names> = RefCell::new(Names::default());
}

/// A multiply-rotate hash of the addresses of static strings (not input: nobody chooses them).
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(26) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

struct Tape {
    ops: Vec<f64>,
    text: String,
    flavour: Flavour,
    names: Names,
}

impl Tape {
    /// A static name's code: `2 × index`, or `2 × index + 1` followed by its length (and its
    /// text) the first time.
    fn name_code(&mut self, name: &'static str) {
        let next = self.names.len() as u32;
        let index = *self.names.entry((name.as_ptr() as usize, name.len())).or_insert(next);
        if index == next {
            self.ops.push(f64::from(index) * 2.0 + 1.0);
            self.chars(name);
        } else {
            self.ops.push(f64::from(index) * 2.0);
        }
    }

    /// A static string value.
    fn name(&mut self, name: &'static str) {
        self.ops.push(NAME);
        self.name_code(name);
    }

    /// An object key that is a static name: its code negated, minus one (plain keys are lengths,
    /// never negative).
    fn name_key(&mut self, name: &'static str) {
        let at = self.ops.len();
        self.name_code(name);
        if let Some(code) = self.ops.get_mut(at) {
            *code = -*code - 1.0;
        }
    }

    fn string(&mut self, s: &str) {
        match known(s) {
            Some(name) => self.name(name),
            None => {
                self.ops.push(STRING);
                self.chars(s);
            }
        }
    }

    /// The UTF-16 length of `s`, then `s` into the text.
    fn chars(&mut self, s: &str) {
        let units = if s.is_ascii() {
            s.len()
        } else {
            // One unit per UTF-8 lead byte, two for a 4-byte sequence.
            s.bytes().map(|b| usize::from((b & 0xC0) != 0x80) + usize::from(b >= 0xF0)).sum()
        };
        self.ops.push(units as f64);
        self.text.push_str(s);
    }

    fn number(&mut self, n: f64) {
        self.ops.push(NUMBER);
        self.ops.push(n);
    }

    fn float(&mut self, n: f64) {
        if self.flavour == Flavour::Json && !n.is_finite() {
            self.ops.push(NULL);
        } else {
            self.number(n);
        }
    }

    fn integer(&mut self, n: i128) -> Result<(), Fail> {
        const SAFE: i128 = 9_007_199_254_740_991;
        if self.flavour == Flavour::Plain && !(-SAFE..=SAFE).contains(&n) {
            return Err(Fail);
        }
        self.number(n as f64);
        Ok(())
    }

    /// Starts a container: its op, then a count patched by [`Container::end`].
    fn open(&mut self, op: f64) -> Container<'_> {
        self.ops.push(op);
        let at = self.ops.len();
        self.ops.push(0.0);
        Container { tape: self, at, count: 0 }
    }

    /// `{ variant: … }`, the external tagging of enum variants with data; the caller writes the
    /// value and then closes the object with `end`.
    fn variant(&mut self, variant: &'static str) -> Container<'_> {
        let mut object = self.open(OBJECT);
        object.count = 1;
        object.tape.name_key(variant);
        object
    }
}

/// `s` if it is an action name (`"pseudonymize"`, the keys of every report's `entities`): sent
/// once as a static name, JS then reuses one string for it. Read from a copy of the text, a key
/// is a new string that V8 looks up in its string table at every property it sets (about 40 %
/// of `buildFromTape` for a text result); a name is that lookup done once. The JS value is the
/// same.
fn known(s: &str) -> Option<&'static str> {
    if s.len() > 12 {
        return None;
    }
    crate::transform::NAMES.iter().copied().find(|&n| n == s)
}

/// Why a value could not be converted (never the value itself).
#[derive(Debug)]
pub(crate) struct Fail;

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the result has no JS form")
    }
}

impl std::error::Error for Fail {}

impl ser::Error for Fail {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Fail
    }
}

/// An array or object being written: its count is patched at `at` when it ends.
pub(crate) struct Container<'a> {
    tape: &'a mut Tape,
    at: usize,
    count: usize,
}

impl Container<'_> {
    fn end(self) {
        if let Some(slot) = self.tape.ops.get_mut(self.at) {
            *slot = self.count as f64;
        }
    }
}

/// A container inside a `{ variant: … }` object (its count at `outer`): both end together.
pub(crate) struct Tagged<'a> {
    inner: Container<'a>,
    outer: usize,
}

impl Tagged<'_> {
    fn end(self) {
        let outer = self.outer;
        let inner = self.inner;
        if let Some(slot) = inner.tape.ops.get_mut(outer) {
            *slot = 1.0;
        }
        inner.end();
    }
}

impl<'a> ser::Serializer for &'a mut Tape {
    type Ok = ();
    type Error = Fail;
    type SerializeSeq = Container<'a>;
    type SerializeTuple = Container<'a>;
    type SerializeTupleStruct = Container<'a>;
    type SerializeTupleVariant = Tagged<'a>;
    type SerializeMap = Container<'a>;
    type SerializeStruct = Container<'a>;
    type SerializeStructVariant = Tagged<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Fail> {
        self.ops.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Fail> {
        self.integer(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Fail> {
        self.integer(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Fail> {
        self.integer(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Fail> {
        self.integer(v.into())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Fail> {
        self.integer(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Fail> {
        self.integer(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Fail> {
        self.integer(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Fail> {
        self.integer(v.into())
    }
    fn serialize_i128(self, _: i128) -> Result<(), Fail> {
        Err(Fail)
    }
    fn serialize_u128(self, _: u128) -> Result<(), Fail> {
        Err(Fail)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Fail> {
        match self.flavour {
            Flavour::Plain => self.number(f64::from(v)),
            // serde_json printed the shortest decimal that reads back as this f32, and JSON.parse
            // read that decimal as a double.
            Flavour::Json if v.is_finite() => self.number(v.to_string().parse::<f64>().map_err(|_| Fail)?),
            Flavour::Json => self.ops.push(NULL),
        }
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Fail> {
        self.float(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Fail> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Fail> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Fail> {
        let mut array = self.open(ARRAY);
        for b in v {
            array.tape.number(f64::from(*b));
            array.count += 1;
        }
        array.end();
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Fail> {
        self.ops.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Fail> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Fail> {
        self.ops.push(NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Fail> {
        self.ops.push(NULL);
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Fail> {
        self.name(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Fail> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Fail> {
        let object = self.variant(variant);
        value.serialize(&mut *object.tape)?;
        object.end();
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Container<'a>, Fail> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple(self, _: usize) -> Result<Container<'a>, Fail> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Container<'a>, Fail> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Tagged<'a>, Fail> {
        let outer = self.variant(variant);
        let at = outer.at;
        let tape = outer.tape;
        Ok(Tagged { inner: tape.open(ARRAY), outer: at })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Container<'a>, Fail> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Container<'a>, Fail> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Tagged<'a>, Fail> {
        let outer = self.variant(variant);
        let at = outer.at;
        let tape = outer.tape;
        Ok(Tagged { inner: tape.open(OBJECT), outer: at })
    }
}

impl ser::SerializeSeq for Container<'_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        self.count += 1;
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), Fail> {
        Container::end(self);
        Ok(())
    }
}

impl ser::SerializeTuple for Container<'_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Fail> {
        Container::end(self);
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Container<'_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Fail> {
        Container::end(self);
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Tagged<'_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        ser::SerializeSeq::serialize_element(&mut self.inner, value)
    }
    fn end(self) -> Result<(), Fail> {
        Tagged::end(self);
        Ok(())
    }
}

impl ser::SerializeMap for Container<'_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Fail> {
        self.count += 1;
        key.serialize(KeySerializer { tape: &mut *self.tape })
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), Fail> {
        Container::end(self);
        Ok(())
    }
}

impl ser::SerializeStruct for Container<'_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Fail> {
        self.count += 1;
        self.tape.name_key(key);
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), Fail> {
        Container::end(self);
        Ok(())
    }
}

impl ser::SerializeStructVariant for Tagged<'_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Fail> {
        ser::SerializeStruct::serialize_field(&mut self.inner, key, value)
    }
    fn end(self) -> Result<(), Fail> {
        Tagged::end(self);
        Ok(())
    }
}

/// Map keys: strings, and integers, chars and booleans written as strings (as `serde_json`
/// writes them; serde-wasm-bindgen's property keys read the same). Anything else has no JS form.
struct KeySerializer<'a> {
    tape: &'a mut Tape,
}

impl KeySerializer<'_> {
    fn key(self, s: &str) -> Result<(), Fail> {
        match known(s) {
            Some(name) => self.tape.name_key(name),
            None => self.tape.chars(s),
        }
        Ok(())
    }
}

macro_rules! integer_keys {
    ($($name:ident: $ty:ty),*) => {
        $(fn $name(self, v: $ty) -> Result<(), Fail> {
            self.key(&v.to_string())
        })*
    };
}

impl ser::Serializer for KeySerializer<'_> {
    type Ok = ();
    type Error = Fail;
    type SerializeSeq = ser::Impossible<(), Fail>;
    type SerializeTuple = ser::Impossible<(), Fail>;
    type SerializeTupleStruct = ser::Impossible<(), Fail>;
    type SerializeTupleVariant = ser::Impossible<(), Fail>;
    type SerializeMap = ser::Impossible<(), Fail>;
    type SerializeStruct = ser::Impossible<(), Fail>;
    type SerializeStructVariant = ser::Impossible<(), Fail>;

    integer_keys!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);

    fn serialize_bool(self, v: bool) -> Result<(), Fail> {
        self.key(if v { "true" } else { "false" })
    }
    fn serialize_f32(self, _: f32) -> Result<(), Fail> {
        Err(Fail)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Fail> {
        Err(Fail)
    }
    fn serialize_char(self, v: char) -> Result<(), Fail> {
        self.key(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Fail> {
        self.key(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Fail> {
        Err(Fail)
    }
    fn serialize_none(self) -> Result<(), Fail> {
        Err(Fail)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Fail> {
        Err(Fail)
    }
    fn serialize_unit(self) -> Result<(), Fail> {
        Err(Fail)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Fail> {
        Err(Fail)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Fail> {
        self.tape.name_key(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Fail> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Fail> {
        Err(Fail)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Fail> {
        Err(Fail)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Fail> {
        Err(Fail)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Fail> {
        Err(Fail)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Fail> {
        Err(Fail)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Fail> {
        Err(Fail)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Fail> {
        Err(Fail)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Fail> {
        Err(Fail)
    }
}
