// ReidentifyStream: a TransformStream that turns a streamed model answer back into real values.
//
//   const answer = await fetch(url, { method: "POST", body: JSON.stringify({ prompt: output }) });
//   const shown = answer.body.pipeThrough(new ReidentifyStream(sanitizer));
//   for await (const text of shown) ui.append(text);
//
// Chunks may be strings or bytes (UTF-8, decoded here even when a character is split between
// chunks); the stream emits strings. A pseudonym split across chunks is restored whole, and no
// part of one is ever emitted. For SSE whose events carry JSON deltas (OpenAI-style), re-identify
// the delta text, not the raw event bytes: see the README.
export class ReidentifyStream extends TransformStream {
  /** @param {{ reidentifier(): { push(s: string): string; finish(): string; free?(): void } }} sanitizer */
  constructor(sanitizer) {
    const r = sanitizer.reidentifier();
    const decoder = new TextDecoder();
    const release = () => {
      try {
        r.free?.();
      } catch {}
    };
    super({
      transform(chunk, controller) {
        const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
        const out = r.push(text);
        if (out) controller.enqueue(out);
      },
      flush(controller) {
        const rest = decoder.decode();
        const out = (rest ? r.push(rest) : "") + r.finish();
        if (out) controller.enqueue(out);
        release();
      },
      cancel: release,
    });
  }
}
