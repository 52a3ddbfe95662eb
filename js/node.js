// Node entry: the module is compiled and instantiated on import, so the API is ready at once.
// `await init()` is still accepted (it returns immediately) for code shared with browsers.
import { readFileSync } from "node:fs";
import { initSync } from "./sanitas.js";

initSync({ module: readFileSync(new URL("./sanitas_bg.wasm", import.meta.url)) });

export * from "./index.js";
export { default } from "./index.js";
