#!/usr/bin/env node
/**
 * `npm run bench`: how kubewire holds up at Kubernetes' scalability thresholds. For each size
 * (1k / 5k / 10k Services, ten pods each, a node per hundred pods) it generates a cluster (see
 * generate.mjs), then measures against the baseline of a bare JSON.parse of the same file:
 *
 *  - end to end, as child processes: `check -o json`, `iptables --node` (wall time, peak RSS),
 *    and the TUI in a real pseudo-terminal of 80x24 (first screen, one `j` redrawn);
 *  - in process (inprocess.mjs): load, analysis, routing table, one node's iptables, the TUI's
 *    first frame and a keypress redraw on a fake 80x24 terminal.
 *
 * Each cluster is also converted to YAML as `kubectl get -o yaml` writes it (to-yaml.mjs), and
 * `check` is measured on it beside the JSON, from the file and from standard input, in wall time
 * and in CPU time (user + system: what a busy machine does not inflate).
 *
 * A stage whose command or module has not landed yet shows "n/a". The table goes to the terminal
 * and, as Markdown with the machine and the date, to bench/RESULTS.md.
 *
 *   node bench/run.mjs [--sizes 1000,5000,10000] [--runs 3] [--seed 1] [--data DIR] [--out FILE] [--no-tty]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from './generate.mjs';
import { toYaml } from './to-yaml.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'dist', 'cli.js');
const inprocess = path.join(root, 'bench', 'inprocess.mjs');
const peakRssPreload = path.join(root, 'bench', 'peak-rss.mjs');
const gnuTime = '/usr/bin/time';

const { values } = parseArgs({
	options: {
		sizes: { type: 'string', default: '1000,5000,10000' },
		runs: { type: 'string', default: '3' },
		seed: { type: 'string', default: '1' },
		data: { type: 'string', default: path.join(root, 'bench', 'out') },
		out: { type: 'string', default: path.join(root, 'bench', 'RESULTS.md') },
		'no-tty': { type: 'boolean', default: false },
		'no-live': { type: 'boolean', default: false },
	},
});
const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
const runs = Math.max(1, Number(values.runs));
const seed = Number(values.seed);
if (sizes.some((n) => !Number.isInteger(n) || n <= 0) || !Number.isInteger(runs) || !Number.isInteger(seed)) {
	process.stderr.write('bench: --sizes needs whole numbers (e.g. 1000,5000,10000), --runs and --seed whole numbers\n');
	process.exit(2);
}
if (!existsSync(cli)) {
	process.stderr.write('bench: dist/cli.js is missing; run `npm run bench` (it builds first)\n');
	process.exit(2);
}
mkdirSync(values.data, { recursive: true });
const scratch = path.join(os.tmpdir(), `kubewire-bench-${process.pid}`);
mkdirSync(scratch, { recursive: true });
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

const median = (xs) => {
	const sorted = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
	if (sorted.length === 0) return xs.find((x) => typeof x === 'string') ?? 'n/a';
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The generated file for a size, reused when an earlier run left it complete. */
async function clusterFile(services) {
	const pods = services * 10;
	const nodes = Math.max(1, Math.ceil(pods / 100));
	const base = path.join(values.data, `cluster-${services}svc-${pods}pods-${nodes}nodes-seed${seed}`);
	const file = `${base}.json`;
	const summaryFile = `${base}.summary.json`;
	const yamlFile = `${base}.yaml`;
	if (existsSync(file) && existsSync(summaryFile) && existsSync(yamlFile)) return { file, yamlFile, summary: JSON.parse(readFileSync(summaryFile, 'utf8')) };
	process.stderr.write(`bench: generating ${services} Services, ${pods} pods, ${nodes} nodes…\n`);
	rmSync(summaryFile, { force: true });
	const summary = generate({ services, pods, nodes, seed }, file);
	process.stderr.write(`bench: writing it as YAML…\n`);
	summary.yamlBytes = await toYaml(file, yamlFile);
	writeFileSync(summaryFile, JSON.stringify(summary));
	return { file, yamlFile, summary };
}

