// Cloudflare Workers (workerd) entry: the runtime hands us the compiled module; instantiate it
// synchronously at import. Create Sanitizers inside handlers: workerd forbids random number
// generation (used for per-Sanitizer keys) at global scope.
import wasmModule from "./sanitas_bg.wasm";
import { initSync } from "./sanitas.js";

initSync({ module: wasmModule });

export * from "./index.js";
export { default } from "./index.js";
