#!/usr/bin/env node
/**
 * A loopback stand-in for a Kubernetes API server, for the live half of the benchmark: serves a
 * generated cluster (bench/generate.mjs) as paginated lists and open watches over plain HTTP,
 * and changes it on request. Run as its own process so its work does not count against the TUI.
 *
 *   node bench/live-server.mjs FILE [--gzip]  → prints the port on stdout, then serves until killed
 *
 * With --gzip, lists are compressed when the client asks (Accept-Encoding) as kube-apiserver
 * compresses them (APIResponseCompression, on by default): answers over 128 KiB, at level 1 (its
 * defaultGzipThresholdBytes and defaultGzipContentEncodingLevel, k8s.io/apiserver
 * endpoints/handlers/responsewriters), on zlib's thread pool beside the serving thread. Not the
 * default: on one machine the server's compression takes CPU from the client it is measured
 * against, which a real API server does not, so the plain figures isolate kubewire's own cost.
 *
 * Control (GET): /bench/churn?rate=N  N pod updates a second (a pod's Ready condition toggles);
 *                /bench/stop          no more churn;
 *                /bench/break?service=NS/NAME&on=1|0  the Service's selector stops (or again) matching its pods;
 *                /bench/target        NS/NAME of a Service worth breaking (see pickTarget).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { gzip } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
const { liveKinds, listPath } = await import(new URL('cluster/live/kinds.js', dist).href);

const file = process.argv[2];
const compress = process.argv.includes('--gzip');
if (!file) {
	process.stderr.write('live-server: usage: live-server.mjs FILE [--gzip]\n');
	process.exit(2);
}
const list = JSON.parse(readFileSync(file, 'utf8'));
/** Items by kind name, in file order. */
const byKind = new Map();
for (const item of list.items ?? []) {
	const items = byKind.get(item.kind) ?? [];
	items.push(item);
	byKind.set(item.kind, items);
}
// Past every resourceVersion in the file, so the list's version and each event's are newer than
// the objects they describe, as on a real API server.
let version = 1000;
for (const item of list.items ?? []) version = Math.max(version, Number(item.metadata?.resourceVersion) || 0);
const paths = new Map(liveKinds.map((kind) => [listPath(kind, ''), kind]));
/** Open watch responses per kind name. */
const watchers = new Map();

function send(kindName, type, object) {
	const line = `${JSON.stringify({ type, object })}\n`;
	for (const res of watchers.get(kindName) ?? []) res.write(line);
}

/** kube-apiserver's defaultGzipThresholdBytes: smaller answers go out plain even when gzip is asked for. */
const gzipThresholdBytes = 128 * 1024;

function listPage(kind, url, req, res) {
	const items = byKind.get(kind.kind) ?? [];
	const limit = Number(url.searchParams.get('limit')) || items.length || 1;
	const from = Number(url.searchParams.get('continue') || 0);
	const page = items.slice(from, from + limit);
	const next = from + limit < items.length ? String(from + limit) : undefined;
	const body = Buffer.from(JSON.stringify({ kind: `${kind.kind}List`, apiVersion: kind.apiVersion, metadata: { resourceVersion: String(version), ...(next ? { continue: next } : {}) }, items: page }));
	if (!compress || body.length <= gzipThresholdBytes || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
		res.writeHead(200, { 'content-type': 'application/json' });
		return res.end(body);
	}
	gzip(body, { level: 1 }, (error, zipped) => {
		if (error) {
			res.writeHead(500);
			return res.end(String(error));
		}
		res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
		res.end(zipped);
	});
}

function watch(kind, url, res) {
	res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
	res.write('');
	const set = watchers.get(kind.kind) ?? new Set();
	watchers.set(kind.kind, set);
	set.add(res);
	const seconds = Number(url.searchParams.get('timeoutSeconds')) || 300;
	const timer = setTimeout(() => res.end(), seconds * 1000);
	res.on('close', () => {
		clearTimeout(timer);
		set.delete(res);
	});
}

let churn;
function startChurn(rate) {
	clearInterval(churn);
	const pods = byKind.get('Pod') ?? [];
	if (rate <= 0 || pods.length === 0) return;
	let seed = 7;
	const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
	// A few per tick, so a rate above the timer's resolution is kept.
	const tickMs = 50;
	let owed = 0;
	churn = setInterval(() => {
		owed += (rate * tickMs) / 1000;
		for (; owed >= 1; owed--) {
			const pod = pods[Math.floor(random() * pods.length)];
			const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
			if (ready) ready.status = ready.status === 'True' ? 'False' : 'True';
			pod.metadata.resourceVersion = String(++version);
			send('Pod', 'MODIFIED', pod);
		}
	}, tickMs);
}

/** The selector each broken Service had, kept outside the object so a relist serves only real fields. */
const originalSelectors = new Map();

function breakService(key, on) {
	const service = (byKind.get('Service') ?? []).find((s) => `${s.metadata.namespace}/${s.metadata.name}` === key);
	if (!service) return false;
	if (!originalSelectors.has(key)) originalSelectors.set(key, service.spec.selector);
	service.spec.selector = on ? { 'kubewire-bench': 'matches-nothing' } : originalSelectors.get(key);
	service.metadata.resourceVersion = String(++version);
	send('Service', 'MODIFIED', service);
	return true;
}

/**
 * A Service whose break and mend both show: its selector matches pods of its namespace now (a
 * Service generated with a selector typo already shows KW101, so restoring its selector changes
 * nothing on screen), and no other Service's NS/NAME contains its own (the TUI filter narrows to
 * it alone). The first such Service in file order, so every run flips the same one.
 */
function pickTarget() {
	const services = byKind.get('Service') ?? [];
	const keys = services.map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
	const podsByNamespace = new Map();
	for (const pod of byKind.get('Pod') ?? []) {
		const list = podsByNamespace.get(pod.metadata.namespace) ?? [];
		list.push(pod.metadata.labels ?? {});
		podsByNamespace.set(pod.metadata.namespace, list);
	}
	for (const [i, service] of services.entries()) {
		const selector = service.spec?.selector;
		if (!selector || Object.keys(selector).length === 0) continue;
		const pods = podsByNamespace.get(service.metadata.namespace) ?? [];
		if (!pods.some((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v))) continue;
		const key = keys[i];
		if (keys.some((other, j) => j !== i && other.includes(key))) continue;
		return key;
	}
	return undefined;
}

const server = http.createServer((req, res) => {
	const url = new URL(req.url ?? '/', 'http://localhost');
	if (url.pathname === '/bench/churn') {
		startChurn(Number(url.searchParams.get('rate')) || 0);
		return res.end('ok');
	}
	if (url.pathname === '/bench/stop') {
		clearInterval(churn);
		return res.end('ok');
	}
	if (url.pathname === '/bench/target') {
		const target = pickTarget();
		res.writeHead(target ? 200 : 404);
		return res.end(target ?? 'no Service whose selector matches a pod');
	}
	if (url.pathname === '/bench/break') {
		const done = breakService(url.searchParams.get('service') ?? '', url.searchParams.get('on') === '1');
		res.writeHead(done ? 200 : 404);
		return res.end(done ? 'ok' : 'no such service');
	}
	const kind = paths.get(url.pathname);
	if (!kind) {
		// The kube-proxy ConfigMap and anything else: not there.
		res.writeHead(404, { 'content-type': 'application/json' });
		return res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
	}
	if (url.searchParams.get('watch') === 'true') return watch(kind, url, res);
	return listPage(kind, url, req, res);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
	process.stdout.write(`${server.address().port}\n`);
});
