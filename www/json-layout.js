// Where things are in a JSON text, for display only: the span of every value by its JSON Pointer
// (RFC 6901), and a pretty-printer that keeps every token's spelling (numbers such as 1234.0
// stay as they are, which JSON.parse + JSON.stringify would not). Neither knows anything about
// identifiers; the library decides what is sensitive.

/**
 * Spans of every value and key in a JSON text: Map from pointer to
 * `{ start, end, keyStart?, keyEnd? }` (UTF-16 offsets; `end` exclusive). The text must be valid
 * JSON (check with JSON.parse first); anything else throws.
 */
export function locate(text) {
  const spans = new Map();
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const fail = () => {
    throw new SyntaxError(`unexpected character at ${i}`);
  };
  const string = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    return [start, i];
  };
  const value = (pointer, key) => {
    ws();
    const start = i;
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") i++;
      else {
        for (;;) {
          ws();
          if (text[i] !== '"') fail();
          const [ks, ke] = string();
          const name = JSON.parse(text.slice(ks, ke));
          ws();
          if (text[i++] !== ":") fail();
          value(`${pointer}/${escape(name)}`, [ks, ke]);
          ws();
          const sep = text[i++];
          if (sep === "}") break;
          if (sep !== ",") fail();
        }
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") i++;
      else {
        for (let n = 0; ; n++) {
          value(`${pointer}/${n}`);
          ws();
          const sep = text[i++];
          if (sep === "]") break;
          if (sep !== ",") fail();
        }
      }
    } else if (c === '"') {
      string();
    } else {
      while (i < text.length && !",]} \t\n\r".includes(text[i])) i++;
      if (i === start) fail();
    }
    const span = { start, end: i };
    if (key) [span.keyStart, span.keyEnd] = key;
    spans.set(pointer, span);
  };
  value("");
  return spans;
}

/** Escapes one pointer segment (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function escape(segment) {
  return String(segment).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** The value at a pointer of a parsed JSON value, or undefined. */
export function at(value, pointer) {
  if (pointer === "") return value;
  let v = value;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, key)) return undefined;
    v = v[key];
  }
  return v;
}

/**
 * Re-indents a valid JSON text (two spaces) without re-spelling any token: strings and numbers
 * are copied character for character.
 */
export function pretty(text) {
  let out = "";
  let depth = 0;
  const newline = () => "\n" + "  ".repeat(depth);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      out += text.slice(start, i + 1);
    } else if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      let j = i + 1;
      while (j < text.length && " \t\n\r".includes(text[j])) j++;
      if (text[j] === close) {
        out += c + close;
        i = j;
      } else {
        depth++;
        out += c + newline();
      }
    } else if (c === "}" || c === "]") {
      depth--;
      out += newline() + c;
    } else if (c === ",") {
      out += "," + newline();
    } else if (c === ":") {
      out += ": ";
    } else if (!" \t\n\r".includes(c)) {
      out += c;
    }
  }
  return out;
}

/**
 * Turns a policy error path (`policy.fields[2].action`, `policy.entities.EMAIL`) into a JSON
 * Pointer into the policy (`/fields/2/action`).
 */
export function policyPathToPointer(path) {
  const rest = path.replace(/^policy\.?/, "");
  if (!rest) return "";
  return rest
    .replace(/\[(\d+)\]/g, ".$1")
    .split(".")
    .filter(Boolean)
    .map((s) => "/" + escape(s))
    .join("");
}

/** Line and column (1-based) of an offset. */
export function lineColumn(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}
