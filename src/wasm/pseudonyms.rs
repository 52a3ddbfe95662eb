//! JS methods for pseudonyms: re-identification (whole, JSON, streaming), the vault, and keys
//! given as bytes.

use super::{convert, expect_string, to_js, to_json, to_plain, JsSanitizer};
use crate::{Key, Limits, Reidentifier};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use zeroize::Zeroize;

#[wasm_bindgen(typescript_custom_section)]
const TS_PSEUDONYMS: &str = r#"
/** A key derived from a passphrase with PBKDF2-HMAC-SHA-256 (salt: UTF-8, at least 16 bytes). */
export interface PassphraseKey { passphrase: string; salt: string; iterations?: number }
/** Options of the `dateShift` action. */
export interface DateShiftOptions { maxDays?: number; keepWeekday?: boolean; subject?: string }
/** An exported vault. Sensitive: it holds every original value. */
export interface ExportedVault {
  format: "sanitas-vault";
  version: 1;
  entries: { kind: EntityName; form: "pseudonymize" | "surrogate" | "dateShift"; original: string; pseudonym: string; number?: boolean }[];
}
"#;

/// If `policy.key` is a `Uint8Array` (or an `ArrayBuffer`), takes it out: returns the policy and
/// the key (read the policy with `convert::policy_without_key` then). The copy of the bytes made here is wiped; the caller's array is theirs to wipe.
pub(crate) fn take_key_bytes(policy: JsValue) -> Result<(JsValue, Option<Key>), JsValue> {
    let key = js_sys::Reflect::get(&policy, &"key".into()).unwrap_or(JsValue::UNDEFINED);
    let mut bytes = if let Some(array) = key.dyn_ref::<js_sys::Uint8Array>() {
        array.to_vec()
    } else if let Some(buffer) = key.dyn_ref::<js_sys::ArrayBuffer>() {
        js_sys::Uint8Array::new(buffer).to_vec()
    } else {
        return Ok((policy, None));
    };
    let key = Key::from_bytes(&bytes);
    bytes.zeroize();
    let key = key.map_err(to_js)?;
    // The caller reads the rest of the policy without its `key` (convert::policy_without_key):
    // copying the object here would run its getters outside a catching binding.
    Ok((policy, Some(key)))
}

#[wasm_bindgen(js_class = Sanitizer)]
impl JsSanitizer {
    /// Re-identifies every string leaf of a JSON-compatible value; a leaf that was a number
    /// before it was pseudonymized comes back as that number.
    #[wasm_bindgen(js_name = reidentifyJson, unchecked_return_type = "JsonValue")]
    pub fn reidentify_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "JsonValue")] value: JsValue,
    ) -> Result<JsValue, JsValue> {
        match convert::input(&value, self.inner.limits()).map_err(to_js)? {
            convert::Input::Text(text) => Ok(JsValue::from_str(&self.inner.reidentify(&text))),
            // JSON.parse keeps a "__proto__" key an own property, as the input had it.
            convert::Input::Json(value) => to_json(&self.inner.reidentify_json(&value)),
        }
    }

    /// A streaming re-identifier: `push(chunk)` returns the text that is certain, `finish()` the
    /// rest. It restores the pseudonyms issued before it was created.
    pub fn reidentifier(&self) -> JsReidentifier {
        JsReidentifier { inner: self.inner.reidentifier(), high: None }
    }

    /// The vault as versioned JSON. **Sensitive**: it holds every original value this Sanitizer
    /// replaced; keep it like the data itself. It does not contain the key.
    #[wasm_bindgen(js_name = exportVault, unchecked_return_type = "ExportedVault")]
    pub fn export_vault(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.inner.export_vault())
    }

    /// Adds the entries of an exported vault; returns how many were new. Throws (`InputError`,
    /// `LimitError`) without changing anything on a malformed or conflicting vault.
    #[wasm_bindgen(js_name = importVault)]
    pub fn import_vault(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ExportedVault")] vault: JsValue,
    ) -> Result<u32, JsValue> {
        // A vault may be larger than one input: it is read within the hard ceilings.
        let value = convert::json(&vault, &Limits::CEILING).map_err(to_js)?;
        let n = self.inner.import_vault(value).map_err(to_js)?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Forgets every pseudonym issued so far.
    #[wasm_bindgen(js_name = clearVault)]
    pub fn clear_vault(&mut self) {
        self.inner.clear_vault();
    }

    /// Names whose dates the next inputs are (a patient ID): `dateShift` moves all dates of one
    /// subject by the same keyed offset. `undefined` returns to the key-wide offset. Records whose
    /// DATE action names a `subject` field use that field instead.
    #[wasm_bindgen(js_name = setDateShiftSubject)]
    pub fn set_date_shift_subject(&mut self, subject: Option<String>) {
        self.inner.set_date_shift_subject(subject.as_deref());
    }

    /// Number of pseudonyms in the vault.
    #[wasm_bindgen(getter, js_name = vaultSize)]
    pub fn vault_size(&self) -> u32 {
        u32::try_from(self.inner.vault_len()).unwrap_or(u32::MAX)
    }
}

/// Re-identifies a model's answer while it streams in. Never returns part of a pseudonym; holds
/// back at most one pseudonym's length. Chunks may be split anywhere, even inside a UTF-16
/// surrogate pair.
#[wasm_bindgen(js_name = Reidentifier)]
pub struct JsReidentifier {
    inner: Reidentifier,
    /// A high surrogate that ended the last chunk, waiting for its pair.
    high: Option<u16>,
}

impl JsReidentifier {
    /// The chunk as Rust text, joining a surrogate pair split across chunks.
    fn text(&mut self, chunk: &js_sys::JsString) -> String {
        let mut len = chunk.length();
        if len == 0 {
            return String::new();
        }
        let mut out = String::new();
        let mut start = 0;
        if let Some(high) = self.high.take() {
            match chunk.char_code_at(0) {
                low if (0xDC00..=0xDFFF).contains(&(low as u32)) => {
                    out.push_str(&String::from_utf16_lossy(&[high, low as u16]));
                    start = 1;
                }
                _ => out.push(char::REPLACEMENT_CHARACTER),
            }
        }
        if len > start {
            let last = chunk.char_code_at(len - 1) as u32;
            if (0xD800..=0xDBFF).contains(&last) {
                self.high = Some(last as u16);
                len -= 1;
            }
        }
        if len > start {
            out.push_str(&String::from(chunk.slice(start, len)));
        }
        out
    }
}

#[wasm_bindgen(js_class = Reidentifier)]
impl JsReidentifier {
    /// Adds a chunk; returns the re-identified text that is now certain (maybe `""`).
    pub fn push(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] chunk: JsValue,
    ) -> Result<String, JsValue> {
        let Some(s) = chunk.dyn_ref::<js_sys::JsString>() else {
            return Err(expect_string(chunk).err().unwrap_or(JsValue::UNDEFINED));
        };
        let text = self.text(s);
        Ok(self.inner.push(&text))
    }

    /// Ends the stream; returns the rest. The re-identifier can then start a new stream.
    pub fn finish(&mut self) -> String {
        let mut out = String::new();
        if self.high.take().is_some() {
            out += &self.inner.push("\u{FFFD}");
        }
        out + &self.inner.finish()
    }

    /// UTF-8 bytes held back, waiting for the next chunk.
    #[wasm_bindgen(getter)]
    pub fn held(&self) -> u32 {
        u32::try_from(self.inner.held()).unwrap_or(u32::MAX) + u32::from(self.high.is_some())
    }
}
