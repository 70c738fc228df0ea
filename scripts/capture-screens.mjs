#!/usr/bin/env node
/**
 * Regenerates docs/screens.md (every capture) and the README's screens section (one capture per
 * screen, between its `screens:start`/`screens:end` markers): text captures of the TUI taken from
 * the real binary (dist/cli.js, so run `npm run build` first) in a tmux pane without colour, so
 * the documents never drift from what users see. Usage: node scripts/capture-screens.mjs
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const session = `kubewire-capture-${process.pid}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function tmux(...args) {
	return execFileSync('tmux', args, { encoding: 'utf8' });
}

/** Starts kubewire in a fresh pane, types `keys` (each a tmux key name or text) and captures it. */
async function capture({ args = ['--demo'], columns = 80, rows = 24, keys = [] }) {
	const command = `env -u CI NO_COLOR=1 HOME=/nonexistent node dist/cli.js ${args.join(' ')}`;
	tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), '-c', root, command);
	try {
		await sleep(2500);
		for (const key of keys) {
			tmux('send-keys', '-t', session, ...(key.literal ? ['-l', key.literal] : [key]));
			await sleep(400);
		}
		return tmux('capture-pane', '-p', '-t', session).replace(/\s+$/, '');
	} finally {
		tmux('kill-session', '-t', session);
	}
}

const screens = [
	{
		title: 'Services (the first screen)',
		text: 'Broken Services first, then warnings, then healthy ones; the first finding of each in a few words. The header shows the context, the namespace scope and how fresh the data is; the footer lists the keys that work on this screen.',
		shots: [{}],
	},
	{
		title: 'Filtering with `/`',
		text: 'The list narrows while you type (names, types, ports, finding codes); Enter keeps the filter, Esc clears it.',
		shots: [{ keys: ['/', { literal: 'reco' }, 'Enter'] }],
	},
	{
		title: 'Service detail (Enter)',
		text: 'The chain from client to pod, the first broken link marked with `►`; then the findings with their fixes, the selector and the pods it matches (and near misses), how each port resolves on those pods, the endpoints with their conditions, the Ingress rules routing here, the DNS records and the kube-proxy chains. j/k and PgUp/PgDn scroll.',
		shots: [{ keys: ['/', { literal: 'recommendations' }, 'Enter', 'Enter'] }, { keys: ['/', { literal: 'recommendations' }, 'Enter', 'Enter', 'PgDn'] }],
	},
	{
		title: 'kube-proxy chains in the detail (`--node`)',
		text: 'With `--node worker-1`, the end of the detail screen shows the iptables chains kube-proxy writes on that node, each endpoint with its share of new connections.',
		shots: [{ args: ['--demo', '--node', 'worker-1'], keys: ['/', { literal: 'frontend' }, 'Enter', 'Enter', 'G'] }],
	},
	{
		title: 'Ingresses (`:ing`)',
		text: 'The routing table of the chosen IngressClass, one row per host and path; Enter opens the backend Service. Ingresses the class leaves out are listed last (`- OUT`), with the reason.',
		shots: [{ keys: [':', { literal: 'ing' }, 'Enter'] }],
	},
	{
		title: 'Gateway API routes (`:gw`)',
		text: 'One row per HTTPRoute or GRPCRoute rule and the Gateway listener it is attached to (hostnames, matches, backends with their weights and ready endpoints); routes a Gateway does not accept are listed with the reason. Enter opens the backend Service.',
		shots: [{ keys: [':', { literal: 'gw' }, 'Enter'] }],
	},
	{
		title: 'Problems (`:problems`)',
		text: 'Every finding, worst first; the selected one is shown in full with its fix below the list, and Enter goes to its object.',
		shots: [{ keys: [':', { literal: 'problems' }, 'Enter'] }],
	},
	{
		title: 'Namespace picker (`n`)',
		text: 'Every namespace with its broken and total Services; Enter narrows every screen to it.',
		shots: [{ keys: ['n'] }],
	},
	{
		title: 'Help (`?`)',
		text: 'Every key, from the same table that handles them.',
		shots: [{ keys: ['?'] }],
	},
	{
		title: 'A narrow terminal (60x16)',
		text: 'Columns that matter least are dropped first; the footer keeps `? help` and `q quit`.',
		shots: [{ columns: 60, rows: 16 }],
	},
];

const parts = [
	'# kubewire screens',
	'',
	'Text captures of the TUI on the bundled demo cluster (`kubewire --demo`) in a plain 80x24',
	'terminal (tmux, no colour), taken from the real binary by `scripts/capture-screens.mjs`. The',
	'same screens work with `--no-color`/`NO_COLOR`: every status is a symbol and a word (`✗ ERROR`,',
	'`! WARN`, `i INFO`, `✓ OK`), so nothing depends on colour. Press `?` in the TUI for every key.',
];
const readme = [];
for (const screen of screens) {
	parts.push('', `## ${screen.title}`, '', screen.text);
	for (const [i, shot] of screen.shots.entries()) {
		const text = await capture(shot);
		parts.push('', '```', text, '```');
		if (i === 0) readme.push('', `**${screen.title}**`, '', '```', text, '```');
	}
}
writeFileSync(new URL('../docs/screens.md', import.meta.url), `${parts.join('\n')}\n`);
const readmeUrl = new URL('../README.md', import.meta.url);
const current = readFileSync(readmeUrl, 'utf8');
const marked = /(<!-- screens:start -->)[\s\S]*(<!-- screens:end -->)/;
if (marked.test(current)) writeFileSync(readmeUrl, current.replace(marked, (_m, a, b) => `${a}\n${readme.join('\n')}\n\n${b}`));
process.stderr.write('capture-screens: wrote docs/screens.md and the README screens section\n');
