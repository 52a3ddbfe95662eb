// The sample page: sanitize as you type, entirely in the browser.
import init, { Sanitizer } from "./pkg/index.js";

const $ = (id) => document.getElementById(id);

await init();
const sanitizer = new Sanitizer();

function update() {
  try {
    const { output, report } = sanitizer.sanitize($("input").value);
    $("output").value = output;
    $("report").textContent = JSON.stringify(report, null, 2);
    $("status").textContent = `${report.total} identifier(s) replaced.`;
  } catch (e) {
    $("output").value = "";
    $("status").textContent = `${e.name} (${e.code}): ${e.message}`;
  }
}

$("input").addEventListener("input", update);
update();
