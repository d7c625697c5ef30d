/**
 * BENCH_PROFILE=1: CPU profiles (CDP Profiler) of the page renderer (main world + the relay's
 * isolated world), the Sockets panel, the extension service worker and the DevTools front-end
 * while a flood runs; writes .cpuprofile files (open them in DevTools > Performance) and answers
 * the top functions by self time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { CDPSession } from 'puppeteer-core';
import type { Harness } from './configs';
import { frameSession } from './heap';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface HotFunction {
  function: string;
  location: string;
  selfMs: number;
  share: number;
}
export interface ProfileSummary {
  scenario: string;
  target: string;
  totalMs: number;
  /** Self time by script file (busy time only: idle excluded). */
  byFile: { file: string; selfMs: number }[];
  top: HotFunction[];
  file: string;
}

const short = (url: string) => url.replace(/^chrome-extension:\/\/[a-p]{32}\//, 'ext:/').replace(/^https?:\/\/127\.0\.0\.1:\d+\//, 'page:/') || '(native)';

export function summarize(profile: Profile, topN = 15): Omit<ProfileSummary, 'scenario' | 'target' | 'file'> {
  const byNode = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    byNode.set(profile.samples[i], (byNode.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const byFunction = new Map<string, HotFunction>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = byNode.get(node.id) ?? 0;
    if (!us || node.callFrame.functionName === '(idle)') continue;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const location = url ? `${short(url)}:${lineNumber + 1}` : '';
    const key = `${functionName}@${location}`;
    const f = byFunction.get(key) ?? { function: functionName || '(anonymous)', location, selfMs: 0, share: 0 };
    f.selfMs += us / 1000;
    byFunction.set(key, f);
    byFile.set(short(url), (byFile.get(short(url)) ?? 0) + us / 1000);
  }
  const top = [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, topN);
  for (const f of top) f.share = f.selfMs / (total / 1000);
  return {
    totalMs: total / 1000,
    byFile: [...byFile].map(([file, selfMs]) => ({ file, selfMs })).sort((a, b) => b.selfMs - a.selfMs).slice(0, 8),
    top,
  };
}

/** The sessions worth profiling in a harness (those that exist in its configuration). */
export async function profileTargets(h: Harness): Promise<Record<string, CDPSession>> {
  const out: Record<string, CDPSession> = { page: h.session };
  if (h.panel) out.panel = frameSession(h.panel);
  if (h.devtools) out['devtools front-end'] = await h.devtools.createCDPSession();
  if (h.spec.extension) {
    const sw = h.b.browser.targets().find((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'));
    if (sw) out['service worker'] = await sw.createCDPSession();
  }
  return out;
}

/** Runs `work` with every target profiled; writes the profiles under `dir`. */
export async function profiled(
  h: Harness, scenario: string, dir: URL, work: () => Promise<unknown>,
): Promise<ProfileSummary[]> {
  const targets = await profileTargets(h);
  for (const s of Object.values(targets)) {
    await s.send('Profiler.enable');
    await s.send('Profiler.setSamplingInterval', { interval: 200 });
    await s.send('Profiler.start');
  }
  await work();
  mkdirSync(dir, { recursive: true });
  const out: ProfileSummary[] = [];
  for (const [target, s] of Object.entries(targets)) {
    const { profile } = (await s.send('Profiler.stop')) as unknown as { profile: Profile };
    await s.send('Profiler.disable');
    const file = new URL(`${h.spec.id}-${scenario}-${target.replace(/\W+/g, '-')}.cpuprofile`, dir);
    writeFileSync(file, JSON.stringify(profile));
    out.push({ scenario: `${h.spec.id} ${scenario}`, target, file: file.pathname, ...summarize(profile) });
  }
  return out;
}

export function formatProfiles(summaries: ProfileSummary[]): string {
  const lines: string[] = ['Profiles (self time, busy only; .cpuprofile files open in DevTools > Performance)'];
  for (const s of summaries) {
    lines.push(`\n[${s.scenario}] ${s.target}: ${Math.round(s.totalMs)} ms busy — by file: ${s.byFile.map((f) => `${f.file} ${Math.round(f.selfMs)}`).join(', ')}`);
    for (const f of s.top) lines.push(`  ${f.selfMs.toFixed(0).padStart(7)} ms ${(100 * f.share).toFixed(1).padStart(5)}%  ${f.function}  ${f.location}`);
  }
  return lines.join('\n');
}