/**
 * Runs `node ARGS` as a child with stdout to /dev/null: wall time, peak RSS (GNU time when the
 * machine has it, else a preload that reports the child's own maxRSS), exit status and stderr.
 */
function measureNode(args, env = {}, stdinFile = undefined) {
	const rssFile = path.join(scratch, `rss-${Math.random().toString(36).slice(2)}`);
	const useTime = existsSync(gnuTime);
	const command = useTime ? gnuTime : process.execPath;
	const argv = useTime
		? ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...args]
		: ['--import', peakRssPreload, ...args];
	const devNull = openSync('/dev/null', 'w');
	const stdin = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
	const start = performance.now();
	const r = spawnSync(command, argv, {
		stdio: [stdin, devNull, 'pipe'],
		env: { ...process.env, ...env, KUBEWIRE_BENCH_RSS_FILE: rssFile },
		maxBuffer: 64 * 1024 * 1024,
	});
	const ms = performance.now() - start;
	closeSync(devNull);
	if (typeof stdin === 'number') closeSync(stdin);
	let rssMB;
	let cpuMs;
	try {
		// GNU time: "maxRSS-kB user-s system-s"; the preload: "maxRSS-kB user-µs system-µs".
		const [rss, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
		rssMB = rss / 1024;
		cpuMs = useTime ? (user + system) * 1000 : (user + system) / 1000;
	} catch {
		rssMB = undefined;
	}
	return { ms, rssMB, cpuMs, status: r.status, stderr: String(r.stderr ?? '').trim() };
}

const parseScript = "JSON.parse(require('node:fs').readFileSync(process.argv[1], 'utf8'))";

function measureParse(file) {
	const r = measureNode(['-e', parseScript, file]);
	if (r.status !== 0) throw new Error(`JSON.parse baseline failed: ${r.stderr}`);
	return r;
}

function measureCli(args, okStatuses, stdinFile = undefined) {
	const r = measureNode([cli, ...args], {}, stdinFile);
	if (okStatuses.includes(r.status)) return r;
	// `--fixtures -` (standard input) is another issue's; until it lands, that column says n/a.
	if (stdinFile && r.status === 2) return { ms: 'n/a', rssMB: 'n/a', cpuMs: 'n/a' };
	if (/has not landed yet/.test(r.stderr)) return { ms: 'n/a', rssMB: 'n/a', cpuMs: 'n/a' };
	process.stderr.write(`bench: kubewire ${args.join(' ')} exited ${r.status}: ${r.stderr.split('\n')[0]}\n`);
	return { ms: 'error', rssMB: 'error', cpuMs: 'error' };
}

function measureInProcess(file, node) {
	const r = spawnSync(process.execPath, [inprocess, file, '--node', node], {
		env: { ...process.env, NODE_ENV: 'production' },
		maxBuffer: 16 * 1024 * 1024,
	});
	const line = String(r.stdout).trim().split('\n').at(-1) ?? '';
	try {
		return JSON.parse(line);
	} catch {
		process.stderr.write(`bench: in-process run failed (${r.status}): ${String(r.stderr).trim().split('\n').slice(-3).join(' | ')}\n`);
		return {};
	}
}

const stripAnsi = (text) => text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\u001b\][^\u0007]*\u0007/g, '');

/**
 * The TUI in a real pseudo-terminal (util-linux `script`), 80x24: time from launch until the
 * Services screen shows Services (while a large capture is still being read, their type, ClusterIP
 * and ports), until it shows every status, then from a `j` until the redraw arrives.
 */
