/** Host and path matching, request normalisation and URL reading, each rule on its own. */
import { describe, expect, it } from 'vitest';
import { matchHost, normalizeHost, wildcardCovers } from '../../source/model/ingress/host.js';
import { matchLength, normalizeRequestPath, pathMatches } from '../../source/model/ingress/path.js';
import { parseRequestUrl } from '../../source/model/ingress/url.js';

describe('host matching', () => {
	it('a wildcard covers exactly one label', () => {
		expect(wildcardCovers('*.foo.com', 'bar.foo.com')).toBe(true);
		expect(wildcardCovers('*.foo.com', 'baz.bar.foo.com')).toBe(false);
		expect(wildcardCovers('*.foo.com', 'foo.com')).toBe(false);
		expect(wildcardCovers('*.foo.com', '.foo.com')).toBe(false);
		expect(wildcardCovers('*.foo.com', 'xfoo.com')).toBe(false);
	});
	it('tells exact, wildcard, any and none apart', () => {
		expect(matchHost('foo.bar.com', 'foo.bar.com')).toBe('exact');
		expect(matchHost('*.bar.com', 'foo.bar.com')).toBe('wildcard');
		expect(matchHost('', 'foo.bar.com')).toBe('any');
		expect(matchHost('foo.bar.com', 'bar.com')).toBe('none');
	});
	it('normalises the request host as DNS and nginx do', () => {
		expect(normalizeHost('BAR.Foo.COM')).toBe('bar.foo.com');
		expect(normalizeHost('bar.foo.com:8080')).toBe('bar.foo.com');
		expect(normalizeHost('bar.foo.com.')).toBe('bar.foo.com');
		expect(normalizeHost('[::1]:443')).toBe('[::1]');
	});
});

describe('path matching', () => {
	it('Exact is case-sensitive equality and a trailing slash counts', () => {
		expect(pathMatches('/foo', 'Exact', '/foo')).toBe(true);
		expect(pathMatches('/foo', 'Exact', '/foo/')).toBe(false);
		expect(pathMatches('/foo/', 'Exact', '/foo')).toBe(false);
		expect(pathMatches('/foo', 'Exact', '/FOO')).toBe(false);
	});
	it('Prefix compares whole elements and ignores a trailing slash', () => {
		expect(pathMatches('/foo', 'Prefix', '/foo/bar')).toBe(true);
		expect(pathMatches('/foo', 'Prefix', '/foobar')).toBe(false);
		expect(pathMatches('/foo/', 'Prefix', '/foo')).toBe(true);
		expect(pathMatches('/', 'Prefix', '/anything/at/all')).toBe(true);
		expect(pathMatches('/aaa/bb', 'Prefix', '/aaa/bbb')).toBe(false);
		expect(pathMatches('/foo', 'Prefix', '/FOO')).toBe(false);
	});
	it('ImplementationSpecific acts as Prefix, and without a path matches everything', () => {
		expect(pathMatches('/foo', 'ImplementationSpecific', '/foo/x')).toBe(true);
		expect(pathMatches('/foo', 'ImplementationSpecific', '/foox')).toBe(false);
		expect(pathMatches('', 'ImplementationSpecific', '/x')).toBe(true);
	});
	it('ranks a Prefix without its trailing slash, so Exact /foo is not beaten by Prefix /foo/', () => {
		expect(matchLength('/foo/', 'Prefix')).toBe(matchLength('/foo', 'Exact'));
		expect(matchLength('/aaa/bbb', 'Prefix')).toBeGreaterThan(matchLength('/aaa', 'Prefix'));
	});
	it('normalises the request path and says when it changed', () => {
		expect(normalizeRequestPath('/x/../aaa/c')).toEqual({ path: '/aaa/c', changed: true });
		expect(normalizeRequestPath('//aaa//c')).toEqual({ path: '/aaa/c', changed: true });
		expect(normalizeRequestPath('/%61aa/c')).toEqual({ path: '/aaa/c', changed: true });
		expect(normalizeRequestPath('/foo/')).toEqual({ path: '/foo/', changed: false });
		expect(normalizeRequestPath('/a/..')).toEqual({ path: '/', changed: true });
	});
});

describe('reading a URL', () => {
	const ok = (url: string) => {
		const r = parseRequestUrl(url);
		if (!r.ok) throw new Error(r.reason);
		return r.request;
	};
	it('reads http and https URLs, with a port, query and fragment', () => {
		expect(ok('https://Shop.Example.com:8443/cart/?x=1#top')).toMatchObject({ scheme: 'https', host: 'shop.example.com', port: 8443, path: '/cart/' });
		expect(ok('http://foo.bar.com')).toMatchObject({ scheme: 'http', host: 'foo.bar.com', path: '/' });
	});
	it('keeps the path as written, for the route to normalise and report', () => {
		expect(ok('http://h/a/../b').path).toBe('/a/../b');
	});
	it('takes a bare host/path as http', () => {
		expect(ok('foo.bar.com/api')).toMatchObject({ scheme: 'http', host: 'foo.bar.com', path: '/api' });
	});
	it.each([
		['', 'empty'],
		['ftp://h/x', 'scheme ftp'],
		['http:///x', 'no host'],
		['http://:80/x', 'no host'],
		['http://h:99999/', 'out of range'],
		['http://h:abc/', 'bad port'],
		['http://a b/', 'spaces'],
		['http://*.foo.com/', 'wildcard'],
		['http://exa$mple.com/', 'not a host name'],
	])('refuses %j (%s)', (url, words) => {
		const r = parseRequestUrl(url);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.reason).toContain(words);
	});
});
