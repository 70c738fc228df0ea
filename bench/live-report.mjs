/**
 * The live section of `npm run bench`: runs bench/live.mjs once on a generated cluster (in its own
 * process, so the heap is fresh) and judges the targets of issue 19.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';

const secs = (ms) => (typeof ms === 'number' ? `${(ms / 1000).toFixed(2)} s` : 'n/a');
const msText = (ms) => (typeof ms === 'number' ? `${ms.toFixed(0)} ms` : 'n/a');
const check = (ok, text) => `- ${ok === undefined ? '?' : ok ? 'met' : 'NOT met'}: ${text}`;
const within = (x, limit) => (typeof x === 'number' ? x <= limit : undefined);

/** Runs the live bench on `file` (skipped when undefined); returns the terminal text and the Markdown. */
export function liveSection(file, services) {
	if (!file) return { text: 'Live TUI: skipped (--no-live)', markdown: '## Live TUI (issue 19)\n\nSkipped (--no-live).\n' };
	process.stderr.write(`bench: live TUI against a loopback API server, ${services} Services…\n`);
	const loadBefore = os.loadavg()[0].toFixed(2);
	const child = spawnSync(process.execPath, ['--max-old-space-size=8192', new URL('live.mjs', import.meta.url).pathname, file], {
		env: { ...process.env, NODE_ENV: 'production' },
		encoding: 'utf8',
		maxBuffer: 1 << 24,
		timeout: 30 * 60_000,
	});
	let r = {};
	try {
		r = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}');
	} catch {
		r = { error: `live.mjs printed no result (${child.status ?? child.signal})` };
	}
	const lines = [
		check(within(r.firstRowsMs, 2000), `first rows within 2 s of start (${secs(r.firstRowsMs)})`),
		check(
			typeof r.downloadMs === 'number' ? within(r.completeMs, 1.5 * r.downloadMs) : undefined,
			`complete within 1.5x the time of merely downloading the lists (complete after ${secs(r.completeMs)}; downloading them took ${secs(r.downloadMs)}${typeof r.downloadMs === 'number' && typeof r.completeMs === 'number' ? `: ${(r.completeMs / r.downloadMs).toFixed(2)}x` : ''})`,
		),
		check(within(r.keypressP95Ms, 50), `keypress within 50 ms at p95 during 20 pod updates a second (p95 ${msText(r.keypressP95Ms)}, p50 ${msText(r.keypressP50Ms)})`),
		check(within(r.statusMaxMs, 1000), `a changed status on screen within 1 s of its event (worst ${msText(r.statusMaxMs)}, p50 ${msText(r.statusP50Ms)})`),
		check(r.finalRowMatchesFull, `after the flips the Service's row is what a full analysis of the same snapshot shows`),
		check(within(r.idleCpuPercent, 1), `idle CPU at most 1 % (${typeof r.idleCpuPercent === 'number' ? r.idleCpuPercent.toFixed(2) : 'n/a'} %)`),
	];
	if (typeof r.completeClientCpuMs === 'number') {
		// On a machine with few cores the server shares them: both processes' CPU over the cores is
		// a floor for "complete" that no change to kubewire's waiting can beat.
		const total = r.completeClientCpuMs + (r.completeServerCpuMs ?? 0);
		lines.push(
			`- CPU until complete: kubewire ${secs(r.completeClientCpuMs)}, the server ${secs(r.completeServerCpuMs)}; over ${r.cores ?? '?'} cores that is at least ${secs(total / (r.cores || 1))} of wall time`,
		);
	}
	if (r.error) lines.push(`- stopped early: ${r.error}`);
	const load = `load average ${loadBefore} before, ${r.loadAverage ?? 'n/a'} after`;
	return {
		text: `Live TUI at ${services} Services (${load})\n${lines.join('\n')}`,
		markdown: `## Live TUI (issue 19), at ${services} Services\n\nbench/live.mjs: the TUI on a fake 160x30 terminal following a loopback API server\n(bench/live-server.mjs, its own process) that serves the generated cluster; ${load}.\n\n${lines.join('\n')}\n`,
	};
}
