/**
 * Hostile and broken files, run through the real CLI: each gives a normal report (saying what
 * was skipped) or one line naming the file with exit status 2; never a stack trace or a hang.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { scratchDir } from '../support/scratch.js';

const dir = scratchDir('hostile');
function file(name: string, content: string | Buffer): string {
	const full = path.join(dir, name);
	mkdirSync(path.dirname(full), { recursive: true });
	writeFileSync(full, content);
	return full;
}

const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n');

const fatal: Array<[string, string, string | Buffer, RegExp]> = [
	['malformed YAML', 'malformed.yaml', 'kind: Service\n  metadata: : :\n - [', /malformed\.yaml(:\d+)?: invalid YAML/],
	['truncated JSON', 'truncated.json', '{"kind":"Service","metadata":{"name":"x"', /truncated\.json(:\d+)?: /],
	['binary data', 'binary.yaml', Buffer.from([0, 1, 2, 3, 255, 254]), /binary\.yaml: binary data/],
	['alias bomb', 'bomb.yaml', bomb, /bomb\.yaml: too many YAML aliases/],
	['tab-indented YAML', 'tabs.yaml', 'kind: Service\nmetadata:\n\tname: x\n', /tabs\.yaml(:\d+)?: invalid YAML/],
	// Nothing to judge is not "no problems found": a CI job would take that exit 0 for a pass.
	['an empty file', 'empty.yaml', '\n  \n', /empty\.yaml: empty: no YAML or JSON in it$/],
	['a document that is a plain string', 'scalar.yaml', '"just text"\n', /scalar\.yaml: no Kubernetes object in it \(no document with a kind\)$/],
	['an error message saved as the file', 'error.yaml', 'error: the server doesn\'t have a resource type "gatways"\n', /error\.yaml: no Kubernetes object in it \(no document with a kind\)$/],
	['kubectl table output', 'table.txt.yaml', 'NAME   TYPE        CLUSTER-IP   PORT(S)\nweb    ClusterIP   10.96.3.7    80/TCP\n', /table\.txt\.yaml: no Kubernetes object in it: kubectl's table output; use -o yaml or -o json$/],
];

describe('files that cannot be read: one line naming the file, exit 2', () => {
	it.each(fatal)('%s', (_name, fileName, content, expected) => {
		const r = runCli(['check', '--fixtures', file(`fatal/${fileName}`, content)]);
		expect(r.status).toBe(2);
		expect(r.stdout).toBe('');
		const lines = r.stderr.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^kubewire: /);
		expect(lines[0]).toMatch(expected);
	});

	it('an empty pipe (the command before it failed) says so; an empty List is an answer, and an empty file beside others is no error', () => {
		const empty = runCli(['check', '--fixtures', '-'], { input: '' });
		expect(empty.status).toBe(2);
		expect(empty.stderr.trim()).toBe('kubewire: stdin: empty: no YAML or JSON in it (did the command before the pipe fail?)');
		for (const input of ['{"apiVersion":"v1","kind":"List","items":[]}', 'apiVersion: v1\nkind: List\nitems: []\n']) {
			const list = runCli(['check', '--fixtures', '-'], { input });
			expect(list.status).toBe(0);
			expect(list.stdout).toMatch(/^kubewire check: files: stdin\n0 errors, 0 warnings, 0 info across 0 Services/);
		}
		const beside = runCli(['check', '--fixtures', file('beside/empty.yaml', ''), '--fixtures', file('beside/svc.yaml', 'kind: Service\nmetadata: {name: ok}\nspec: {ports: [{port: 80}]}\n')]);
		expect(beside.status).toBe(0);
		expect(beside.stdout).toContain('across 1 Service');
	});

	it('a directory with no YAML or JSON file in it is named, with the extensions read', () => {
		const empty = path.join(dir, 'no-fixtures');
		file('no-fixtures/readme.md', '# nothing here');
		const r = runCli(['check', '--fixtures', empty]);
		expect(r.status).toBe(2);
		expect(r.stderr.trim()).toBe(`kubewire: ${empty}: no YAML or JSON files in it (.yaml, .yml, .json, .jsonl, .ndjson)`);
	});

	it('a missing path and an unreadable directory entry name the path', () => {
		const r = runCli(['services', '--fixtures', path.join(dir, 'nope.yaml')]);
		expect(r.status).toBe(2);
		expect(r.stderr.trim()).toBe(`kubewire: ${path.join(dir, 'nope.yaml')}: no such file or directory`);
	});
});

const tolerated: Array<[string, string, string, RegExp | null]> = [
	['a selector that is a string', 'string-selector.yaml', 'kind: Service\nmetadata: {name: s1}\nspec: {selector: "app=web", ports: [{port: 80}]}\n', null],
	['ports that are null', 'null-ports.yaml', 'kind: Service\nmetadata: {name: s2}\nspec: {ports: null}\n', null],
	['a List of numbers', 'numbers.yaml', 'kind: List\nitems: [1, 2, 3]\n', /not a Kubernetes\s+object/],
	['unknown kinds and CRDs', 'crd.yaml', 'apiVersion: x.io/v1\nkind: Widget\nmetadata: {name: w}\n---\nkind: CustomResourceDefinition\nmetadata: {name: widgets.x.io}\n', null],
	['an object without a name', 'noname.yaml', 'kind: Pod\nmetadata: {namespace: a}\n', /has no metadata\.name/],
	['escape sequences in names', 'escapes.yaml', 'kind: Service\nmetadata: {name: "evil\\e[2J\\a", namespace: "ns\\e]0;t\\a"}\nspec: {ports: [{port: 80}]}\n', null],
];

describe('files that can be tolerated: a normal report that says what was skipped', () => {
	it.each(tolerated)('%s', (_name, fileName, content, skippedReason) => {
		const r = runCli(['check', '--fixtures', file(`tolerated/${fileName}`, content)]);
		// Exit 1 exactly when the report holds an error finding.
		const json = runCli(['check', '--output', 'json', '--fixtures', file(`tolerated/${fileName}`, content)]);
		const errors = (JSON.parse(json.stdout) as { findings: { severity: string }[] }).findings.filter((f) => f.severity === 'error');
		expect(r.status).toBe(errors.length > 0 ? 1 : 0);
		expect(r.stderr).toBe('');
		expect(r.stdout).toMatch(/^kubewire check: /);
		expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
		if (skippedReason) expect(r.stdout.replace(/\s+/g, ' ')).toMatch(skippedReason);
	});

	it('a directory of mixed files reads only the YAML and JSON in it', () => {
		const mixed = path.join(dir, 'mixed');
		file('mixed/svc.yaml', 'kind: Service\nmetadata: {name: ok, namespace: m}\nspec: {ports: [{port: 80}]}\n');
		file('mixed/readme.md', '# not yaml: [');
		file('mixed/image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]));
		file('mixed/sub/pods.json', JSON.stringify({ kind: 'PodList', items: [{ metadata: { name: 'p', namespace: 'm' } }] }));
		const r = runCli(['services', '--fixtures', mixed, '-o', 'json']);
		expect(r.status).toBe(0);
		expect((JSON.parse(r.stdout) as { services: Array<{ name: string }> }).services.map((s) => s.name)).toEqual(['ok']);
	});

	it('JSON output keeps hostile text, escaped as JSON does', () => {
		const r = runCli(['services', '--fixtures', path.join(dir, 'tolerated/escapes.yaml'), '-o', 'json']);
		expect(r.stdout).toContain('\\u001b[2J');
		expect(r.stdout).not.toMatch(/\u001b/);
	});
});
