// JSON Lines as a web stream: `readable.pipeThrough(jsonlTransform(sanitizer))`. Works in
// browsers, Web Workers, Node and workerd. Chunks may be strings or Uint8Arrays split anywhere;
// memory holds one unfinished line at a time.
import { JsonlStream } from "./sanitas.js";

/**
 * A TransformStream that sanitizes (or, with `mode: "classify"`, classifies) JSONL.
 * `onProgress(progress)` is called after every chunk with `{ lines, bytesIn, bytesOut, records,
 * blocked }`; `onSummary(summary)` once at the end. Errors name the line, never its content.
 */
export function jsonlTransform(sanitizer, { mode = "sanitize", onProgress, onSummary } = {}) {
  let stream = new JsonlStream({ mode });
  const done = () => {
    if (!stream) return;
    onSummary?.(stream.summary());
    stream.free();
    stream = null;
  };
  return new TransformStream({
    transform(chunk, controller) {
      let out;
      try {
        out = stream.push(sanitizer, chunk);
      } catch (e) {
        stream.free();
        stream = null;
        throw e;
      }
      if (out) controller.enqueue(out);
      onProgress?.(stream.progress);
    },
    flush(controller) {
      const out = stream.finish(sanitizer);
      if (out) controller.enqueue(out);
      onProgress?.(stream.progress);
      done();
    },
  });
}
