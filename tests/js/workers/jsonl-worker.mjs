// Sanitizes JSONL sent by the parent (records.test.mjs): what a Web Worker would do in a browser.
import { parentPort } from "node:worker_threads";
import { JsonlStream, Sanitizer } from "sanitas";

const sanitizer = new Sanitizer();
const stream = new JsonlStream();
parentPort.on("message", (chunk) => {
  if (chunk === null) parentPort.postMessage({ out: stream.finish(sanitizer), progress: stream.progress });
  else parentPort.postMessage({ out: stream.push(sanitizer, chunk) });
});
