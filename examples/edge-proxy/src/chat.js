// The OpenAI chat format, both ways: which parts of a request carry text that may hold
// identifiers (and so go through the Sanitizer as one record), and which parts of an answer are
// the model's text (and so are re-identified).
//
// The request is mirrored as a record holding only what may carry data: every message without its
// structural keys (role, ids, tool names, part types), tool-call arguments parsed from their JSON
// string (so field names like "ssn" count as evidence), plus the top-level `user`, `metadata` and
// `prediction`. Unknown keys of a message or a content part are kept in the mirror, hence
// scanned: text the proxy does not know about is never forwarded unscanned. The record's JSON
// Pointers are the request's own (`/messages/2/content/0/text`), so the audit report points into
// the request the caller sent.

/** An error the caller caused: becomes a 400 in OpenAI's error shape. */
export class RequestError extends Error {
  constructor(message, code, param = null, status = 400) {
    super(message);
    this.code = code;
    this.param = param;
    this.status = status;
  }
}

const MESSAGE_STRUCTURE = ["role", "tool_call_id"];
/** A tool or function result's `name` is the function's, not a participant's. */
const RESULT_STRUCTURE = [...MESSAGE_STRUCTURE, "name"];
const structureOf = (message) => (message.role === "tool" || message.role === "function" ? RESULT_STRUCTURE : MESSAGE_STRUCTURE);
const TOOL_CALL_STRUCTURE = ["id", "type", "index"];
const FUNCTION_STRUCTURE = ["name"];
const TOP_LEVEL_DATA = ["user", "metadata", "prediction"];
/** Content part types made of text. Images, audio and files cannot be inspected: refused. */
const TEXT_PARTS = new Set(["text", "refusal"]);
/** What OpenAI accepts as a participant `name`. */
const NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** `obj` without `keys`, and the removed entries. */
function split(obj, keys) {
  const data = {};
  const structure = {};
  for (const [k, v] of Object.entries(obj)) (keys.includes(k) ? structure : data)[k] = v;
  return [data, structure];
}

/** Arguments are JSON text; parsed when they hold an object or array, else scanned as text. */
function parseArguments(args) {
  if (typeof args !== "string") return args;
  try {
    const v = JSON.parse(args);
    if (v !== null && typeof v === "object") return v;
  } catch {}
  return args;
}

function stringifyArguments(sanitized, original) {
  if (sanitized === undefined) return typeof original === "string" ? "{}" : original;
  return typeof sanitized === "string" ? sanitized : JSON.stringify(sanitized);
}

function mirrorFunction(fn, param) {
  if (!isObject(fn)) throw new RequestError(`${param} must be an object`, "invalid_value", param);
  const [data] = split(fn, FUNCTION_STRUCTURE);
  if ("arguments" in data) data.arguments = parseArguments(data.arguments);
  return data;
}

function mirrorToolCall(call, param) {
  if (!isObject(call)) throw new RequestError(`${param} must be an object`, "invalid_value", param);
  const [data] = split(call, TOOL_CALL_STRUCTURE);
  if ("function" in data) data.function = mirrorFunction(data.function, `${param}.function`);
  if (isObject(data.custom)) data.custom = split(data.custom, FUNCTION_STRUCTURE)[0];
  return data;
}

function mirrorContent(content, param) {
  if (!Array.isArray(content)) return content;
  return content.map((part, j) => {
    const at = `${param}[${j}]`;
    if (!isObject(part)) throw new RequestError(`${at} must be an object`, "invalid_value", at);
    if (!TEXT_PARTS.has(part.type)) {
      throw new RequestError(
        `${at}: content parts of type ${JSON.stringify(String(part.type))} cannot be inspected for identifiers; ` +
          "this proxy forwards text parts only",
        "unsupported_content_part",
        at,
      );
    }
    return split(part, ["type"])[0];
  });
}

function mirrorMessage(message, i) {
  const param = `messages[${i}]`;
  if (!isObject(message)) throw new RequestError(`${param} must be an object`, "invalid_value", param);
  const [data] = split(message, structureOf(message));
  if ("content" in data) data.content = mirrorContent(data.content, `${param}.content`);
  // Tool results are mostly JSON: parsed, their field names count as evidence too.
  if (message.role === "tool" || message.role === "function") data.content = parseArguments(data.content);
  if ("tool_calls" in data) {
    if (!Array.isArray(data.tool_calls)) {
      throw new RequestError(`${param}.tool_calls must be an array`, "invalid_value", `${param}.tool_calls`);
    }
    data.tool_calls = data.tool_calls.map((c, j) => mirrorToolCall(c, `${param}.tool_calls[${j}]`));
  }
  if ("function_call" in data) data.function_call = mirrorFunction(data.function_call, `${param}.function_call`);
  return data;
}

/**
 * The record to sanitize for a chat request. Throws `RequestError` on a request this proxy
 * refuses (no messages, too many, parts it cannot inspect).
 */
