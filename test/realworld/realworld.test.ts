/**
 * Real objects from other projects' test data and real clusters (test/fixtures/realworld,
 * attribution in its SOURCES.md): every file loads alone and all together, every Service in it
 * is listed, and the reports run without a crash or a control character.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFiles, parseDocuments, readTextFile } from '../../source/cluster/files.js';
import { analyze } from '../../source/model/analyze.js';
import { checkJson, checkText } from '../../source/report/check.js';
import { servicesJson, servicesText } from '../../source/report/services.js';
import { runCli } from '../support/run-cli.js';

const dir = fileURLToPath(new URL('../fixtures/realworld/', import.meta.url));
const files = readdirSync(dir).filter((f) => /\.(json|yaml)$/.test(f)).sort();

/** Services named in a file, counted from the raw documents (items of Lists included). */
function rawServiceNames(file: string): string[] {
	const names: string[] = [];
	const visit = (doc: unknown, implied = ''): void => {
		if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return;
		const o = doc as Record<string, unknown>;
		const kind = typeof o['kind'] === 'string' ? o['kind'] : implied;
		if (Array.isArray(o['items'])) {
			for (const item of o['items']) visit(item, kind.endsWith('List') && kind !== 'List' ? kind.slice(0, -4) : '');
			return;
		}
		const meta = o['metadata'] as Record<string, unknown> | undefined;
		if (kind === 'Service' && meta && typeof meta['name'] === 'string' && meta['name'] !== '') names.push(meta['name']);
	};
	for (const doc of parseDocuments(readTextFile(file), file)) visit(doc);
	return names;
}

const control = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('real-world objects', () => {
	it('the corpus is all there', () => {
		expect(files.length).toBe(33);
	});

	it.each(files)('%s loads alone and reports cleanly', (name) => {
		const file = path.join(dir, name);
		const snapshot = loadFiles([file]);
		const analysis = analyze(snapshot);
		const listed = (servicesJson(analysis, {}) as { services: Array<{ name: string }> }).services.map((s) => s.name);
		expect(listed.sort()).toEqual([...new Set(rawServiceNames(file))].sort());
		const text = `${servicesText(analysis, {}, 80)}\n${checkText(analysis, {}, 80)}`;
		expect(text).not.toMatch(control);
		expect(() => JSON.stringify(checkJson(analysis, {}))).not.toThrow();
	});

	it('all files load together', () => {
		const snapshot = loadFiles([dir]);
		expect(snapshot.services.length).toBeGreaterThanOrEqual(20);
		expect(snapshot.pods.length).toBeGreaterThan(0);
		expect(snapshot.ingresses.length).toBeGreaterThan(0);
		const analysis = analyze(snapshot);
		expect(analysis.services).toHaveLength(snapshot.services.length);
	});

	it('the CLI reports the whole corpus without a stack trace', () => {
		const r = runCli(['check', '--fixtures', dir]);
		// Some of these objects are broken on purpose in their projects' tests: error findings, exit 1.
		expect(r.status).toBe(1);
		expect(r.stdout).toMatch(/^ERRORS$/m);
		expect(r.stderr).toBe('');
		expect(r.stdout).not.toMatch(control);
	});

	it('the sidecar pod (CRLF JSON) keeps its native sidecar port', () => {
		const snapshot = loadFiles([path.join(dir, 'derailed__k9s__render-testdata-po_sidecar.json')]);
		expect(snapshot.pods[0]?.containers.some((c) => c.sidecar)).toBe(true);
	});

	it('legacy extensions/v1beta1 Ingress backends are read', () => {
		const snapshot = loadFiles([path.join(dir, 'kubernetes__kubernetes__api-testdata-HEAD-extensions.v1beta1.Ingress.yaml')]);
		const ing = snapshot.ingresses[0]!;
		expect(ing.apiVersion).toBe('extensions/v1beta1');
		expect(ing.defaultBackend?.service?.name).toBeTruthy();
	});
});
