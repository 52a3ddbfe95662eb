// The generated declarations are the contract: js/index.js exports the same names with the
// same types (its wrappers only add fail-closed handling), minus wasm-bindgen's internal reset
// function, whose declaration scripts/build.mjs removes.
export * from "./sanitas.js";
export { default } from "./sanitas.js";
export { jsonlTransform } from "./jsonl.js";
export type { JsonlTransformOptions } from "./jsonl.js";
export { ReidentifyStream } from "./stream.js";
