/** Pretty JSON when the text is JSON, else the text as it came (bodies sent and received). */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
