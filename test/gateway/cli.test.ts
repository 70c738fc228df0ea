/**
 * `kubewire gateways` and `kubewire route` through a Gateway, end to end through the built CLI:
 * the JSON fields DESIGN.md fixes, precedence with --method and --header, 404 and 500, the
 * choice of Gateway by host or --gateway, bad flags, and manifests checked before they are applied.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const planned = 'test/gateway/fixtures/planned.yaml';
const json = (args: string[]) => {
	const r = runCli([...args, '-o', 'json']);
	expect(r.stderr).toBe('');
	return JSON.parse(r.stdout) as Record<string, unknown>;
};

describe('kubewire route through a Gateway', () => {
	it('picks the Gateway whose listener hostname matches and ranks the header match first', () => {
		const out = json(['route', 'http://shop.example.com/api/items', '--fixtures', planned, '--header', 'x-env=canary']);
		expect(out).toMatchObject({
			via: 'gateway',
			status: 200,
			backend: { namespace: 'shop', service: 'web', port: 80 },
			gateway: { namespace: 'infra', name: 'public', listener: 'http' },
			httpRoute: { kind: 'HTTPRoute', namespace: 'shop', name: 'web', rule: 0 },
		});
	});

	it('without the header the catch-all rule wins, and its missing Service answers 500', () => {
		const out = json(['route', 'http://shop.example.com/api/items', '--fixtures', planned]);
		expect(out).toMatchObject({ via: 'gateway', status: 500, backend: null, httpRoute: { rule: 2 } });
	});

	it('--method takes part in the match: POST /login is rule 1', () => {
		expect(json(['route', 'http://shop.example.com/login', '--fixtures', planned, '--method', 'POST'])).toMatchObject({ status: 200, httpRoute: { rule: 1 } });
		expect(json(['route', 'http://shop.example.com/login', '--fixtures', planned])).toMatchObject({ status: 500, httpRoute: { rule: 2 } });
	});

	it('a host no listener or route takes goes to the Ingress path; --gateway forces the Gateway and gets 404', () => {
		expect(json(['route', 'http://other.org/', '--fixtures', planned, '--gateway', 'infra/public'])).toMatchObject({ via: 'gateway', status: 404, backend: null, httpRoute: null });
	});

	it('the demo: /pay through the storefront Gateway is 500 for the missing ReferenceGrant, with KW703 on the way', () => {
		const r = runCli(['route', 'http://shop.example.com/pay', '--demo']);
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/Gateway\s+shop\/storefront-gw/);
		expect(r.stdout).toMatch(/Result\s+500/);
		expect(r.stdout).toContain('KW703');
	});

	it('the demo: a host both a Gateway listener and an Ingress rule take says so, and how to ask through the Ingress', () => {
		const r = runCli(['route', 'http://prometheus.example.com/', '--demo', '-o', 'json']);
		expect(r.status).toBe(0);
		expect(JSON.parse(r.stdout).chosenBy).toBe(
			'listener http hostname *.example.com matches prometheus.example.com; Ingress monitoring/prometheus also has a rule for this host, and where DNS sends it decides which a client reaches (--class nginx answers through the Ingress)',
		);
		// Named with --gateway, the Gateway is what was asked for: nothing to add.
		const named = runCli(['route', 'http://prometheus.example.com/', '--demo', '--gateway', 'shop/storefront-gw', '-o', 'json']);
		expect(JSON.parse(named.stdout).chosenBy).toBe('named by --gateway');
	});

	it('bad flags: one line, exit 2', () => {
		for (const args of [['--header', 'novalue'], ['--gateway', 'justname'], ['--gateway', 'infra/nope']]) {
			const r = runCli(['route', 'http://shop.example.com/', '--fixtures', planned, ...args]);
			expect(r.status, args.join(' ')).toBe(2);
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			expect(r.stderr).toContain(args[0]!);
		}
	});
});

describe('kubewire gateways', () => {
	it('JSON: rows per listener in precedence order, routes with computed conditions', () => {
		const out = json(['gateways', '--demo']) as { rows: Record<string, unknown>[]; routes: { name: string; parents: { gateway: string; sectionName: string; conditions: unknown[] }[] }[] };
		expect(out.rows[0]).toMatchObject({ gateway: 'shop/storefront-gw', listener: 'http', hostname: 'shop.example.com', route: 'shop/storefront', match: 'PathPrefix /recommendations' });
		expect(out.rows[0]!['backends']).toEqual([{ namespace: 'shop', service: 'recommendations', port: 80, weight: 1, kind: 'Service', resolved: 'ResolvedRefs', ready: 0 }]);
		const checkout = out.routes.find((r) => r.name === 'checkout-tls')!;
		expect(checkout.parents).toMatchObject([
			{ gateway: 'shop/storefront-gw', sectionName: 'https', conditions: [{ type: 'Accepted', status: 'False', reason: 'NotAllowedByListeners' }, { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' }] },
		]);
	});

	it('text: listeners, rules and attachment, with the reason a route is not attached', () => {
		const r = runCli(['gateways', '--demo']);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('Gateway shop/storefront-gw listener https');
		expect(r.stdout).toContain('Accepted=False/NotAllowedByListeners');
		expect(r.stdout).toContain('allowedRoutes defaults to');
	});

	// The prose above the tables wraps at word breaks like the listener lines; at 80 columns the
	// terminal cut its first line inside "all".
	it('text: the legend fits 80 columns', () => {
		const r = runCli(['gateways', '--demo']);
		const legend = r.stdout.split('\n').slice(0, r.stdout.split('\n').findIndex((l) => l.startsWith('MATCH:')) + 1);
		expect(legend.join('\n')).toContain('(ready/all endpoints)');
		for (const line of legend) expect([...line].length, line).toBeLessThanOrEqual(80);
	});
});

describe('manifests checked before they are applied', () => {
	it('no status, no pods: wiring findings only (the missing Service), nothing about readiness', () => {
		const out = json(['check', '--fixtures', planned]) as { findings: { code: string; name: string; message: string }[] };
		const gateway = out.findings.filter((f) => f.code.startsWith('KW7'));
		expect(gateway.map((f) => `${f.code} ${f.name}`)).toEqual(['KW702 web']);
		expect(gateway[0]!.message).toContain('shop/missing');
	});
});

describe('route with --class', () => {
	it('routes through that IngressClass even when a Gateway listener matches the host', () => {
		const r = runCli(['route', 'https://shop.example.com/', '--demo', '--class', 'nginx', '-o', 'json']);
		expect(r.status, r.stderr).toBe(0);
		const json = JSON.parse(r.stdout) as { via: string; backend: { service: string } | null };
		expect(json.via).toBe('ingress');
		expect(json.backend?.service).toBe('frontend');
		// Without --class the Gateway whose listener hostname matches answers.
		expect((JSON.parse(runCli(['route', 'https://shop.example.com/', '--demo', '-o', 'json']).stdout) as { via: string }).via).toBe('gateway');
	});
});
