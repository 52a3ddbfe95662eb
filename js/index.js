// Default entry (browsers, bundlers, Web Workers): call `await init()` once, then use the API.
//
// Fail closed on traps. Every export and every Sanitizer method goes through `call` below. If a
// call ends in anything but a sanitas error (a WebAssembly.RuntimeError trap, a stack overflow,
// any exception that unwound through wasm frames), the wasm instance may be inconsistent: the
// call throws an InternalError (code INTERNAL_TRAP) and returns nothing, and the instance is
// replaced by a fresh one (wasm-bindgen's reset function, built with
// --experimental-reset-state-function). Sanitizers created before the reset lived in the old
// instance's memory: using them throws InternalError (code INSTANCE_RESET); new ones work.
// Calls from inside another call (a getter or Proxy trap of an input calling sanitas) are refused
// before they enter wasm.
import * as bindings from "./sanitas.js";
import { __wbg_reset_state as resetInstance } from "./sanitas.js";

export { default, initSync } from "./sanitas.js";

const SANITAS_ERRORS = new Set(["PolicyError", "KeyError", "InputError", "LimitError", "BlockedError", "InternalError"]);
/** Marks the functions this module guards (tests check that nothing is left unguarded). */
const GUARDED = Symbol.for("sanitas.failClosed");

let generation = 0; // instances replaced so far; mirrors wasm-bindgen's own instance counter
let broken = false; // a reset failed: every call throws until one succeeds
let inCall = false;
const born = new WeakMap(); // wasm-backed object -> the generation it was created in
const freed = new WeakSet();

function sanitasError(name, code, message) {
  const e = new Error(message);
  e.name = name;
  e.code = code;
  e.path = "";
  return e;
}

function isSanitasError(e) {
  return e instanceof Error && SANITAS_ERRORS.has(e.name) && typeof e.code === "string" && typeof e.path === "string";
}

function reset() {
  generation++;
  try {
    resetInstance();
    broken = false;
  } catch {
    broken = true;
  }
}

function failClosed(cause) {
  const what = cause instanceof Error ? cause.name : typeof cause; // never the message: no data
  reset();
  return sanitasError(
    "InternalError",
    "INTERNAL_TRAP",
    `the WebAssembly instance failed (${what}) and nothing was returned; it has been replaced, ` +
      "so Sanitizers created before this call are unusable: create new ones",
  );
}

function checkReceiver(self) {
  adopt(self);
  if (self === null || (typeof self !== "object" && typeof self !== "function") || !born.has(self)) {
    throw sanitasError("InputError", "INPUT_INVALID", "the receiver is not an object created by sanitas");
  }
  checkLive(self);
}

/**
 * An object of a guarded class made without going through this module (a helper that imported
 * the generated class directly) carries wasm-bindgen's own instance number, which `generation`
 * mirrors.
 */
function adopt(self) {
  if (self === null || typeof self !== "object" || born.has(self)) return;
  try {
    // A Proxy's getPrototypeOf trap may throw: then it is not one of ours.
    if (wrapped.has(Object.getPrototypeOf(self)) && typeof self.__wbg_inst === "number") born.set(self, self.__wbg_inst);
  } catch {}
}

/** A wasm-backed object (receiver or argument) must belong to the current instance and be unfreed. */
function checkLive(self) {
  if (born.get(self) !== generation) {
    throw sanitasError(
      "InternalError",
      "INSTANCE_RESET",
      "this object belonged to a WebAssembly instance that was replaced after a failure; create a new one",
    );
  }
  if (freed.has(self) || self.__wbg_ptr === 0) {
    throw sanitasError("InputError", "SANITIZER_FREED", "this object was freed (free() or a using block)");
  }
}

function call(fn, self, args, isMethod) {
  if (inCall) {
    throw sanitasError(
      "InputError",
      "REENTRANT_CALL",
      "sanitas was called from inside another sanitas call (a getter or Proxy trap of its input)",
    );
  }
  if (broken) reset();
  if (broken) {
    throw sanitasError("InternalError", "INTERNAL_TRAP", "the WebAssembly instance could not be replaced after a failure");
  }
  if (isMethod) checkReceiver(self);
  // A Sanitizer passed as an argument (e.g. to a stream's push) hands its pointer to wasm too.
  for (const arg of args) if (arg !== null && typeof arg === "object" && born.has(arg)) checkLive(arg);
  let result;
  inCall = true;
  try {
    result = fn.apply(self, args);
  } catch (e) {
    if (isSanitasError(e)) throw e;
    throw failClosed(e);
  } finally {
    inCall = false;
  }
  if (result !== null && typeof result === "object" && wrapped.has(Object.getPrototypeOf(result))) {
    born.set(result, generation);
  }
  return result;
}

function mark(wrapper, original) {
  Object.defineProperty(wrapper, "length", { value: original.length });
  Object.defineProperty(wrapper, GUARDED, { value: true });
  return wrapper;
}

function guardFunction(fn, isMethod = false) {
  const { [fn.name]: wrapper } = {
    [fn.name](...args) {
      return call(fn, this, args, isMethod);
    },
  };
  return mark(wrapper, fn);
}

/** `free()` releases the object's wasm memory once; after a reset there is nothing to release. */
function guardFree(free) {
  return mark(function free_(...args) {
    if (!born.has(this) || freed.has(this)) return;
    if (born.get(this) === generation) call(free, this, args, false); // else its memory went with the old instance
    freed.add(this);
  }, free);
}

const wrapped = new Set(); // prototypes of guarded classes

/** Guards every method, accessor and static of a generated class, in place, and its constructor. */
function guardClass(Raw) {
  const proto = Raw.prototype;
  wrapped.add(proto);
  const rawFree = proto.free;
  for (const key of Reflect.ownKeys(proto)) {
    if (key === "constructor" || (typeof key === "string" && key.startsWith("__"))) continue;
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (typeof d.value === "function") {
      d.value = d.value === rawFree ? guardFree(rawFree) : guardFunction(d.value, true);
    } else {
      if (d.get) d.get = guardFunction(d.get, true);
      if (d.set) d.set = guardFunction(d.set, true);
    }
    Object.defineProperty(proto, key, d);
  }
  for (const key of Object.getOwnPropertyNames(Raw)) {
    if (["length", "name", "prototype"].includes(key) || key.startsWith("__")) continue;
    const d = Object.getOwnPropertyDescriptor(Raw, key);
    if (typeof d.value === "function") {
      d.value = guardFunction(d.value, false);
      Object.defineProperty(Raw, key, d);
    }
  }
  return new Proxy(Raw, {
    construct(target, args, newTarget) {
      const obj = call((...a) => Reflect.construct(target, a, newTarget), undefined, args, false);
      born.set(obj, generation);
      return obj;
    },
  });
}

// One line per export of sanitas.js (tests/js/package.test.mjs fails on a missing one).
export const Sanitizer = guardClass(bindings.Sanitizer);
export const Reidentifier = guardClass(bindings.Reidentifier);
export const JsonlStream = guardClass(bindings.JsonlStream);
export const version = guardFunction(bindings.version);
export const presetNames = guardFunction(bindings.presetNames);
export const presetPolicy = guardFunction(bindings.presetPolicy);
export const entityCatalog = guardFunction(bindings.entityCatalog);

// Hand-written helpers, built on the guarded API above.
export { jsonlTransform } from "./jsonl.js";
export { ReidentifyStream } from "./stream.js";
