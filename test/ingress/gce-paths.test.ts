/**
 * GKE's Ingress controller reads an ImplementationSpecific path as a URL map path rule: `/foo/*`
 * is every path starting with `/foo/`, anything else is exact. Field case:
 * GoogleCloudPlatform/gke-networking-recipes ingress-custom-grpc-health-check, whose rule
 * `/echo.EchoServer/*` (class gce) answered "404, no rule matches" with a note that GCE may read
 * the `*` as a wildcard. For GCE that reading is the controller's own, so the answer is firm; for
 * a controller kubewire does not know, the cautious note stays.
 */
import { describe, expect, it } from 'vitest';
import { gceMatchLength, gcePathMatches } from '../../source/model/ingress/gce-path.js';
import { buildRouting, route, routeModeFor } from '../../source/model/ingress/index.js';
import { contextOf, healthy, ingress, ingressClass, rule } from './build.js';

const grpcRule = rule('grpc.domain.com', ['/echo.EchoServer/*', 'ImplementationSpecific', 'fe', 80]);
const annotated = (className: string) => ingress('d', 'fe-ingress', { annotations: { 'kubernetes.io/ingress.class': className }, rules: [grpcRule] });

function routeAs(docs: Parameters<typeof contextOf>[0], className: string, url: string) {
	const ctx = contextOf(docs);
	const table = buildRouting(ctx, className);
	return route(table, url, { mode: routeModeFor(ctx.snapshot, table.choice) });
}

describe("GCE's reading of ImplementationSpecific paths", () => {
	it('a path ending in /* matches what starts with the part before the *, not that part without its slash', () => {
		expect(gcePathMatches('/foo/*', 'ImplementationSpecific', '/foo/')).toBe(true);
		expect(gcePathMatches('/foo/*', 'ImplementationSpecific', '/foo/bar/baz')).toBe(true);
		expect(gcePathMatches('/foo/*', 'ImplementationSpecific', '/foo')).toBe(false);
		expect(gcePathMatches('/foo/*', 'ImplementationSpecific', '/foobar')).toBe(false);
		expect(gcePathMatches('/*', 'ImplementationSpecific', '/anything')).toBe(true);
		expect(gcePathMatches('', 'ImplementationSpecific', '/anything')).toBe(true);
	});

	it('other ImplementationSpecific paths are exact; Prefix and Exact stay as the spec says', () => {
		expect(gcePathMatches('/foo', 'ImplementationSpecific', '/foo')).toBe(true);
		expect(gcePathMatches('/foo', 'ImplementationSpecific', '/foo/bar')).toBe(false);
		expect(gcePathMatches('/foo', 'Prefix', '/foo/bar')).toBe(true);
		expect(gcePathMatches('/foo', 'Exact', '/foo/')).toBe(false);
	});

	it('the longer path rule wins: /a/b/* over /a/*', () => {
		expect(gceMatchLength('/a/b/*', 'ImplementationSpecific')).toBeGreaterThan(gceMatchLength('/a/*', 'ImplementationSpecific'));
	});
});

describe('route with a GCE class', () => {
	const docs = [annotated('gce'), ...healthy('d', 'fe')];

	it('healthy: the gRPC method under /echo.EchoServer/* is served by that rule, with no "may match" note', () => {
		const r = routeAs(docs, 'gce', 'https://grpc.domain.com/echo.EchoServer/Echo');
		expect(r.mode).toBe('gce');
		expect(r.status).toBe(200);
		expect(r.rule).toEqual({ host: 'grpc.domain.com', path: '/echo.EchoServer/*', pathType: 'ImplementationSpecific' });
		expect(r.backend?.target).toMatchObject({ service: 'fe', port: 80 });
		expect(r.notes.join('\n')).not.toMatch(/may match|matched as Prefix/);
	});

	it('miss: the service name without the slash is not under /echo.EchoServer/*: a firm 404', () => {
		const r = routeAs(docs, 'gce', 'https://grpc.domain.com/echo.EchoServer');
		expect(r.status).toBe(404);
		expect(r.notes.join('\n')).not.toContain('may match');
	});

	it('gce-internal, and an IngressClass whose controller is ingress-gce, read paths the same way', () => {
		const internal = [annotated('gce-internal'), ...healthy('d', 'fe')];
		expect(routeAs(internal, 'gce-internal', 'https://grpc.domain.com/echo.EchoServer/Echo').rule?.path).toBe('/echo.EchoServer/*');
		const byClass = [ingressClass('gke', { controller: 'networking.gke.io/ingress-gce' }), ingress('d', 'fe-ingress', { className: 'gke', rules: [grpcRule] }), ...healthy('d', 'fe')];
		expect(routeAs(byClass, 'gke', 'https://grpc.domain.com/echo.EchoServer/Echo').mode).toBe('gce');
	});

	it('a controller kubewire does not know keeps the spec reading: a 404 with the note that a wildcard reading may match', () => {
		const unknown = [annotated('acme'), ...healthy('d', 'fe')];
		const r = routeAs(unknown, 'acme', 'https://grpc.domain.com/echo.EchoServer/Echo');
		expect(r.mode).toBe('spec');
		expect(r.status).toBe(404);
		expect(r.notes.join('\n')).toContain('may match');
	});
});