function measureTty(file) {
	const none = { firstScreenMs: 'n/a', completeMs: 'n/a', keypressMs: 'n/a' };
	if (values['no-tty'] || !existsSync('/usr/bin/script')) return Promise.resolve(none);
	return new Promise((resolve) => {
		const env = { ...process.env, TERM: 'xterm-256color', NODE_ENV: 'production' };
		// Ink prints only its last frame when CI is set at all.
		delete env.CI;
		const quoted = (s) => `'${s.replaceAll("'", "'\\''")}'`;
		const start = performance.now();
		const child = spawn('/usr/bin/script', ['-qfec', `stty rows 24 cols 80; exec ${quoted(process.execPath)} ${quoted(cli)} --fixtures ${quoted(file)}`, '/dev/null'], {
			env,
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let text = '';
		let firstScreenMs;
		let completeMs;
		let keypressMs;
		let pressedAt;
		let quiet;
		const finish = (result) => {
			clearTimeout(deadline);
			clearTimeout(quiet);
			child.stdin.end('q');
			const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
			child.on('close', () => {
				clearTimeout(killer);
				resolve(result);
			});
		};
		const deadline = setTimeout(() => finish({ firstScreenMs: firstScreenMs ?? 'timeout', completeMs: completeMs ?? 'timeout', keypressMs: keypressMs ?? 'timeout' }), 120_000);
		child.stdout.on('data', (chunk) => {
			const now = performance.now();
			text += chunk.toString('utf8');
			if (firstScreenMs === undefined) {
				if (!/Services [1-9]/.test(stripAnsi(text))) return;
				firstScreenMs = now - start;
			}
			if (completeMs === undefined) {
				// The title counts statuses once every Service has one ("✓ 8343 ok").
				if (!/\d+ ok/.test(stripAnsi(text))) return;
				completeMs = now - start;
			}
			if (pressedAt !== undefined) {
				if (keypressMs === undefined && /[\r\n]/.test(stripAnsi(chunk.toString('utf8')))) {
					keypressMs = now - pressedAt;
					finish({ firstScreenMs, completeMs, keypressMs });
				}
				return;
			}
			// Press `j` once the screen has been still for half a second.
			clearTimeout(quiet);
			quiet = setTimeout(() => {
				pressedAt = performance.now();
				child.stdin.write('j');
			}, 500);
		});
		child.on('error', () => finish(none));
	});
}

function machine() {
	const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
	const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
	return {
		node: process.version,
		cpu: model.trim(),
		cores: os.cpus().length,
		memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1),
		os: `${os.type()} ${os.release()}`,
		load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
		date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
	};
}

const rows = [];
for (const services of sizes) {
	const { file, yamlFile, summary } = await clusterFile(services);
	process.stderr.write(`bench: ${services} Services (${(summary.bytes / 1e6).toFixed(0)} MB): measuring, ${runs} run(s)…\n`);
	const node = `ip-172-16-0-10.eu-west-1.compute.internal`;
	const samples = { parse: [], parseRss: [], check: [], checkRss: [], checkCpu: [], yaml: [], yamlRss: [], yamlCpu: [], stdin: [], stdinRss: [], iptables: [], iptablesRss: [], nftables: [], nftablesRss: [], inproc: [], tty: [] };
	for (let i = 0; i < runs; i++) {
		// Interleaved, so a busy moment on the machine touches the baseline and kubewire alike.
		const parse = measureParse(file);
		samples.parse.push(parse.ms);
		samples.parseRss.push(parse.rssMB);
		const check = measureCli(['check', '--fixtures', file, '-o', 'json'], [0, 1]);
		samples.check.push(check.ms);
		samples.checkRss.push(check.rssMB);
		samples.checkCpu.push(check.cpuMs);
		const yaml = measureCli(['check', '--fixtures', yamlFile, '-o', 'json'], [0, 1]);
		samples.yaml.push(yaml.ms);
		samples.yamlRss.push(yaml.rssMB);
		samples.yamlCpu.push(yaml.cpuMs);
		const stdin = measureCli(['check', '--fixtures', '-', '-o', 'json'], [0, 1], yamlFile);
		samples.stdin.push(stdin.ms);
		samples.stdinRss.push(stdin.rssMB);
		const iptables = measureCli(['iptables', '--fixtures', file, '--node', node], [0]);
		samples.iptables.push(iptables.ms);
		samples.iptablesRss.push(iptables.rssMB);
		const nftables = measureCli(['nftables', '--fixtures', file, '--node', node], [0]);
		samples.nftables.push(nftables.ms);
		samples.nftablesRss.push(nftables.rssMB);
		samples.inproc.push(measureInProcess(file, node));
		samples.tty.push(await measureTty(file));
	}
	const inproc = (key) => median(samples.inproc.map((s) => s[key] ?? 'n/a'));
	const row = {
		services,
		pods: summary.pods,
		nodes: summary.nodes,
		slices: summary.endpointSlices,
		mb: summary.bytes / 1e6,
		parseMs: median(samples.parse),
		parseRssMB: median(samples.parseRss),
		checkMs: median(samples.check),
		checkRssMB: median(samples.checkRss),
		checkCpuMs: median(samples.checkCpu),
		yamlMB: (summary.yamlBytes ?? 0) / 1e6,
		yamlMs: median(samples.yaml),
		yamlRssMB: median(samples.yamlRss),
		yamlCpuMs: median(samples.yamlCpu),
		stdinMs: median(samples.stdin),
		stdinRssMB: median(samples.stdinRss),
		iptablesMs: median(samples.iptables),
		iptablesRssMB: median(samples.iptablesRss),
		nftablesMs: median(samples.nftables),
		nftablesRssMB: median(samples.nftablesRss),
		ttyFirstScreenMs: median(samples.tty.map((t) => t.firstScreenMs)),
		ttyCompleteMs: median(samples.tty.map((t) => t.completeMs)),
		ttyKeypressMs: median(samples.tty.map((t) => t.keypressMs)),
		loadMs: inproc('loadMs'),
		analyzeMs: inproc('analyzeMs'),
		routingMs: inproc('routingMs'),
		iptablesGenMs: inproc('iptablesMs'),
		nftablesGenMs: inproc('nftablesMs'),
		reachMs: inproc('reachMs'),
		tuiFirstFrameMs: inproc('tuiFirstFrameMs'),
		tuiKeypressMs: inproc('tuiKeypressMs'),
		inprocRssMB: inproc('peakRssMB'),
	};
	rows.push(row);
	process.stderr.write(`bench: ${services} Services: ${JSON.stringify(row)}\n`);
}

const num = (x, digits = 0) => (typeof x === 'number' ? x.toFixed(digits) : x);
const secs = (ms) => (typeof ms === 'number' ? `${(ms / 1000).toFixed(2)} s` : ms);
const msText = (ms) => (typeof ms === 'number' ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : ms);
const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' ? `${(a / b).toFixed(2)}x` : 'n/a');
const mb = (x) => (typeof x === 'number' ? `${x.toFixed(0)} MB` : x);

const endToEnd = {
	head: ['Services', 'Pods', 'Nodes', 'JSON', 'JSON.parse', 'parse peak', 'check', 'check/parse', 'check peak', 'iptables', 'iptables/parse', 'iptables peak', 'nftables', 'nftables/parse', 'nftables peak', 'TUI 1st screen', 'TUI complete', 'TUI keypress'],
	rows: rows.map((r) => [
		String(r.services),
		String(r.pods),
		String(r.nodes),
		`${num(r.mb)} MB`,
		secs(r.parseMs),
		mb(r.parseRssMB),
		secs(r.checkMs),
		ratio(r.checkMs, r.parseMs),
		mb(r.checkRssMB),
		secs(r.iptablesMs),
		ratio(r.iptablesMs, r.parseMs),
		mb(r.iptablesRssMB),
		secs(r.nftablesMs),
		ratio(r.nftablesMs, r.parseMs),
		mb(r.nftablesRssMB),
		secs(r.ttyFirstScreenMs),
		secs(r.ttyCompleteMs),
		msText(r.ttyKeypressMs),
	]),
};
const yamlTable = {
	head: ['Services', 'JSON', 'YAML', 'check JSON', 'check YAML', 'YAML/JSON', 'CPU JSON', 'CPU YAML', 'CPU YAML/JSON', 'YAML peak', 'YAML from stdin', 'stdin peak'],
	rows: rows.map((r) => [
		String(r.services),
		`${num(r.mb)} MB`,
		`${num(r.yamlMB)} MB`,
		secs(r.checkMs),
		secs(r.yamlMs),
		ratio(r.yamlMs, r.checkMs),
		secs(r.checkCpuMs),
		secs(r.yamlCpuMs),
		ratio(r.yamlCpuMs, r.checkCpuMs),
		mb(r.yamlRssMB),
		secs(r.stdinMs),
		mb(r.stdinRssMB),
	]),
};
const inProcess = {
	head: ['Services', 'load', 'analyze', 'routing table', 'iptables 1 node', 'nftables 1 node', 'reach', 'TUI first frame', 'keypress redraw', 'peak RSS'],
	rows: rows.map((r) => [
		String(r.services),
		secs(r.loadMs),
		secs(r.analyzeMs),
		msText(r.routingMs),
		secs(r.iptablesGenMs),
		secs(r.nftablesGenMs),
		msText(r.reachMs),
		secs(r.tuiFirstFrameMs),
		msText(r.tuiKeypressMs),
		mb(r.inprocRssMB),
	]),
};

function textTable({ head, rows: body }) {
	const widths = head.map((h, k) => Math.max(h.length, ...body.map((row) => row[k].length)));
	const line = (cells) => cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ');
	return [line(head), ...body.map(line)].join('\n');
}

function markdownTable({ head, rows: body }) {
	return [`| ${head.join(' | ')} |`, `|${head.map((_, k) => (k === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...body.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** The targets of issue 8, judged on the largest size measured. */
function verdicts(r) {
	const check = (ok, text) => `- ${ok === undefined ? '?' : ok ? 'met' : 'NOT met'}: ${text}`;
	const num2 = (x) => (typeof x === 'number' ? x : undefined);
	const cmp = (a, limit) => (num2(a) === undefined ? undefined : a <= limit);
	return [
		check(cmp(num2(r.checkMs) / r.parseMs, 2), `\`check\` within 2x the bare JSON.parse time (${ratio(r.checkMs, r.parseMs)})`),
		check(cmp(r.checkRssMB, 1024), `\`check\` peak memory under 1 GB (${mb(r.checkRssMB)})`),
		check(cmp(num2(r.iptablesMs) / r.parseMs, 4), `\`iptables\` for one node within 4x the parse time (${ratio(r.iptablesMs, r.parseMs)})`),
		check(cmp(num2(r.nftablesMs) / r.parseMs, 4), `\`nftables\` for one node within the same 4x the parse time (${ratio(r.nftablesMs, r.parseMs)})`),
		check(cmp(r.reachMs, 100), `one \`reach\` answered within 100 ms after load (${msText(r.reachMs)})`),
		check(cmp(r.ttyFirstScreenMs, 3000), `TUI first screen within 3 s, launch to screen in a terminal (${secs(r.ttyFirstScreenMs)})`),
		check(cmp(r.ttyKeypressMs, 50), `keypress redrawn within 50 ms in a terminal (${msText(r.ttyKeypressMs)}; in process ${msText(r.tuiKeypressMs)})`),
	].join('\n');
}

