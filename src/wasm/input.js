// Reads a JSON input (anything but a top-level string) for src/wasm/convert.rs in one crossing:
// the same reads, checks and order as convert.rs's `Converter` (which still reads policies), so
// getters and Proxy traps run exactly as often and the same errors are found first. Returns a
// Float64Array tape; every string (keys and values, back to back) is then taken with
// `inputText()`. Ops: 0 null, 1 false, 2 true, 3 number (next: it), 4 string (next: its UTF-8
// length), 5 array (next: n; n values), 6 object (next: n; n times a key's UTF-8 length and a
// value). An error is the tape [8, kind, detail]: `inputText()` is then the error's JSON Pointer
// and `inputErrorValue()` the offending value (for its type's name), both read by convert.rs,
// which words the error. Kinds: 1 too large, 2 lone surrogate (detail: its index), 3 NaN or
// Infinity, 4 not JSON data, 5 cycle, 6 too deep, 7 a read threw, 8 hole, 9 undefined element,
// 10 not a plain object.

let text = "";
let errorValue;

class Stop {
  constructor(kind, detail = 0, value = undefined) {
    this.kind = kind;
    this.detail = detail;
    this.value = value;
  }
}

export function inputText() {
  const t = text;
  text = "";
  return t;
}

export function inputErrorValue() {
  const v = errorValue;
  errorValue = undefined;
  return v;
}

const NON_ASCII = /[^\0-\x7f]/;

/** UTF-8 length of `s`, or -1 - the index of its first lone surrogate. */
function utf8Length(s) {
  const units = s.length;
  if (!NON_ASCII.test(s)) return units;
  let n = units;
  for (let i = 0; i < units; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      n += 1;
    } else if (c < 0xd800 || c > 0xdfff) {
      n += 2;
    } else {
      const d = c <= 0xdbff && i + 1 < units ? s.charCodeAt(i + 1) : 0;
      if (d < 0xdc00 || d > 0xdfff) return -1 - i;
      n += 2; // two units, four bytes
      i++;
    }
  }
  return n;
}

export function readInput(input, maxDepth, maxBytes) {
  const ops = [];
  const parts = [];
  const ancestors = new Set();
  let bytes = 0;
  // The keys and indices down to the current value; the JSON Pointer is built only for an error.
  const path = [];
  const pointer = () =>
    path.map((k) => "/" + (typeof k === "number" ? k : k.replaceAll("~", "~0").replaceAll("/", "~1"))).join("");

  const add = (n) => {
    bytes += n;
    if (bytes > maxBytes) throw new Stop(1);
  };
  // A string's UTF-8 length; the same checks, in the same order, as `Converter::string`.
  const string = (s) => {
    if (s.length > maxBytes - bytes) throw new Stop(1);
    const n = utf8Length(s);
    if (n < 0) throw new Stop(2, -1 - n);
    add(n);
    parts.push(s);
    return n;
  };
  const value = (v, depth) => {
    if (typeof v === "string") {
      ops.push(4, 0);
      ops[ops.length - 1] = string(v);
      return;
    }
    if (typeof v === "number") {
      add(24);
      if (!Number.isFinite(v)) throw new Stop(3);
      ops.push(3, v);
      return;
    }
    if (typeof v === "boolean") {
      add(4);
      ops.push(v ? 2 : 1);
      return;
    }
    if (v === null) {
      add(4);
      ops.push(0);
      return;
    }
    if (typeof v !== "object") throw new Stop(4, 0, v);
    if (ancestors.has(v)) throw new Stop(5);
    if (depth >= maxDepth) throw new Stop(6);
    add(2);
    let isArray;
    try {
      isArray = Array.isArray(v);
    } catch {
      throw new Stop(7);
    }
    ancestors.add(v);
    if (isArray) array(v, depth);
    else object(v, depth);
    ancestors.delete(v);
  };
  const array = (v, depth) => {
    let len;
    try {
      len = Reflect.get(v, "length");
    } catch {
      throw new Stop(7);
    }
    if (typeof len !== "number" || !(len >= 0) || len % 1 !== 0) throw new Stop(7);
    len = Math.min(len, 4294967295);
    ops.push(5, len);
    for (let i = 0; i < len; i++) {
      path.push(i);
      let item;
      try {
        item = Reflect.get(v, i);
      } catch {
        throw new Stop(7);
      }
      if (item === undefined) {
        let has;
        try {
          has = Reflect.has(v, i);
        } catch {
          throw new Stop(7);
        }
        throw new Stop(has ? 9 : 8);
      }
      value(item, depth + 1);
      path.pop();
    }
  };
  const object = (v, depth) => {
    let plain;
    try {
      const proto = Reflect.getPrototypeOf(v);
      plain = proto === null || Reflect.getPrototypeOf(proto) === null;
    } catch {
      throw new Stop(7);
    }
    if (!plain) throw new Stop(10, 0, v);
    let keys;
    try {
      keys = Object.keys(v);
    } catch {
      throw new Stop(7);
    }
    ops.push(6, 0);
    const count = ops.length - 1;
    let n = 0;
    for (const key of keys) {
      // The key's own errors are reported at the object's path.
      const at = ops.length;
      ops.push(string(key));
      path.push(key);
      let item;
      try {
        item = Reflect.get(v, key);
      } catch {
        throw new Stop(7);
      }
      if (item === undefined) {
        ops.length = at;
        parts.pop();
      } else {
        value(item, depth + 1);
        n++;
      }
      path.pop();
    }
    ops[count] = n;
  };

  try {
    value(input, 0);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    text = e.kind === 1 ? "" : pointer();
    errorValue = e.value;
    return new Float64Array([8, e.kind, e.detail]);
  }
  text = parts.join("");
  return new Float64Array(ops);
}
