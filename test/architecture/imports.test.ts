/**
 * The directions of DESIGN.md's layout, kept true by reading every import: the model is pure
 * (no I/O, no React, no loaders: only types from cluster/snapshot.ts), the UI renders what the
 * model computed and never loads data itself, and the reports stay free of Ink.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const source = fileURLToPath(new URL('../../source/', import.meta.url));

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? filesUnder(full) : /\.tsx?$/.test(name) ? [full] : [];
	});
}

interface Import {
	file: string;
	specifier: string;
	typeOnly: boolean;
}

function importsOf(file: string): Import[] {
	const text = readFileSync(file, 'utf8');
	const out: Import[] = [];
	for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
		out.push({ file: path.relative(source, file), specifier: m[3]!, typeOnly: Boolean(m[2]) });
	}
	for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) out.push({ file: path.relative(source, file), specifier: m[1]!, typeOnly: false });
	return out;
}

/** Where a relative import lands, as a path under source/. */
function target(imp: Import): string {
	if (!imp.specifier.startsWith('.')) return imp.specifier;
	return path.relative(source, path.resolve(source, path.dirname(imp.file), imp.specifier));
}

const all = (dir: string) => filesUnder(path.join(source, dir)).flatMap(importsOf);

describe('layering', () => {
	it('model/ imports nothing outside the model but node:crypto and types from cluster/snapshot.ts', () => {
		const bad = all('model').filter((imp) => {
			const to = target(imp);
			if (to.startsWith('model/')) return false;
			if (to === 'node:crypto') return false; // chain-name hashing; no I/O
			if (to === 'cluster/snapshot.js' && imp.typeOnly) return false;
			return true;
		});
		expect(bad.map((b) => `${b.file} → ${b.specifier}`)).toEqual([]);
	});

	it('ui/ and app.tsx import no loader, no client-node and no file system', () => {
		const imports = [...all('ui'), ...importsOf(path.join(source, 'app.tsx'))];
		const bad = imports.filter((imp) => {
			const to = target(imp);
			if (to.startsWith('cluster/')) return !(to === 'cluster/snapshot.js' && imp.typeOnly);
			if (to.startsWith('commands/')) return true;
			return /^(node:fs|node:child_process|node:https?|@kubernetes\/client-node)/.test(to);
		});
		expect(bad.map((b) => `${b.file} → ${b.specifier}`)).toEqual([]);
	});

	it('report/ renders text and JSON without Ink, React or I/O', () => {
		const bad = all('report').filter((imp) => /^(ink|react|node:fs|@kubernetes\/client-node)/.test(target(imp)) || target(imp).startsWith('cluster/') && !imp.typeOnly);
		expect(bad.map((b) => `${b.file} → ${b.specifier}`)).toEqual([]);
	});

	it('the test reads imports at all (guards against a pattern that matches nothing)', () => {
		expect(all('model').length).toBeGreaterThan(50);
		expect(all('ui').length).toBeGreaterThan(20);
	});
});
