// Highlights behind a textarea, in place: a backdrop with the same font, padding and wrapping
// holds <mark>s at the same offsets, and the textarea (transparent background) sits on top. The
// textarea grows with its content so the two never scroll apart; a wrapper scrolls both.

/** Builds the children of `container` from `text` and marks `{ start, end, className, data }`. */
export function renderMarks(container, text, marks) {
  const frag = document.createDocumentFragment();
  let pos = 0;
  for (const m of [...marks].sort((a, b) => a.start - b.start)) {
    if (m.start < pos || m.end > text.length || m.end <= m.start) continue;
    if (m.start > pos) frag.append(text.slice(pos, m.start));
    const el = document.createElement("mark");
    el.className = m.className ?? "";
    for (const [k, v] of Object.entries(m.data ?? {})) el.dataset[k] = String(v);
    el.textContent = text.slice(m.start, m.end);
    frag.append(el);
    pos = m.end;
  }
  frag.append(text.slice(pos));
  // A trailing newline needs a character after it to take up a line, as it does in the textarea.
  if (text.endsWith("\n")) frag.append(" ");
  container.replaceChildren(frag);
}

/** Sets the textarea's height to its content so the backdrop below lines up without scrolling. */
export function fitHeight(textarea) {
  textarea.style.height = "auto";
  textarea.style.height = `${textarea.scrollHeight}px`;
}

/** The mark of `container` under the point (x, y), if any. */
export function markAt(container, x, y) {
  for (const mark of container.querySelectorAll("mark")) {
    for (const r of mark.getClientRects()) {
      if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return mark;
    }
  }
  return null;
}
