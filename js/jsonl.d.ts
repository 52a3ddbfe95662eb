import type { JsonlProgress, Sanitizer, Summary } from "./sanitas.js";

/** Options of `jsonlTransform`. */
export interface JsonlTransformOptions {
  /** "sanitize" (default) writes sanitized records; "classify" writes classifications. */
  mode?: "sanitize" | "classify";
  /** Called after every chunk. */
  onProgress?: (progress: JsonlProgress) => void;
  /** Called once at the end with the counts over the stream (never a value). */
  onSummary?: (summary: Summary) => void;
}

/** A TransformStream sanitizing JSONL chunk by chunk (strings or Uint8Arrays in, text out). */
export function jsonlTransform(
  sanitizer: Sanitizer,
  options?: JsonlTransformOptions,
): TransformStream<string | Uint8Array, string>;
