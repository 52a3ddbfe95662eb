// A Worker that streams a (simulated) model answer back through ReidentifyStream, as an edge
// proxy between an app and an AI service would.
import { Sanitizer, ReidentifyStream } from "sanitas";

export default {
  async fetch(request) {
    const { input, chunk } = await request.json();
    const sanitizer = new Sanitizer({ defaultAction: "surrogate", entities: { EMAIL: "pseudonymize" } });
    const { output } = sanitizer.sanitize(input);
    // The "AI answer" quotes the sanitized text, arriving in small byte chunks.
    const bytes = new TextEncoder().encode(`You wrote: ${output}`);
    const answer = new ReadableStream({
      start(c) {
        for (let i = 0; i < bytes.length; i += chunk) c.enqueue(bytes.slice(i, i + chunk));
        c.close();
      },
    });
    const body = answer.pipeThrough(new ReidentifyStream(sanitizer)).pipeThrough(new TextEncoderStream());
    return new Response(body, { headers: { "x-sanitized": encodeURIComponent(output) } });
  },
};
