/**
 * The live section of `npm run bench`: runs bench/live.mjs on a generated cluster (each run in its
 * own process, so the heap is fresh): the whole run once and the first read twice more, and judges
 * the targets of issue 19 (the read's figures as medians).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';

const secs = (ms) => (typeof ms === 'number' ? `${(ms / 1000).toFixed(2)} s` : 'n/a');
const msText = (ms) => (typeof ms === 'number' ? `${ms.toFixed(0)} ms` : 'n/a');
const check = (ok, text) => `- ${ok === undefined ? '?' : ok ? 'met' : 'NOT met'}: ${text}`;
const within = (x, limit) => (typeof x === 'number' ? x <= limit : undefined);

/** One run of live.mjs in its own process (so the heap is fresh); its JSON result, or an error. */
function runLive(file, extra = []) {
	const child = spawnSync(process.execPath, ['--max-old-space-size=8192', new URL('live.mjs', import.meta.url).pathname, file, ...extra], {
		env: { ...process.env, NODE_ENV: 'production' },
		encoding: 'utf8',
		maxBuffer: 1 << 24,
		timeout: 30 * 60_000,
	});
	try {
		return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}');
	} catch {
		return { error: `live.mjs printed no result (${child.status ?? child.signal})` };
	}
}

/**
 * How many times the first read is measured. One read of a 10,000-Service cluster on a 2-core
 * machine varied by ±15 % from run to run: the figures of the read are medians of these.
 */
const loads = 3;

/** The first read's figures: medians over the runs that measured them. */
const readFigures = ['firstRowsMs', 'completeMs', 'downloadMs', 'completeClientCpuMs', 'completeServerCpuMs'];

function median(xs) {
	const sorted = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
	return sorted.length === 0 ? undefined : sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Runs the live bench on `file` (skipped when undefined); returns the terminal text and the Markdown. */
export function liveSection(file, services) {
	if (!file) return { text: 'Live TUI: skipped (--no-live)', markdown: '## Live TUI (issue 19)\n\nSkipped (--no-live).\n' };
	process.stderr.write(`bench: live TUI against a loopback API server, ${services} Services (the first read ${loads} times)…\n`);
	const loadBefore = os.loadavg()[0].toFixed(2);
	// The whole run once (read, keys under churn, flips, idle), then the read alone for the median.
	const full = runLive(file);
	const reads = [full, ...Array.from({ length: loads - 1 }, () => runLive(file, ['--load-only']))];
	const r = { ...full };
	for (const figure of readFigures) r[figure] = median(reads.map((x) => x[figure]));
	const ratios = reads.filter((x) => typeof x.completeMs === 'number' && typeof x.downloadMs === 'number').map((x) => x.completeMs / x.downloadMs);
	const ratio = median(ratios);
	const completes = reads.map((x) => x.completeMs).filter((x) => typeof x === 'number');
	const range = completes.length > 1 ? `, ${completes.length} reads from ${secs(Math.min(...completes))} to ${secs(Math.max(...completes))}` : '';
	const lines = [
		check(within(r.firstRowsMs, 2000), `first rows within 2 s of start (median ${secs(r.firstRowsMs)})`),
		check(
			ratio === undefined ? undefined : ratio <= 1.5,
			`complete within 1.5x the time of merely downloading the lists (median complete ${secs(r.completeMs)}, download ${secs(r.downloadMs)}${ratio === undefined ? '' : `; median ratio ${ratio.toFixed(2)}x`}${range})`,
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
			`- CPU until complete (medians): kubewire ${secs(r.completeClientCpuMs)}, the server ${secs(r.completeServerCpuMs)}; over ${r.cores ?? '?'} cores that is at least ${secs(total / (r.cores || 1))} of wall time`,
		);
	}
	for (const error of new Set(reads.map((x) => x.error).filter(Boolean))) lines.push(`- stopped early: ${error}`);
	const load = `load average ${loadBefore} before, ${r.loadAverage ?? 'n/a'} after`;
	return {
		text: `Live TUI at ${services} Services (${load})\n${lines.join('\n')}`,
		markdown: `## Live TUI (issue 19), at ${services} Services\n\nbench/live.mjs: the TUI on a fake 160x30 terminal following a loopback API server\n(bench/live-server.mjs, its own process) that serves the generated cluster; the first read ${loads} times (first rows,\ncomplete, the download and CPU are medians), the rest once; ${load}.\n\n${lines.join('\n')}\n`,
	};
}
