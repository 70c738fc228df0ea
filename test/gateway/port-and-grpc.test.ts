/**
 * Two ways a URL misses a Gateway that does serve it: the port of a port-forward in front of the
 * listener's port, and a gRPC method path asked as a plain URL. The answer says what is true
 * (the host is taken on another port; the GRPCRoute matches the call) with its healthy twin.
 */
import { describe, expect, it } from 'vitest';
import { fixtureArgs, runCli, runJson } from '../support/run-cli.js';

const dir = 'test/gateway/fixtures/field';
const fixtures = (...files: string[]) => fixtureArgs(dir, ...files);
const json = (args: string[]) => runJson(args, expect);

describe('a URL on another port than the listener that takes its host', () => {
	const input = fixtures('class/app.yaml', 'class/gatewayclass.yaml', 'class/known-class.yaml');

	it('is answered (exit 0), not refused: no listener on 8888, the host is taken on port 80, ask with that port', () => {
		for (const extra of [[], ['--gateway', 'infra/public']]) {
			const out = json(['route', 'http://shop.example.com:8888/', ...input, ...extra]);
			expect(out, extra.join(' ')).toMatchObject({ via: 'gateway', status: null, backend: null, gateway: { namespace: 'infra', name: 'public', listener: null } });
			expect(out['reason']).toContain('no HTTP listener on port 8888 (its HTTP ports: 80)');
			expect(out['hint']).toMatch(/takes host shop\.example\.com on listener http on port 80, not on port 8888.*port-forward/);
		}
		const text = runCli(['route', 'http://shop.example.com:8888/', ...input]).stdout;
		expect(text).toMatch(/Hint\s+Gateway infra\/public takes host shop\.example\.com/);
		expect(text).not.toContain('404');
	});

	it('healthy twin: the listener\'s own port (or none) routes to the backend', () => {
		for (const url of ['http://shop.example.com:80/', 'http://shop.example.com/']) {
			expect(json(['route', url, ...input])).toMatchObject({ status: 200, backend: { service: 'web' }, hint: null });
		}
	});

	it('a host no Gateway takes on any port is still refused for want of input', () => {
		const r = runCli(['route', 'http://other.example.org:8888/', ...input]);
		expect(r.status).toBe(2);
		expect(r.stderr).toContain('no Gateway in the input takes host other.example.org');
	});
});

describe('a gRPC method asked as a plain URL', () => {
	const input = fixtures('grpc/app.yaml');

	it('is answered as the gRPC call the GRPCRoute takes, and says so', () => {
		const out = json(['route', 'http://rpc.example.com/helloworld.Greeter/SayHello', ...input]);
		expect(out).toMatchObject({ status: 200, method: 'POST', backend: { namespace: 'rpc', service: 'greeter', port: 8080 }, httpRoute: { kind: 'GRPCRoute', name: 'greeter' } });
		expect(out['asGrpc']).toContain('GRPCRoute rpc/greeter matches /helloworld.Greeter/SayHello');
	});

	it('a method the GRPCRoute does not take stays a plain 404, and says the gRPC call gets UNIMPLEMENTED', () => {
		const out = json(['route', 'http://rpc.example.com/helloworld.Greeter/SayBye', ...input]);
		expect(out).toMatchObject({ status: 404, asGrpc: null, httpRoute: null });
		expect(out['reason']).toContain('as a gRPC call no GRPCRoute rule there takes /helloworld.Greeter/SayBye either (UNIMPLEMENTED)');
	});

	it('twin: a path that is no gRPC method gets the plain 404 alone', () => {
		expect(json(['route', 'http://rpc.example.com/index.html', ...input])['reason']).not.toContain('gRPC');
	});

	it('a request given its method is taken as given: 404, with the header to add as a hint', () => {
		const out = json(['route', 'http://rpc.example.com/helloworld.Greeter/SayHello', ...input, '--method', 'GET']);
		expect(out).toMatchObject({ status: 404, asGrpc: null });
		expect(out['hint']).toContain('add --method POST --header content-type=application/grpc');
		const explicit = json(['route', 'http://rpc.example.com/helloworld.Greeter/SayHello', ...input, '--method', 'POST', '--header', 'content-type=application/grpc']);
		expect(explicit).toMatchObject({ status: 200, asGrpc: null, httpRoute: { kind: 'GRPCRoute' } });
	});

	it('when an HTTPRoute takes the path, a plain request goes there', () => {
		const out = json(['route', 'http://rpc.example.com/helloworld.Greeter/SayHello', ...input, ...fixtures('grpc/http-catch-all.yaml')]);
		expect(out).toMatchObject({ status: 200, asGrpc: null, httpRoute: { kind: 'HTTPRoute', name: 'site' } });
	});
});

describe('an HTTP→HTTPS redirect route without sectionName (Traefik guide, sectionName dropped)', () => {
	it('answers HTTPS with a redirect to the URL asked: says it loops, and names the listener to pin it to', () => {
		const out = json(['route', 'https://app.example.com/', ...fixtures('redirect/app.yaml', 'redirect/loop.yaml')]);
		expect(out).toMatchObject({ status: 302, redirect: { location: 'https://app.example.com/' }, httpRoute: { name: 'app-http' } });
		expect(out['reason']).toContain('to the URL asked: a client that follows it loops');
		expect(out['hint']).toBe('HTTPRoute default/app-http names Gateway default/web without a sectionName, so it attaches to listener https too: set sectionName: http on its parentRef');
	});

	it('healthy twin: pinned to the HTTP listener, HTTPS reaches the app and HTTP redirects once', () => {
		const input = fixtures('redirect/app.yaml', 'redirect/pinned.yaml');
		expect(json(['route', 'https://app.example.com/', ...input])).toMatchObject({ status: 200, backend: { service: 'app' }, hint: null });
		const http = json(['route', 'http://app.example.com/', ...input]);
		expect(http).toMatchObject({ status: 302, redirect: { location: 'https://app.example.com/' }, hint: null });
		expect(http['reason']).not.toContain('loops');
	});
});

describe('two Gateways with a catch-all listener on the port and no Ingress (Cilium basic-http beside splitting)', () => {
	const two = (extra: string[] = []) =>
		json(['route', 'http://other.test/', ...fixtures('class/app.yaml', 'class/gatewayclass.yaml', 'class/known-class.yaml', 'redirect/app.yaml'), ...extra]);

	it('names the other Gateway to pick with --gateway', () => {
		expect(two()['chosenBy']).toMatch(/so does (default\/web|infra\/public): pick one with --gateway/);
	});

	it('twin: --gateway picks one and says so', () => {
		expect(two(['--gateway', 'default/web'])['chosenBy']).toBe('named by --gateway');
	});
});
