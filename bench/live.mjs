#!/usr/bin/env node
/**
 * The live half of the benchmark: the TUI (built modules in dist/, Ink on a fake 160x30
 * terminal) following a loopback API server (live-server.mjs, its own process) that serves a
 * generated cluster. Measures, in this order:
 *
 *  - the baseline: merely downloading every list the way a bare client would (live-download.mjs,
 *    its own process);
 *  - first rows: launch until the Services screen shows rows (while the other kinds still load),
 *    and complete: until every row has its status;
 *  - during 20 pod updates a second: each `j`/`k` until its redraw (p50, p95), and a Service's
 *    status on screen after the server sends the event that changes it (the Service's selector
 *    stops matching its pods, then matches again; p50 and worst);
 *  - idle CPU: the TUI's own CPU time over 10 s with no events, as a share of one core, from
 *    3 s after the churn stops (IDLE_AFTER_MS sets that wait: right after churn the heap of a
 *    10,000-Service cluster is still being collected).
 *
 * Prints one JSON object on stdout. run.mjs calls it; alone:
 *
 *   NODE_ENV=production node bench/live.mjs FILE [--rate 20] [--keys 60] [--flips 6] [--outline-above N] [--gzip] [--load-only]
 *
 * --load-only stops once every row has its status: the first read alone (first rows, complete,
 * the baseline, CPU), which live-report.mjs repeats to report medians.
 *
 * --outline-above lowers the size from which the TUI analyses incrementally (default: the app's
 * own threshold), so a small cluster exercises the same path as a large one. --gzip has the
 * server compress lists as kube-apiserver does when asked (see live-server.mjs); kubewire and the
 * baseline download both ask, so both then pay for the compression.
 */
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serviceRow } from './live-frames.mjs';

const dist = new URL('../dist/', import.meta.url);
const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { rate: { type: 'string', default: '20' }, keys: { type: 'string', default: '60' }, flips: { type: 'string', default: '6' }, 'outline-above': { type: 'string' }, gzip: { type: 'boolean', default: false }, 'load-only': { type: 'boolean', default: false } },
});
const file = positionals[0];
if (!file) {
	process.stderr.write('live: usage: live.mjs FILE [--rate N] [--keys N] [--flips N]\n');
	process.exit(2);
}

const stripAnsi = (text) => text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\u001b\][^\u0007]*\u0007/g, '');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (xs, q) => {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted.length === 0 ? 'n/a' : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};

