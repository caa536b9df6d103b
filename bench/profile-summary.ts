// Summarises a .cpuprofile written by `npm run bench -- --cpu-prof`: where the worker's time
// went, by file/package and by function (self time), so a bottleneck has a name.
// Usage: npx tsx bench/profile-summary.ts bench/profiles/<file>.cpuprofile [top=25]
import fs from "node:fs";

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
};
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error("usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]");
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;

// Self time per node from the sample stream (timeDeltas are µs between samples).
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
});
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

function area(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const nm = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (nm) return nm[1];
  if (url.startsWith("node:")) return url;
  const local = url.replace(/^file:\/\//, "").replace(`${process.cwd()}/`, "");
  return local;
}

const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (!us) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const a = area(url, functionName);
  byArea.set(a, (byArea.get(a) ?? 0) + us);
  const key = `${functionName || "(anonymous)"}  ${a}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
}

// Library and native time charged to the nearest caller of ours (lib/, db/): "which of our
// functions costs what, including the driver work it causes" (async gaps end the walk).
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
const byCaller = new Map<string, number>();
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (!us) continue;
  let at: Node | undefined = node;
  while (at && !(/\/(lib|db)\//.test(at.callFrame.url) && !at.callFrame.url.includes("node_modules")))
    at = nodeById.get(parent.get(at.id) ?? -1);
  const key = at
    ? `${at.callFrame.functionName || "(anonymous)"}  ${area(at.callFrame.url, "")}`
    : "(no caller of ours on the stack)";
  byCaller.set(key, (byCaller.get(key) ?? 0) + us);
}

const show = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`);
  }
};
console.log(`${file}: ${(totalUs / 1e6).toFixed(1)} s sampled`);
show("self time by file / package", byArea);
show("self time by function", byFunction);
show("time by nearest function of ours (its own + the library and native work under it)", byCaller);
