/** Addresses and CIDR blocks for ipBlock peers, IPv4 and IPv6. */
import { describe, expect, it } from 'vitest';
import { cidrContains, isIPAddress, parseAddress, parseCidr } from '../../source/model/netpol/cidr.js';

const inside = (cidr: string, ip: string) => cidrContains(parseCidr(cidr)!, parseAddress(ip)!);

describe('CIDR containment', () => {
	it('handles IPv4 blocks, their edges, and a bare address as a /32', () => {
		expect(inside('10.0.0.0/8', '10.255.255.255')).toBe(true);
		expect(inside('10.0.0.0/8', '11.0.0.0')).toBe(false);
		expect(inside('172.16.0.0/12', '172.31.1.1')).toBe(true);
		expect(inside('172.16.0.0/12', '172.32.0.0')).toBe(false);
		expect(inside('0.0.0.0/0', '203.0.113.9')).toBe(true);
		expect(inside('192.168.1.7', '192.168.1.7')).toBe(true);
		expect(inside('192.168.1.7/32', '192.168.1.8')).toBe(false);
	});

	it('clears host bits written in the block (10.1.2.3/8 is 10.0.0.0/8)', () => {
		expect(inside('10.1.2.3/8', '10.200.0.1')).toBe(true);
	});

	it('handles IPv6 with :: compression and embedded IPv4, and never mixes families', () => {
		expect(inside('fd00::/8', 'fd12:3456::1')).toBe(true);
		expect(inside('2001:db8::/32', '2001:db9::1')).toBe(false);
		expect(inside('::ffff:0:0/96', '::ffff:10.0.0.1')).toBe(true);
		expect(inside('::/0', '10.0.0.1')).toBe(false);
		expect(inside('0.0.0.0/0', '::1')).toBe(false);
	});

	it('rejects malformed input', () => {
		for (const bad of ['10.0.0.256', '10.0.0', '1.2.3.4.5', 'fd00::1::2', 'gggg::1', 'web.example.com', '']) {
			expect(isIPAddress(bad), bad).toBe(false);
		}
		expect(parseCidr('10.0.0.0/33')).toBeUndefined();
		expect(parseCidr('10.0.0.0/x')).toBeUndefined();
		expect(parseCidr('10.0.0.0/8/9')).toBeUndefined();
	});
});
