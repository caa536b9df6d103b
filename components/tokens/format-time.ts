// One fixed format and time zone, so the server render and the browser agree (no hydration
// mismatch) and every user reads the same thing.
const formatter = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

export function formatTime(ms: number): string {
  return `${formatter.format(new Date(ms))} UTC`;
}
