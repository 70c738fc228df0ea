#!/usr/bin/env node
/**
 * The in-process half of the benchmark: loads one generated cluster with the built modules in
 * dist/ and times each stage on its own (load, analysis, routing table, one node's iptables,
 * the TUI's first frame and a keypress redraw). A stage whose module has not landed yet is
 * reported as unavailable instead of failing the run. Prints one JSON object on stdout.
 *
 *   NODE_ENV=production node bench/inprocess.mjs FILE --node NAME
 */
import { EventEmitter } from 'node:events';
import { parseArgs } from 'node:util';

const dist = new URL('../dist/', import.meta.url);
const { values, positionals } = parseArgs({ allowPositionals: true, options: { node: { type: 'string' } } });
const file = positionals[0];
if (!file) {
	process.stderr.write('inprocess: usage: inprocess.mjs FILE [--node NAME]\n');
	process.exit(2);
}

/** @type {Record<string, number | string>} */
const result = {};

async function optionalImport(path) {
	try {
		return await import(new URL(path, dist).href);
	} catch (error) {
		if (error && (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'MODULE_NOT_FOUND')) return undefined;
		throw error;
	}
}

function timed(fn) {
	const start = performance.now();
	const value = fn();
	return { value, ms: performance.now() - start };
}

const { loadFiles } = await import(new URL('cluster/files.js', dist).href);
const { analyze } = await import(new URL('model/analyze.js', dist).href);

const load = timed(() => loadFiles([file]));
const snapshot = load.value;
result.loadMs = load.ms;

const analysis = timed(() => analyze(snapshot, {}));
result.analyzeMs = analysis.ms;
result.findings = analysis.value.findings.length;

const ingress = await optionalImport('model/ingress/index.js');
if (ingress?.buildRouting) {
	result.routingMs = timed(() => ingress.buildRouting(analysis.value.context)).ms;
} else result.routingMs = 'n/a';

const iptables = await optionalImport('model/iptables/index.js');
const iptablesReport = await optionalImport('report/iptables.js');
if (iptables?.rulesFor && iptables?.proxySettingsFor) {
	result.iptablesMs = timed(() => {
		const resolved = iptables.proxySettingsFor(snapshot, { node: values.node });
		const rules = iptables.rulesFor(snapshot, resolved.settings);
		// The text is part of the job: `kubewire iptables` prints it.
		if (iptablesReport?.iptablesText) iptablesReport.iptablesText(resolved, rules, {});
		else if (iptables.iptablesSave) iptables.iptablesSave(rules);
		return rules;
	}).ms;
} else result.iptablesMs = 'n/a';

const nftables = await optionalImport('model/nftables/index.js');
const nftablesReport = await optionalImport('report/nftables.js');
if (nftables?.nftTablesFor && iptables?.proxySettingsFor && nftablesReport?.nftTextLines) {
	result.nftablesMs = timed(() => {
		const resolved = iptables.proxySettingsFor(snapshot, { node: values.node, mode: 'nftables' });
		const tables = nftables.nftTablesFor(snapshot, resolved.settings);
		// The text is part of the job: `kubewire nftables` prints it.
		let lines = 0;
		for (const _ of nftablesReport.nftTextLines(resolved, tables, {})) lines++;
		return lines;
	}).ms;
} else result.nftablesMs = 'n/a';
// One `reach` after load (issue 15): from a pod of another namespace to a Service whose pods a policy selects.
const reachModule = await optionalImport('model/reach/index.js');
const policy = snapshot.networkPolicies[0];
const reachTo = policy && analysis.value.context.services.find((w) => w.service.namespace === policy.namespace && w.pods.length > 0 && w.service.ports.length > 0);
const reachFrom = snapshot.pods.find((p) => p.namespace !== policy?.namespace);
if (reachModule?.reach && reachTo && reachFrom) {
	const to = `${reachTo.key}:${reachTo.service.ports[0].port}/${reachTo.service.ports[0].protocol.toLowerCase()}`;
	result.reachMs = timed(() => reachModule.reach(analysis.value.context, `${reachFrom.namespace}/${reachFrom.name}`, to)).ms;
} else result.reachMs = 'n/a';

Object.assign(result, await measureTui());
result.peakRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
// Ink keeps handles open until unmounted; the measurements are done.
process.exit(0);

/** A terminal of 80x24 that records what Ink writes, for the first frame and the keypress redraw. */
async function measureTui() {
	const app = await optionalImport('app.js');
	const snapshotModule = await import(new URL('cluster/snapshot.js', dist).href);
	if (!app?.App) return { tuiFirstFrameMs: 'n/a', tuiKeypressMs: 'n/a' };
	const [{ createElement }, { render }] = await Promise.all([import('react'), import('ink')]);

	const stdout = new EventEmitter();
	Object.assign(stdout, { columns: 80, rows: 24, isTTY: true });
	/** Every chunk Ink wrote, in order; a frame's body is the chunk with the screen's lines. */
	const chunks = [];
	let waiter;
	stdout.write = (chunk) => {
		chunks.push(String(chunk));
		waiter?.();
		return true;
	};
	const stdin = new EventEmitter();
	const queue = [];
	Object.assign(stdin, {
		isTTY: true,
		setRawMode() {},
		setEncoding() {},
		ref() {},
		unref() {},
		resume() {},
		pause() {},
		read: () => queue.shift() ?? null,
	});
	const stderr = Object.assign(new EventEmitter(), { write: () => true });
	/** Resolves when a chunk written after the first `since` ones satisfies `test`; rejects after a minute. */
	const nextChunk = (since, test) =>
		new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('no such frame within 60 s')), 60_000);
			const check = () => {
				if (!chunks.slice(since).some(test)) return;
				clearTimeout(timer);
				waiter = undefined;
				resolve(performance.now());
			};
			waiter = check;
			check();
		});
	// The Services screen's frame: its lines, with the screen's title and a generated namespace.
	const showsServices = (text) => text.includes('\n') && /Services/.test(text) && /[a-z]+-\d{4}\//.test(text);

	const start = performance.now();
	const instance = render(
		createElement(app.App, {
			stream: snapshotModule.staticStream(snapshot),
			options: { clusterDomain: 'cluster.local', node: values.node, color: false },
			size: { columns: 80, rows: 24 },
		}),
		{ ...((await optionalImport('ui/ink-options.js'))?.inkOptions ?? { exitOnCtrlC: false }), stdout, stdin, stderr, patchConsole: false },
	);
	const first = await nextChunk(0, showsServices);
	// Let effects and the throttle window pass, so the keypress is drawn on its own.
	await new Promise((resolve) => setTimeout(resolve, 300));
	const before = chunks.filter((c) => c.includes('\n')).at(-1);
	const seen = chunks.length;
	const pressed = performance.now();
	queue.push('j');
	stdin.emit('readable');
	const redrawn = await nextChunk(seen, (text) => text.includes('\n') && text !== before);
	instance.unmount();
	return { tuiFirstFrameMs: first - start, tuiKeypressMs: redrawn - pressed };
}
