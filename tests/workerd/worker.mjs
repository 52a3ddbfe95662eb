// A Worker that imports the package by name, as an edge user would. wrangler (esbuild) resolves
// the package's "workerd" export condition; the test bundles it the same way.
import { Sanitizer } from "sanitas";

export default {
  async fetch(request) {
    const body = await request.json();
    try {
      const sanitizer = new Sanitizer(body.policy);
      const { output, report } = sanitizer.sanitize(body.input);
      const restored = typeof output === "string" ? sanitizer.reidentify(output) : null;
      sanitizer.free();
      return Response.json({ output, report, restored });
    } catch (e) {
      return Response.json({ error: { name: e.name, code: e.code, path: e.path, isError: e instanceof Error } }, { status: 400 });
    }
  },
};