// The server, in its own process; its first line is the port.
const server = spawn(process.execPath, ['--max-old-space-size=8192', new URL('live-server.mjs', import.meta.url).pathname, file, ...(values.gzip ? ['--gzip'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve, reject) => {
	server.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
	server.once('exit', (code) => reject(new Error(`live-server exited (${code})`)));
});
const control = async (query) => {
	const res = await fetch(`http://127.0.0.1:${port}${query}`);
	const text = await res.text();
	if (!res.ok) throw new Error(`live-server ${query}: ${res.status} ${text}`);
	return text;
};

const scratch = mkdtempSync(path.join(os.tmpdir(), 'kubewire-live-bench-'));
const kubeconfig = path.join(scratch, 'config');
writeFileSync(
	kubeconfig,
	JSON.stringify({
		apiVersion: 'v1',
		kind: 'Config',
		clusters: [{ name: 'bench', cluster: { server: `http://127.0.0.1:${port}` } }],
		users: [{ name: 'bench', user: { token: 'bench' } }],
		contexts: [{ name: 'bench', context: { cluster: 'bench', user: 'bench' } }],
		'current-context': 'bench',
	}),
);

const { openLive } = await import(new URL('cluster/live.js', dist).href);

/** The baseline for "complete", measured in its own process (see live-download.mjs). */
function downloadLists() {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [new URL('live-download.mjs', import.meta.url).pathname, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.once('error', reject);
		child.once('exit', (code) => (code === 0 && Number(out) > 0 ? resolve(Number(out)) : reject(new Error(`live-download exited (${code})`))));
	});
}
const { App } = await import(new URL('app.js', dist).href);
const { inkOptions } = await import(new URL('ui/ink-options.js', dist).href);
const { analyze } = await import(new URL('model/analyze.js', dist).href);
const { serviceColumns } = await import(new URL('report/services.js', dist).href);
const [{ createElement }, { render }] = await Promise.all([import('react'), import('ink')]);

// A terminal that records Ink's frames.
const stdout = new EventEmitter();
Object.assign(stdout, { columns: 160, rows: 30, isTTY: true });
let lastFrame = '';
let frames = 0;
let waiter;
stdout.write = (chunk) => {
	const text = stripAnsi(String(chunk));
	if (text.includes('\n') && text.includes('kubewire')) {
		lastFrame = text;
		if (process.env.LIVE_DEBUG) process.stderr.write(`frame ${frames} ${/[a-z]+-\d{4}\/\S+/.exec(text.split('\n').find((l) => l.startsWith('› ')) ?? '')?.[0]} ${text.split('\n')[1]?.slice(0, 60)}\n`);
		frames++;
		waiter?.();
	}
	return true;
};
const stdin = new EventEmitter();
const queue = [];
Object.assign(stdin, { isTTY: true, setRawMode() {}, setEncoding() {}, ref() {}, unref() {}, resume() {}, pause() {}, read: () => queue.shift() ?? null });
const stderr = Object.assign(new EventEmitter(), { write: () => true });
const press = (text) => {
	queue.push(text);
	stdin.emit('readable');
};
/** Resolves with the time the frame satisfying `test` was drawn; rejects after `ms`. */
const frameWhere = (test, ms = 60_000) =>
	new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			waiter = undefined;
			reject(new Error(`no such frame within ${ms / 1000} s; last:\n${lastFrame}`));
		}, ms);
		const check = () => {
			if (!test(lastFrame)) return;
			clearTimeout(timer);
			waiter = undefined;
			resolve(performance.now());
		};
		waiter = check;
		check();
	});
const rowsShown = (frame) => /Services \d+/.test(frame) && /[a-z]+-\d{4}\/\S+/.test(frame);

/**
 * CPU milliseconds the server process has used so far (Linux /proc; undefined elsewhere). With
 * the server on the same machine, "complete" is bounded by both processes' CPU over the cores:
 * the report gives each side's share so a slow figure can be read against the machine.
 */
const serverCpuMs = () => {
	try {
		const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return undefined;
	}
};
const cpuMs = (usage) => Math.round((usage.user + usage.system) / 1000);

