//! JS access to the built-in policies as data, so an application can add its key to a preset
//! (`{ ...presetPolicy("pci-dss"), key }`) or extend one with its own rules.

use super::{to_js, to_plain};
use crate::Policy;
use wasm_bindgen::prelude::*;

/// The built-in policy `name` as a plain policy object (never a key): what `new Sanitizer(name)`
/// applies, ready to be extended or given a key. Throws a `PolicyError` for an unknown name.
#[wasm_bindgen(js_name = presetPolicy, unchecked_return_type = "Policy")]
pub fn preset_policy(
    #[wasm_bindgen(unchecked_param_type = "PresetName")] name: JsValue,
) -> Result<JsValue, JsValue> {
    let name = super::expect_string(name)?;
    to_plain(&Policy::preset(&name).map_err(to_js)?)
}
