// A reader for JSON text that reports where values are instead of building them, so a caller
// can cut a value out of a document, or edit one member, and leave every other byte as it
// was. JSON.parse + JSON.stringify cannot do that: 12345678901234567891 comes back as
// 12345678901234567000, 1e309 as null, 1.50 as 1.5, and whitespace and escapes change.
//
// Every function expects text that JSON.parse has already accepted: they locate, they do not
// validate. Positions are UTF-16 indexes into the string; spans are [start, end).

export type JsonSpan = { start: number; end: number };

export type JsonMember = {
  /** The decoded key ("\u0074oken" reads as "token", as JSON.parse reads it). */
  key: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
};

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

export function skipWhitespace(text: string, index: number): number {
  let i = index;
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** `index` is at an opening quote; returns the index just past the closing one. */
function stringEnd(text: string, index: number): number {
  // indexOf jumps over the string's content; a quote after an odd run of backslashes is escaped.
  let from = index + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The next quote, brace or bracket at or after lastIndex: everything else is skipped in one go. */
const STRUCTURE = /["{}[\]]/g;

/** `index` is at the first character of a value; returns the index just past its end. */
export function valueEnd(text: string, index: number): number {
  const first = text.charCodeAt(index);
  if (first === 0x22) return stringEnd(text, index);
  if (first === 0x7b /* { */ || first === 0x5b /* [ */) {
    let depth = 0;
    STRUCTURE.lastIndex = index;
    for (;;) {
      const match = STRUCTURE.exec(text);
      if (!match) return text.length;
      const c = text.charCodeAt(match.index);
      if (c === 0x22) STRUCTURE.lastIndex = stringEnd(text, match.index);
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (--depth === 0) return match.index + 1;
    }
  }
  // A number or a literal (true, false, null): up to the next delimiter.
  let i = index;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x2c /* , */ || c === 0x7d || c === 0x5d || isWhitespace(c)) break;
    i++;
  }
  return i;
}

function decodeKey(raw: string): string {
  return raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
}

/** The members of the object starting at `index` (its `{`), in order, duplicates included. */
export function objectMembers(text: string, index: number): JsonMember[] {
  const members: JsonMember[] = [];
  let i = skipWhitespace(text, index + 1);
  if (text.charCodeAt(i) === 0x7d) return members;
  for (;;) {
    const keyStart = i;
    const keyEnd = stringEnd(text, keyStart);
    i = skipWhitespace(text, keyEnd);
    const valueStart = skipWhitespace(text, i + 1); // past the colon
    const end = valueEnd(text, valueStart);
    members.push({ key: decodeKey(text.slice(keyStart, keyEnd)), keyStart, valueStart, valueEnd: end });
    i = skipWhitespace(text, end);
    if (text.charCodeAt(i) !== 0x2c) return members;
    i = skipWhitespace(text, i + 1);
  }
}

/** The elements of the array starting at `index` (its `[`), in order. */
export function arrayElements(text: string, index: number): JsonSpan[] {
  const elements: JsonSpan[] = [];
  let i = skipWhitespace(text, index + 1);
  if (text.charCodeAt(i) === 0x5d) return elements;
  for (;;) {
    const end = valueEnd(text, i);
    elements.push({ start: i, end });
    i = skipWhitespace(text, end);
    if (text.charCodeAt(i) !== 0x2c) return elements;
    i = skipWhitespace(text, i + 1);
  }
}

/**
 * The text of a top-level member's value, exactly as written; undefined when the document is
 * not an object or has no such member. With duplicate keys the last one counts, as in
 * JSON.parse, so the text always matches what validation saw.
 */
export function memberText(text: string, key: string): string | undefined {
  const start = skipWhitespace(text, 0);
  if (text.charCodeAt(start) !== 0x7b) return undefined;
  const member = objectMembers(text, start).findLast((m) => m.key === key);
  return member ? text.slice(member.valueStart, member.valueEnd) : undefined;
}

/**
 * The object text without the members `isRemoved` picks, every other byte kept. A removed
 * member takes its comma with it (the one after it, or before it when it is the last), so
 * the result stays valid JSON with its layout.
 */
export function withoutMembers(objectText: string, isRemoved: (key: string) => boolean): string {
  const members = objectMembers(objectText, 0);
  const removed = members.map((member) => isRemoved(member.key));
  const lastKept = removed.lastIndexOf(false);
  if (lastKept === members.length - 1 && !removed.includes(true)) return objectText;
  const edits: JsonEdit[] = [];
  // Up to the last kept member, each removed one goes with everything up to the next key.
  for (let i = 0; i < lastKept; i++) {
    if (removed[i]) edits.push({ start: members[i].keyStart, end: members[i + 1].keyStart, text: "" });
  }
  // The removed ones after it go together, with the comma after the last kept value.
  if (lastKept < members.length - 1) {
    const from = lastKept === -1 ? members[0].keyStart : members[lastKept].valueEnd;
    edits.push({ start: from, end: members[members.length - 1].valueEnd, text: "" });
  }
  return applyEdits(objectText, edits);
}

export type JsonEdit = JsonSpan & { text: string };

/** Applies non-overlapping edits (any order) to the text. */
export function applyEdits(text: string, edits: JsonEdit[]): string {
  if (edits.length === 0) return text;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}
