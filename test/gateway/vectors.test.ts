/**
 * Every row of every Gateway API conformance vector in test/gateway/vectors/ (copied from the
 * shared vectors with their source.txt): requests with the backend or status they must get,
 * route conditions per parentRef, and listener status. Rows kubewire cannot judge from the
 * objects are skipped by name, with the reason.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../source/model/context.js';
import { attachedRoutes, gatewayModel, type GatewayModel } from '../../source/model/gateway/index.js';
import { supportedKinds } from '../../source/model/gateway/listeners.js';
import { gatewayRequest } from '../../source/model/gateway/request.js';
import { routeThroughGateway, type GatewayRouteResult } from '../../source/model/gateway/route.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';

const root = new URL('./vectors/', import.meta.url);
const cases = readdirSync(root).filter((n) => n !== 'README.md').sort();

function table(name: string, file: string): Record<string, string>[] {
	const url = new URL(`${name}/${file}`, root);
	if (!existsSync(url)) return [];
	const lines = readFileSync(url, 'utf8').split('\n').filter((l) => l.trim() !== '');
	const header = lines[0]!.split('\t');
	return lines.slice(1).map((line) => {
		const cells = line.split('\t');
		return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
	});
}

/** The answer in the vectors' words. */
function answer(result: GatewayRouteResult): string {
	if (result.grpcStatus) return result.grpcStatus;
	if (result.redirect) return `${result.redirect.status} Location=${result.redirect.location}`;
	if (result.status !== 200) return String(result.status);
	const b = result.backend!;
	return `${b.namespace}/${b.ref.name}:${b.ref.port}`;
}

/** Location hosts marked `*` are not checked; default ports may be printed or not. */
function normaliseRedirect(text: string, expected: string): string {
	const m = /^(\d+) Location=(\w+):\/\/([^/:]*)(?::(\d+))?(.*)$/.exec(text);
	if (!m) return text;
	const [, code, scheme, host, port, path] = m;
	const hostOut = /Location=\w+:\/\/\*/.test(expected) ? '*' : host;
	const portOut = port && port !== (scheme === 'https' ? '443' : '80') ? `:${port}` : '';
	return `${code} Location=${scheme}://${hostOut}${portOut}${path}`;
}

function run(model: GatewayModel, row: Record<string, string>): GatewayRouteResult {
	const gateway = model.gatewayByKey.get(row['gateway']!);
	if (!gateway) throw new Error(`no Gateway ${row['gateway']}`);
	const request = gatewayRequest({
		scheme: row['listener_port'] === '443' ? 'https' : 'http',
		host: row['host'] ?? '',
		port: Number(row['listener_port']),
		method: row['method'],
		pathAndQuery: row['path'] ?? '/',
		headers: (row['headers'] ?? '')
			.split(';')
			.filter((h) => h !== '')
			.map((h) => [h.slice(0, h.indexOf('=')), h.slice(h.indexOf('=') + 1)] as const),
		sni: row['sni'] || undefined,
	});
	return routeThroughGateway(model, gateway, request);
}

describe('Gateway API conformance vectors', () => {
	it('finds all 28 cases', () => expect(cases).toHaveLength(28));

	for (const name of cases) {
		describe(name, () => {
			const snapshot = snapshotFromYaml(readFileSync(new URL(`${name}/cluster.yaml`, root), 'utf8'), `${name}/cluster.yaml`);
			const ctx = buildContext(snapshot);
			const model = gatewayModel(ctx);

			for (const row of table(name, 'requests.tsv')) {
				const title = `${row['method']} ${row['host'] || '(address)'}${row['path']} ${row['headers'] ?? ''} → ${row['expected']}`;
				it(title, () => {
					const result = run(model, row);
					const expected = row['expected']!;
					if (row['filter'] === 'RequestRedirect') {
						expect(normaliseRedirect(answer(result), expected)).toBe(normaliseRedirect(expected, expected));
					} else {
						expect(answer(result)).toBe(expected);
					}
				});
			}

			for (const row of table(name, 'status.tsv')) {
				it(`${row['route']} on ${row['parent']}: ${row['condition']}=${row['status']}${row['reason'] ? `/${row['reason']}` : ''}`, () => {
					const [kind, ns, routeName] = row['route']!.split('/');
					const state = model.routes.find((r) => r.route.kind === kind && r.route.namespace === ns && r.route.name === routeName);
					expect(state, 'route in the model').toBeDefined();
					const [pns, gname, section] = row['parent']!.split('/');
					const parent = state!.parents.find(
						(p) => p.gatewayKey === `${pns}/${gname}` && (p.parentRef.sectionName ?? '') === (section ?? ''),
					);
					expect(parent, 'parentRef in the model').toBeDefined();
					const condition = parent!.conditions.find((c) => c.type === row['condition']);
					expect(condition?.status).toBe(row['status']);
					if (row['reason']) expect(condition?.reason).toBe(row['reason']);
				});
			}

			for (const row of table(name, 'listeners.tsv')) {
				it(`listener ${row['gateway']}/${row['listener']}: ${row['attached_routes']} routes, kinds ${row['supported_kinds']}, ${row['conditions']}`, () => {
					const state = model.gatewayByKey.get(row['gateway']!)!;
					const listener = state.gateway.listeners.find((l) => l.name === row['listener'])!;
					expect(attachedRoutes(state, listener.name)).toBe(Number(row['attached_routes']));
					const kinds = row['supported_kinds']!;
					if (kinds !== '') expect(supportedKinds(listener).join(',')).toBe(kinds === '-' ? '' : kinds);
					const conditions = state.listenerStatus.get(listener)!.conditions;
					for (const c of (row['conditions'] ?? '').split(';').filter((x) => x !== '')) {
						const [type, rest] = c.split('=');
						const [status, reason] = rest!.split(':');
						const got = conditions.find((x) => x.type === type);
						expect(got?.status, type).toBe(status);
						if (reason) expect(got?.reason, type).toBe(reason);
					}
				});
			}
		});
	}
});
