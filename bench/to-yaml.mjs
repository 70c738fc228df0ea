#!/usr/bin/env node
/**
 * Writes a generated JSON List as YAML the way `kubectl get … -o yaml` does (keys sorted,
 * sequences not indented under their key, strings quoted where YAML would read them otherwise),
 * one item at a time, so a 400 MB capture is converted without holding its tree.
 *
 *   node bench/to-yaml.mjs IN.json OUT.yaml
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import jsYaml from 'js-yaml';

const dist = new URL('../dist/', import.meta.url);

/** Converts `input` to YAML in `output`; returns the bytes written. */
export async function toYaml(input, output) {
	const { walkJsonList } = await import(new URL('cluster/json-list.js', dist).href);
	const bytes = readFileSync(input);
	const fd = openSync(output, 'w');
	let buffer = 'apiVersion: v1\nitems:\n';
	let written = 0;
	const flush = () => {
		written += writeSync(fd, buffer);
		buffer = '';
	};
	const dump = (value) => jsYaml.dump(value, { sortKeys: true, noArrayIndent: true, lineWidth: -1, noRefs: true });
	const rest = walkJsonList(bytes, 0, {
		beforeItems: () => true,
		item: (item) => {
			const lines = dump(item).replace(/\n$/, '').split('\n');
			buffer += `- ${lines[0]}\n`;
			for (let k = 1; k < lines.length; k++) buffer += `  ${lines[k]}\n`;
			if (buffer.length > 1 << 20) flush();
		},
	});
	if (rest === undefined) throw new Error(`${input}: not a JSON list`);
	const { apiVersion: _a, kind = 'List', ...members } = JSON.parse(rest);
	buffer += dump({ kind, ...members });
	flush();
	closeSync(fd);
	return written;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
	const [input, output] = process.argv.slice(2);
	if (!input || !output) {
		process.stderr.write('to-yaml: usage: to-yaml.mjs IN.json OUT.yaml\n');
		process.exit(2);
	}
	const bytes = await toYaml(input, output);
	process.stdout.write(`${JSON.stringify({ bytes })}\n`);
}
