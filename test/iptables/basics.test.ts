/**
 * The building blocks whose exact output kube-proxy fixes: chain-name hashes, probability
 * strings and canonical addresses (values from reference/iptables-spec.md §2, §4.1, §6.2).
 */
import { describe, expect, it } from 'vitest';
import { chainHash, endpointChainName } from '../../source/model/iptables/hash.js';
import { canonicalIP, formatCIDR, parseCIDR } from '../../source/model/net.js';
import { formatFixed10, probability } from '../../source/model/iptables/probability.js';

describe('chain names', () => {
	it('hash the service port name and protocol like kube-proxy', () => {
		expect(chainHash('ns1/svc1:p80tcp')).toBe('XPGD46QRK7WJZT7O');
		expect(chainHash('ns1/svc1tcp')).toBe('AQI2S6QIMU7PVVRP');
		expect(chainHash('ns2/svc2:p8080tcp')).toBe('2VJB64SDSIJUP5T6');
	});

	it('hash the endpoint into KUBE-SEP names', () => {
		expect(endpointChainName('ns1/svc1:p80', 'tcp', '10.180.0.1:80')).toBe('KUBE-SEP-SXIVWICOYRO3J4NJ');
		expect(endpointChainName('ns1/svc1', 'tcp', '10.0.1.1:80')).toBe('KUBE-SEP-3JOIVZTXZZRGORX4');
	});
});

describe('probabilities', () => {
	it('print 1/n with ten decimals as Go does', () => {
		const expected: Record<number, string> = {
			1: '1.0000000000',
			2: '0.5000000000',
			3: '0.3333333333',
			6: '0.1666666667',
			10: '0.1000000000',
			1000: '0.0010000000',
			100000: '0.0000100000',
			100001: '0.0000099999',
		};
		for (const [n, text] of Object.entries(expected)) expect(probability(Number(n))).toBe(text);
	});

	it('round an exact tie to even where toFixed rounds up (n = 2048)', () => {
		expect((1 / 2048).toFixed(10)).toBe('0.0004882813');
		expect(probability(2048)).toBe('0.0004882812');
		expect(formatFixed10(0.25)).toBe('0.2500000000');
	});
});

describe('addresses', () => {
	it('read leading zeros as decimal and print canonically', () => {
		expect(canonicalIP('172.30.0.041')).toBe('172.30.0.41');
		expect(canonicalIP('010.000.001.002')).toBe('10.0.1.2');
		expect(formatCIDR(parseCIDR('203.0.113.000/025')!)).toBe('203.0.113.0/25');
		expect(formatCIDR(parseCIDR('10.1.2.3/8')!)).toBe('10.0.0.0/8');
	});

	it('compress IPv6 and treat IPv4-mapped addresses as IPv4', () => {
		expect(canonicalIP('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
		expect(canonicalIP('fd00:0:0:1::0:5')).toBe('fd00:0:0:1::5');
		expect(canonicalIP('::ffff:1.2.3.4')).toBe('1.2.3.4');
		expect(formatCIDR(parseCIDR('fd00:10::/48')!)).toBe('fd00:10::/48');
	});

	it('refuse what is not an address', () => {
		for (const bad of ['', 'foo', '1.2.3', '1.2.3.256', '1.2.3.4.5', '::g', '1:2:3:4:5:6:7:8:9']) {
			expect(canonicalIP(bad)).toBeUndefined();
		}
		expect(parseCIDR('10.0.0.0/33')).toBeUndefined();
		expect(parseCIDR('10.0.0.0')).toBeUndefined();
	});
});
