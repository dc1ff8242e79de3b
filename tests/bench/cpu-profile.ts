import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../../src/shared/project-root";

/**
 * Self time by function from a V8 .cpuprofile (what `node --cpu-prof` writes): each sample's
 * duration (the time to the next sample, as Chrome's DevTools counts it) goes to the node it hit,
 * and nodes are summed by function name, url and line. `npm run bench -- --cpu-prof` prints the
 * top 15 of the hub's profile load; on its own:
 *
 *   node dist/tests/bench/cpu-profile.js <file.cpuprofile> [top]
 */

interface CallFrame {
  functionName: string;
  url: string;
  /** 0-based, -1 for V8's own entries such as (program) and (garbage collector). */
  lineNumber: number;
}

export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  functionName: string;
  /** url:line (1-based), relative to the project for its own files; empty for V8's entries. */
  location: string;
  selfMs: number;
  /** Share of all the sampled time in the window, idle included. */
  percent: number;
}

/**
 * Optionally only the samples within [fromUs, toUs], in microseconds of the monotonic clock (the
 * profile's own timestamps, which `process.hrtime.bigint() / 1000n` reads in another process on the
 * same machine); when the window holds no sample, the whole profile.
 */
export function selfTimes(profile: CpuProfile, window?: { fromUs: number; toUs: number }): { items: SelfTime[]; totalMs: number; windowed: boolean } {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const stamps: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) stamps.push((t += delta));
  const aggregate = (inWindow: (at: number) => boolean) => {
    const byKey = new Map<string, { frame: CallFrame; us: number }>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      if (!inWindow(stamps[i])) return;
      const us = Math.max(0, (i + 1 < stamps.length ? stamps[i + 1] : profile.endTime) - stamps[i]);
      const frame = frames.get(id);
      if (!frame) return;
      const key = `${frame.functionName}\u0000${frame.url}\u0000${frame.lineNumber}`;
      const entry = byKey.get(key) ?? { frame, us: 0 };
      entry.us += us;
      byKey.set(key, entry);
      total += us;
    });
    return { byKey, total };
  };
  let windowed = Boolean(window);
  let { byKey, total } = aggregate(window ? (at) => at >= window.fromUs && at <= window.toUs : () => true);
  if (window && total === 0) {
    windowed = false;
    ({ byKey, total } = aggregate(() => true));
  }
  const root = projectRoot();
  const items = [...byKey.values()]
    .sort((a, b) => b.us - a.us)
    .map(({ frame, us }) => ({
      functionName: frame.functionName || "(anonymous)",
      location: frame.url ? `${shortUrl(frame.url, root)}:${frame.lineNumber + 1}` : "",
      selfMs: Math.round(us / 100) / 10,
      percent: total ? Math.round((us / total) * 1000) / 10 : 0,
    }));
  return { items, totalMs: Math.round(total / 1000), windowed };
}

function shortUrl(url: string, root: string): string {
  const file = url.startsWith("file://") ? decodeURIComponent(new URL(url).pathname) : url;
  return file.startsWith(root + path.sep) ? path.relative(root, file) : file;
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
}

/** The top `top` self-time items as a table on stdout. */
export function printTop(file: string, top = 15, window?: { fromUs: number; toUs: number }): void {
  const { items, totalMs, windowed } = selfTimes(readProfile(file), window);
  const shown = path.relative(process.cwd(), file);
  console.log(`CPU profile ${shown.startsWith("..") ? file : shown}: ${totalMs} ms sampled${window ? (windowed ? " during the load" : " (whole process: no sample in the load's window)") : ""}, top ${top} by self time`);
  console.table(items.slice(0, top).map((x) => ({ function: x.functionName, location: x.location, "self ms": x.selfMs, "%": x.percent })));
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error("usage: node dist/tests/bench/cpu-profile.js <file.cpuprofile> [top, default 15]");
    process.exit(2);
  }
  printTop(file, top ? Number(top) : 15);
}