export function mirrorRequest(body, { maxMessages }) {
  if (!isObject(body)) throw new RequestError("the request body must be a JSON object", "invalid_request", null);
  const { messages } = body;
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new RequestError("'messages' must be a non-empty array", "invalid_value", "messages");
  }
  if (messages.length > maxMessages) {
    throw new RequestError(
      `too many messages: ${messages.length} (this proxy accepts at most ${maxMessages})`,
      "too_many_messages",
      "messages",
    );
  }
  const record = { messages: messages.map(mirrorMessage) };
  for (const k of TOP_LEVEL_DATA) {
    if (!(k in body)) continue;
    record[k] = k === "prediction" && isObject(body[k]) ? split(body[k], ["type"])[0] : body[k];
  }
  return record;
}

/** `obj` with the keys of `like` first, in their order (the forwarded request reads like the caller's). */
function inOrderOf(obj, like) {
  const out = {};
  for (const k of Object.keys(like)) if (k in obj) out[k] = obj[k];
  return Object.assign(out, obj);
}

function mergeToolCall(original, sanitized = {}) {
  const [, structure] = split(original, TOOL_CALL_STRUCTURE);
  const out = { ...sanitized, ...structure };
  if (isObject(original.function)) {
    const [, fnStructure] = split(original.function, FUNCTION_STRUCTURE);
    out.function = { ...(sanitized.function ?? {}), ...fnStructure };
    if ("arguments" in original.function) {
      out.function.arguments = stringifyArguments(sanitized.function?.arguments, original.function.arguments);
    }
  }
  if (isObject(original.custom)) out.custom = { ...(sanitized.custom ?? {}), name: original.custom.name };
  if (isObject(out.function)) out.function = inOrderOf(out.function, original.function);
  return inOrderOf(out, original);
}

function mergeMessage(original, sanitized = {}) {
  const [, structure] = split(original, structureOf(original));
  const out = { ...sanitized, ...structure };
  if ("content" in original) {
    if (Array.isArray(original.content)) {
      out.content = original.content.map((part, j) => inOrderOf({ ...(sanitized.content?.[j] ?? {}), type: part.type }, part));
    } else if (typeof original.content === "string") {
      out.content = sanitized.content === undefined ? "" : stringifyArguments(sanitized.content, original.content);
    }
  }
  if (Array.isArray(original.tool_calls)) {
    out.tool_calls = original.tool_calls.map((c, j) => mergeToolCall(c, sanitized.tool_calls?.[j]));
  }
  if (isObject(original.function_call)) {
    out.function_call = mergeToolCall({ function: original.function_call }, { function: sanitized.function_call })
      .function;
  }
  // A participant name must stay a valid name; one the policy redacted ("[PERSON]") is dropped.
  if ("name" in out && !(typeof out.name === "string" && NAME_PATTERN.test(out.name))) delete out.name;
  return inOrderOf(out, original);
}

/** The request to forward: the caller's body with the sanitized record written back. */
export function applyRecord(body, sanitized) {
  const out = { ...body, messages: body.messages.map((m, i) => mergeMessage(m, sanitized.messages?.[i])) };
  for (const k of TOP_LEVEL_DATA) {
    if (!(k in body)) continue;
    if (!(k in sanitized)) delete out[k];
    else if (k === "prediction" && isObject(body[k])) out[k] = inOrderOf({ ...sanitized[k], type: body[k].type }, body[k]);
    else out[k] = sanitized[k];
  }
  return out;
}

/** Re-identifies tool-call arguments (JSON text): as JSON when they parse, else as text. */
export function restoreArguments(sanitizer, args) {
  if (typeof args !== "string") return args;
  const parsed = parseArguments(args);
  return typeof parsed === "string" ? sanitizer.reidentify(args) : JSON.stringify(sanitizer.reidentifyJson(parsed));
}

function restoreMessage(sanitizer, message) {
  if (!isObject(message)) return message;
  const [text, calls] = split(message, ["tool_calls", "function_call"]);
  const out = sanitizer.reidentifyJson(text);
  if ("tool_calls" in calls) out.tool_calls = calls.tool_calls;
  if (Array.isArray(message.tool_calls)) {
    out.tool_calls = message.tool_calls.map((c) =>
      isObject(c) && isObject(c.function)
        ? { ...c, function: { ...c.function, arguments: restoreArguments(sanitizer, c.function.arguments) } }
        : c,
    );
  }
  if ("function_call" in calls) out.function_call = calls.function_call;
  if (isObject(message.function_call)) {
    out.function_call = {
      ...message.function_call,
      arguments: restoreArguments(sanitizer, message.function_call.arguments),
    };
  }
  return out;
}

/** A chat completion (not streamed) with every choice's message re-identified. */
export function restoreCompletion(sanitizer, completion) {
  if (!isObject(completion) || !Array.isArray(completion.choices)) return sanitizer.reidentifyJson(completion);
  return {
    ...completion,
    choices: completion.choices.map((c) => {
      if (!isObject(c)) return c;
      const out = { ...c };
      if ("message" in c) out.message = restoreMessage(sanitizer, c.message);
      if (typeof c.text === "string") out.text = sanitizer.reidentify(c.text);
      return out;
    }),
  };
}
