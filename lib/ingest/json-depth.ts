/**
 * True when the JSON text nests arrays/objects deeper than maxDepth. Checked on the text,
 * before parsing: JSON.parse copes with any depth, but JSON.stringify (storing the event,
 * building each delivery) recurses and would overflow the stack on a few hundred KiB of "[[[[",
 * turning bad input into a 500.
 */
export function isNestedDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isInString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) isInString = false;
    } else if (c === 0x22) {
      isInString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}
