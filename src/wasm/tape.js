// Builds a result from the tape written by src/wasm/tape.rs: `tape` is a Float64Array view of
// wasm memory (op codes, counts, numbers, UTF-16 lengths), `text` every string of the result back
// to back, in tape order. Op codes: 0 null, 1 false, 2 true, 3 number (next: the number),
// 4 string (next: its length), 5 array (next: n; n values), 6 object (next: n; n times a key
// and a value), 7 a static name (next: its code). A key is its length (>= 0), or -1 - a name's
// code. A name's code is 2 × its index in `names`, or 2 × index + 1 followed by its length the
// first time (its text then follows in `text`).
const names = [];

// The tape being read and the reader's place in it: module state read by plain functions (no
// closures made per call, no context slots for the positions). `buildFromTape` saves and
// restores them, so a build that starts inside another (a setter on Object.prototype calling
// into sanitas) leaves the outer one as it was.
let tape = null;
let text = "";
let i = 0;
let at = 0;

export function buildFromTape(t, x) {
  const outer = [tape, text, i, at];
  tape = t;
  text = x;
  i = 0;
  at = 0;
  try {
    return value();
  } finally {
    [tape, text, i, at] = outer;
  }
}

function name(code) {
  const index = code >> 1;
  if (code & 1) {
    const start = at;
    at += tape[i++];
    names[index] = text.slice(start, at);
  } else if (index >= names.length) {
    throw new Error("sanitas: malformed result tape");
  }
  return names[index];
}

function value() {
  switch (tape[i++]) {
    case 0:
      return null;
    case 1:
      return false;
    case 2:
      return true;
    case 3:
      return tape[i++];
    case 4: {
      const start = at;
      at += tape[i++];
      return text.slice(start, at);
    }
    case 5: {
      const n = tape[i++];
      const array = [];
      for (let k = 0; k < n; k++) array.push(value());
      return array;
    }
    case 6: {
      const n = tape[i++];
      const object = {};
      for (let k = 0; k < n; k++) {
        const c = tape[i++];
        let key;
        if (c < 0) {
          key = name(-1 - c);
        } else {
          const start = at;
          at += c;
          key = text.slice(start, at);
        }
        const v = value();
        // An own property, as JSON.parse makes it (assigning would set the prototype).
        if (key === "__proto__") {
          Object.defineProperty(object, key, { value: v, writable: true, enumerable: true, configurable: true });
        } else {
          object[key] = v;
        }
      }
      return object;
    }
    case 7:
      return name(tape[i++]);
    default:
      throw new Error("sanitas: malformed result tape");
  }
}