/** The YAML targets of issue 19: at 1,000 Services (when measured) and at the largest size. */
function yamlVerdicts() {
	const check = (ok, text) => `- ${ok === undefined ? '?' : ok ? 'met' : 'NOT met'}: ${text}`;
	const isNum = (x) => typeof x === 'number';
	const small = rows.find((r) => r.services === 1000);
	const big = rows.at(-1);
	const lines = [];
	if (small) {
		const wall = isNum(small.yamlMs) && isNum(small.checkMs) ? small.yamlMs / small.checkMs : undefined;
		const cpu = isNum(small.yamlCpuMs) && isNum(small.checkCpuMs) ? small.yamlCpuMs / small.checkCpuMs : undefined;
		lines.push(check(wall === undefined ? undefined : wall <= 3, `1,000-Service YAML capture: \`check\` within 3x the same capture as JSON (${ratio(small.yamlMs, small.checkMs)} wall, ${ratio(small.yamlCpuMs, small.checkCpuMs)} CPU)${cpu !== undefined && wall !== undefined && (wall <= 3) !== (cpu <= 3) ? ' — wall and CPU disagree: the machine was busy' : ''}`));
		lines.push(check(isNum(small.yamlRssMB) ? small.yamlRssMB < 500 : undefined, `1,000-Service YAML capture under 500 MB (${mb(small.yamlRssMB)})`));
	}
	lines.push(check(isNum(big.yamlRssMB) ? big.yamlRssMB < 2048 : undefined, `${big.services}-Service YAML capture (${num(big.yamlMB)} MB) completes \`check\` under 2 GB (${mb(big.yamlRssMB)}, ${secs(big.yamlMs)})`));
	lines.push(check(isNum(big.stdinMs) && isNum(big.yamlMs) ? big.stdinMs <= big.yamlMs * 1.2 : undefined, `standard input (\`--fixtures -\`) as fast as the file (${secs(big.stdinMs)} against ${secs(big.yamlMs)})`));
	return lines.join('\n');
}

