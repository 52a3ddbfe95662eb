// Default entry (browsers, bundlers, Web Workers): call `await init()` once, then use the API.
export * from "./sanitas.js";
export { default } from "./sanitas.js";
export { jsonlTransform } from "./jsonl.js";
export { ReidentifyStream } from "./stream.js";
