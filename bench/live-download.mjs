#!/usr/bin/env node
/**
 * The baseline for the live benchmark's "complete": merely downloading every list, as a bare
 * client would, from the loopback server on PORT. Every kind at once, each kind's pages one after
 * another at kubewire's page size; the body is only read (fetch asks for gzip and inflates, as
 * kubectl does), and the continue token taken from its metadata (which the server writes first).
 * Twice, keeping the faster: the first also warms the server's code paths, which kubewire's own
 * read would otherwise pay for alone. Prints the milliseconds.
 *
 * Its own process (live.mjs starts it): done inside the TUI's process, the 700 MB of page text it
 * leaves behind was still being collected while kubewire read the cluster, and "complete" varied
 * from 6.5 to 9.6 s from one run to the next (6.7 to 7.9 s with that garbage gone first).
 *
 *   node bench/live-download.mjs PORT
 */
const dist = new URL('../dist/', import.meta.url);
const { liveKinds, listPath } = await import(new URL('cluster/live/kinds.js', dist).href);
const { defaultTuning } = await import(new URL('cluster/live/tuning.js', dist).href);

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
	process.stderr.write('live-download: usage: live-download.mjs PORT\n');
	process.exit(2);
}

async function downloadLists() {
	const started = performance.now();
	await Promise.all(
		liveKinds.map(async (kind) => {
			let token = '';
			do {
				const query = new URLSearchParams({ limit: String(defaultTuning.pageSize), ...(token ? { continue: token } : {}) });
				const res = await fetch(`http://127.0.0.1:${port}${listPath(kind, '')}?${query}`);
				const body = await res.text();
				token = res.ok ? (/"continue":"([^"]*)"/.exec(body.slice(0, 512))?.[1] ?? '') : '';
			} while (token !== '');
		}),
	);
	return performance.now() - started;
}

process.stdout.write(`${Math.min(await downloadLists(), await downloadLists())}\n`);
