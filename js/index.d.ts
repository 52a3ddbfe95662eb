export * from "./sanitas.js";
export { default } from "./sanitas.js";
export { jsonlTransform } from "./jsonl.js";
export type { JsonlTransformOptions } from "./jsonl.js";
export { ReidentifyStream } from "./stream.js";
