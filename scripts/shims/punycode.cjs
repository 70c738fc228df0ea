// Stands in for Node's deprecated built-in `punycode`, which @kubernetes/client-node 1.x pulls in
// through node-fetch → whatwg-url → tr46. Inside node_modules Node stays quiet about it, but in a
// bundle copied to a bastion host Node 21+ prints a DEP0040 warning on every run. node-fetch uses
// Node's own URL class, so these functions are practically never called; they are built on Node's
// own URL and string primitives so that they still answer sensibly if they are.
'use strict';
const { domainToASCII, domainToUnicode } = require('node:url');

function decode(text) {
	const points = [];
	for (const char of text) points.push(char.codePointAt(0));
	return points;
}

function encode(points) {
	let text = '';
	for (const point of points) text += String.fromCodePoint(point);
	return text;
}

function toASCII(domain) {
	if (/^[\x00-\x7f]*$/.test(domain)) return domain;
	const ascii = domainToASCII(domain);
	if (ascii === '') throw new RangeError(`not a valid domain name: ${domain}`);
	return ascii;
}

function toUnicode(domain) {
	if (!/(^|\.)xn--/i.test(domain)) return domain;
	const unicode = domainToUnicode(domain);
	if (unicode === '') throw new RangeError(`not a valid domain name: ${domain}`);
	return unicode;
}

module.exports = { ucs2: { decode, encode }, toASCII, toUnicode };