const result = {};
result.downloadMs = await downloadLists();
result.cores = os.availableParallelism();
let stage = 'first rows';
const serverCpuAtStart = serverCpuMs();
const clientCpuAtStart = process.cpuUsage();
const start = performance.now();
const stream = await openLive({ kubeconfig, allNamespaces: true, notify: () => {}, watch: true }, { ...process.env, KUBECONFIG: kubeconfig });
const outlineAbove = values['outline-above'] === undefined ? undefined : Number(values['outline-above']);
const instance = render(createElement(App, { stream, options: { clusterDomain: 'cluster.local', color: false }, size: { columns: 160, rows: 30 }, outlineAbove }), {
	...inkOptions,
	stdout,
	stdin,
	stderr,
	patchConsole: false,
});
try {
	result.firstRowsMs = (await frameWhere(rowsShown, 120_000)) - start;
	await frameWhere((f) => /live, updated/.test(f) && !/CHECK/.test(f), 300_000);
	result.completeMs = performance.now() - start;
	// CPU spent until complete: kubewire's (this process) and the server's.
	result.completeClientCpuMs = cpuMs(process.cpuUsage(clientCpuAtStart));
	const serverNow = serverCpuMs();
	if (serverNow !== undefined && serverCpuAtStart !== undefined) result.completeServerCpuMs = Math.round(serverNow - serverCpuAtStart);
	// --load-only: the read is what was asked for (live-report.mjs repeats it for a median).
	if (!values['load-only']) {
		await sleep(1000);

		// The Service whose status is flipped: one whose selector matches pods now, named by the
		// server. (Not the first row: rows sort worst first, so that one may already show KW101 from a
		// generated selector typo, and then restoring its selector changes nothing on screen.)
		const target = await control('/bench/target');
		await control(`/bench/churn?rate=${Number(values.rate)}`);
		await sleep(2000);

		stage = 'keypress';
		// Keypresses during the churn: j and k alternately, each until its redraw.
		const keyMs = [];
		for (let i = 0; i < Number(values.keys); i++) {
			const before = frames;
			const pressed = performance.now();
			press(i % 2 === 0 ? 'j' : 'k');
			// The cursor moves: the selected row changes; a churn redraw alone does not count.
			const selected = (f) => /[a-z]+-\d{4}\/\S+/.exec(f.split('\n').find((l) => l.startsWith('› ')) ?? '')?.[0];
			const was = selected(lastFrame);
			if (process.env.LIVE_DEBUG) process.stderr.write(`press ${i} was ${was} frames ${frames}\n`);
			await frameWhere((f) => frames > before && selected(f) !== was, 10_000);
			keyMs.push(performance.now() - pressed);
			await sleep(100 + (i % 5) * 37);
		}
		result.keypressP50Ms = quantile(keyMs, 0.5);
		result.keypressP95Ms = quantile(keyMs, 0.95);

		stage = 'status change';
		// A status change on screen: filter down to the target Service, then break and mend it.
		press('/');
		await sleep(50);
		press(target);
		await sleep(50);
		press('\r');
		const rowOf = (f) => serviceRow(f, target);
		await frameWhere((f) => /Services 1 of/.test(f) && rowOf(f) !== '', 10_000);
		// Before the first break the row must not show KW101, or the mend could never be seen.
		if (/KW101/.test(rowOf(lastFrame))) throw new Error(`${target} shows KW101 before its selector is broken:\n${rowOf(lastFrame)}`);
		const statusMs = [];
		for (let i = 0; i < Number(values.flips); i++) {
			const breaking = i % 2 === 0;
			const sent = performance.now();
			await control(`/bench/break?service=${encodeURIComponent(target)}&on=${breaking ? 1 : 0}`);
			stage = `status change (flip ${i + 1}: ${breaking ? 'selector broken, waiting for KW101' : 'selector restored, waiting for KW101 to go'})`;
			await frameWhere((f) => (breaking ? /KW101/.test(rowOf(f)) : rowOf(f) !== '' && !/KW101/.test(rowOf(f))), 30_000);
			statusMs.push(performance.now() - sent);
			await sleep(500);
		}
		stage = 'status change';
		result.statusP50Ms = quantile(statusMs, 0.5);
		result.statusMaxMs = Math.max(...statusMs);
		await control('/bench/stop');

		// Idle: no events; what the TUI spends on its own once its last update is drawn. Measured
		// before the check below, whose full analysis in this same process would be counted (and its
		// garbage collected) inside the idle window.
		await sleep(Number(process.env.IDLE_AFTER_MS ?? 3000));
		const cpu = process.cpuUsage();
		const idleFrom = performance.now();
		await sleep(10_000);
		const used = process.cpuUsage(cpu);
		result.idleCpuPercent = ((used.user + used.system) / 1000 / (performance.now() - idleFrom)) * 100;

		// The row on screen after the flips must be what a full analysis of the final snapshot says,
		// cell by cell (on a large cluster the TUI got there incrementally).
		const full = analyze(stream.current(), { clusterDomain: 'cluster.local' }).serviceByKey.get(target);
		const row = rowOf(lastFrame);
		const cells = full ? serviceColumns.map((column) => String(column.cell(full)).trim()).filter((cell) => cell !== '') : [];
		result.finalRowMatchesFull = full !== undefined && cells.every((cell) => row.includes(cell)) && (full.findings.length > 0 || !/KW\d{3}/.test(row));
		if (!result.finalRowMatchesFull) process.stderr.write(`live: row after the flips differs from a full analysis:\n  shown: ${row}\n  full:  ${cells.join(' | ')}\n`);

		result.peakRssMB = process.resourceUsage().maxRSS / 1024;
		result.loadAverage = os.loadavg().map((x) => x.toFixed(2)).join(' ');
	}
} catch (error) {
	result.error = `${stage}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
	process.stderr.write(`live: ${error instanceof Error ? error.stack : String(error)}\n`);
} finally {
	instance.unmount();
	stream.close?.();
	server.kill();
	rmSync(scratch, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
