/** Builds snapshots for the diagnostics tests, through the same parser and projection as files. */
import { fileURLToPath } from 'node:url';
import { addDocument, dropDuplicates, loadFiles, parseDocuments } from '../../source/cluster/files.js';
import { emptySnapshot, type Snapshot, type Unreadable } from '../../source/cluster/snapshot.js';
import { analyze } from '../../source/model/analyze.js';
import type { Finding } from '../../source/model/findings.js';

export const fixturesDir = fileURLToPath(new URL('../fixtures/diagnostics/', import.meta.url));

export function snapshotOf(yaml: string, unreadable: Unreadable[] = []): Snapshot {
	const snapshot = emptySnapshot({ kind: 'files', description: 'test' }, '2026-01-01T00:00:00.000Z');
	for (const doc of parseDocuments(yaml, 'test.yaml')) addDocument(snapshot, doc, 'test.yaml');
	dropDuplicates(snapshot);
	snapshot.unreadable.push(...unreadable);
	return snapshot;
}

/** `which`: broken or healthy, or a further case of the code (broken-gateway, healthy-gateway). */
export function fixture(code: string, which: string): Snapshot {
	return loadFiles([`${fixturesDir}${code}/${which}.yaml`]);
}

export function findingsOf(snapshot: Snapshot): Finding[] {
	return analyze(snapshot).findings;
}

/** `KW101 Service shop/web` for each finding: compact, and readable in a failed assertion. */
export function codesOf(findings: readonly Finding[]): string[] {
	return findings.map((f) => `${f.code} ${f.kind} ${f.namespace}/${f.name}`).sort();
}

/** A ready pod with one container port, in YAML. */
export function pod(
	name: string,
	labels: Record<string, string>,
	options: { namespace?: string; ip?: string; ready?: boolean; node?: string; ports?: string; extraMeta?: string; phase?: string; hostname?: string; subdomain?: string } = {},
): string {
	const labelText = Object.entries(labels)
		.map(([k, v]) => `${k}: "${v}"`)
		.join(', ');
	return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${options.namespace ?? 'shop'}
  labels: {${labelText}}
${options.extraMeta ?? ''}spec:
  nodeName: ${options.node ?? 'node-a'}
${options.hostname ? `  hostname: ${options.hostname}\n` : ''}${options.subdomain ? `  subdomain: ${options.subdomain}\n` : ''}  containers: [{name: app, image: app:1, ports: ${options.ports ?? '[{name: http, containerPort: 8080}]'}}]
status:
  phase: ${options.phase ?? 'Running'}
  podIP: ${options.ip ?? '10.244.0.1'}
  conditions: [{type: Ready, status: "${options.ready === false ? 'False' : 'True'}"}]
---
`;
}

/** A ClusterIP Service in YAML. */
export function service(
	name: string,
	selector: Record<string, string> | undefined,
	options: { namespace?: string; ports?: string; spec?: string; clusterIP?: string } = {},
): string {
	const sel = selector
		? `  selector: {${Object.entries(selector)
				.map(([k, v]) => `${k}: "${v}"`)
				.join(', ')}}\n`
		: '';
	return `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${options.namespace ?? 'shop'}}
spec:
  clusterIP: ${options.clusterIP ?? '10.96.0.10'}
${sel}  ports: ${options.ports ?? '[{name: http, port: 80, targetPort: 8080}]'}
${options.spec ?? ''}---
`;
}