const m = machine();
process.stdout.write(`\nEnd to end (median of ${runs}; wall time; peak = max RSS)\n${textTable(endToEnd)}\n\nYAML beside JSON\n${textTable(yamlTable)}\n\nIn process\n${textTable(inProcess)}\n`);
process.stdout.write(`\nMachine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, load average at the end ${m.load}\n`);

const largest = rows.at(-1);
const markdown = `# kubewire benchmark results

Written by \`npm run bench\` (bench/run.mjs) on ${m.date}. Clusters come from bench/generate.mjs
(seed ${seed}): ten pods per Service, a node per hundred pods, EndpointSlices of at most 100
endpoints, a Deployment per Service with pods (a StatefulSet for headless ones), an Ingress and an
HTTPRoute per twenty Services, a Gateway per namespace, NetworkPolicies, about 5 % of Services broken.

Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB memory, ${m.os}, Node ${m.node}.
Load average when the run ended: ${m.load} (other work on the machine slows every column alike;
the runs are interleaved so the ratios stay fair).

## End to end (median of ${runs} runs, wall time)

JSON.parse is the baseline: a fresh \`node\` reading the file and parsing it, nothing else.
\`check\` is \`node dist/cli.js check --fixtures FILE -o json\`; \`iptables\` is
\`node dist/cli.js iptables --fixtures FILE --node NODE\`. Peak is the process's maximum RSS.
The TUI columns run \`node dist/cli.js --fixtures FILE\` in a pseudo-terminal of 80x24: time from
launch until the Services screen shows Services (a capture of 16 MB or more is read with the screen
up: first the Services with type, ClusterIP and ports), until every status is on it, and from a
\`j\` until its redraw arrives.

${markdownTable(endToEnd)}

## YAML beside JSON (median of ${runs} runs)

The same clusters written as \`kubectl get … -o yaml\` writes them (bench/to-yaml.mjs: keys sorted,
sequences not indented under their key). \`check JSON\` is the column above; \`check YAML\` is
\`node dist/cli.js check --fixtures FILE.yaml -o json\`, and \`YAML from stdin\` the same with
\`--fixtures -\` and the file on standard input. CPU is user + system time of the process, which a
busy machine does not inflate as it does wall time.

${markdownTable(yamlTable)}

## In process (median of ${runs} runs)

Each stage timed alone inside one process (bench/inprocess.mjs): loading the file into a
Snapshot, \`analyze\` (every diagnostic and the routing table), building the routing table again
on its own, kube-proxy's rules and their text for one node, the TUI's first frame on a fake
80x24 terminal (the App analyses the snapshot itself) and the redraw after \`j\`.

${markdownTable(inProcess)}

## Targets (issue 8), at ${largest.services} Services / ${largest.pods} pods

${verdicts(largest)}

## Targets (issue 19): YAML input

${yamlVerdicts()}
`;
// The live TUI (issue 19), once, at the largest size: see bench/live.mjs.
const { liveSection } = await import('./live-report.mjs');
const live = liveSection(values['no-live'] ? undefined : (await clusterFile(largest.services)).file, largest.services);
process.stdout.write(`\n${live.text}\n`);
writeFileSync(values.out, `${markdown}\n${live.markdown}`);
process.stderr.write(`bench: wrote ${path.relative(process.cwd(), values.out) || values.out}\n`);
