//! Test builds only (feature `trap-test`): ways to make the wasm instance fail for real, so the
//! JS entries' reset-and-throw path is tested against genuine traps, not a simulation.

use super::JsSanitizer;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_class = Sanitizer)]
impl JsSanitizer {
    /// Fails on purpose, after sanitizing `text` (so the call had data it could have returned):
    /// `"unreachable"` executes the `unreachable` instruction, `"stack"` recurses until the stack
    /// is exhausted, `"throw"` throws a JS exception through the wasm frames.
    #[wasm_bindgen(js_name = trapForTests)]
    pub fn trap_for_tests(&mut self, kind: &str, text: &str) -> Result<String, JsValue> {
        let done = self.inner.sanitize_text(text).map_err(super::to_js)?;
        match kind {
            "unreachable" => core::arch::wasm32::unreachable(),
            "stack" => Ok(format!("{}{}", done.output, recurse(0))),
            "throw" => wasm_bindgen::throw_str("thrown through wasm frames"),
            _ => Ok(done.output),
        }
    }

    /// Reads another Sanitizer passed as an argument (its wasm pointer crosses the boundary), to
    /// test that stale objects are refused as arguments too.
    #[wasm_bindgen(js_name = peerForTests)]
    pub fn peer_for_tests(&self, other: &JsSanitizer) -> usize {
        other.inner.limits().max_depth
    }
}

fn recurse(depth: u64) -> u64 {
    let frame = std::hint::black_box([depth; 32]);
    if std::hint::black_box(frame[0]) == u64::MAX {
        return 0;
    }
    recurse(depth + 1).wrapping_add(frame[31])
}
