// The bench's result table: one row per figure, the raw numbers beside their baseline, the
// ratio after them, then the target and whether it was met.

export type Row = {
  figure: string;
  ours: string;
  baseline: string;
  /** Shown as the ratio column; undefined for figures that are not ratios (e.g. RSS). */
  ratio?: number;
  /**
   * CPU µs per delivery (or request) in each side's measured process, beside the wall-clock
   * ratio: the steadier figure when other work shares the machine.
   */
  cpuUs?: { ours: number; baseline?: number; oursStore?: number; baselineStore?: number };
  target: string;
  pass: boolean | undefined;
  note?: string;
};

export function rate(n: number, ms: number): number {
  return (n / ms) * 1000;
}

export function fmtRate(perSecond: number): string {
  return `${Math.round(perSecond).toLocaleString("en-US")}/s`;
}

/**
 * The fastest of several timed runs. On a shared machine other work only ever slows a run
 * down, so the fastest run of each side is the least disturbed one; both sides get the same rule.
 */
export function best(elapsedMs: number[]): number {
  return Math.min(...elapsedMs);
}

/** CPU µs per delivery from the CPU ms a process spent on `n` of them. */
export function cpuUs(cpuMs: number, n: number): number {
  return Math.round((cpuMs * 1000) / n);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** A row for a figure that could not be measured: it stays in the table with the reason. */
export function missingRow(figure: string, target: string, reason: string): Row {
  return { figure, ours: "n/a", baseline: "n/a", target, pass: undefined, note: reason };
}

export function renderTable(rows: Row[]): string {
  const header = ["figure", "ours", "baseline", "ratio", "CPU µs ours / baseline (+ store)", "target", "result"];
  const withStore = (us: number | undefined, store: number | undefined) =>
    us === undefined ? "-" : store === undefined ? String(us) : `${us} + ${store}`;
  const cells = rows.map((row) => [
    row.figure,
    row.ours,
    row.baseline,
    row.ratio === undefined ? "" : row.ratio.toFixed(2),
    row.cpuUs === undefined
      ? ""
      : `${withStore(row.cpuUs.ours, row.cpuUs.oursStore)} / ${withStore(row.cpuUs.baseline, row.cpuUs.baselineStore)}`,
    row.target,
    row.pass === undefined ? "n/a" : row.pass ? "pass" : "MISS",
  ]);
  const out = [markdownTable(header, cells)];
  const notes = rows.filter((row) => row.note).map((row) => `- ${row.figure}: ${row.note}`);
  return [...out, ...(notes.length ? ["", ...notes] : [])].join("\n");
}

/** Rows of cells as an aligned Markdown table (the soak's table too). */
export function markdownTable(header: string[], cells: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}
