import type { Sanitizer } from "./sanitas.js";

/**
 * A `TransformStream` that re-identifies a streamed model answer (a `fetch` body, text SSE).
 * Accepts string or UTF-8 byte chunks, emits strings. Pseudonyms split across chunks are
 * restored whole; no part of one is ever emitted.
 */
export declare class ReidentifyStream extends TransformStream<string | BufferSource, string> {
  constructor(sanitizer: Sanitizer);
}
