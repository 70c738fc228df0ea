/**
 * A TLS Secret an Ingress or a Gateway names is not "missing" (KW504, KW705) when the input
 * holds what will make it — cert-manager's annotation on the Ingress or Gateway, a cert-manager
 * Certificate, a SealedSecret, an ExternalSecret — nor when the input holds Secrets of other
 * namespaces only (a capture that left that namespace's Secrets out). Each with its broken twin.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { analyze } from '../../source/model/analyze.js';
import { scratchDir } from '../support/scratch.js';

const web = 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n';
// Another Secret of the same namespace: Secrets were given there, so a missing one can be judged.
const dbSecret = (namespace = 'shop') => `apiVersion: v1\nkind: Secret\nmetadata: {name: db-password, namespace: ${namespace}}\n`;
const ingress = (annotations = '{}') =>
	`apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop, annotations: ${annotations}}\nspec:\n  ingressClassName: nginx\n  tls: [{hosts: [shop.example.com], secretName: web-tls}]\n  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]\n`;
const gateway = (annotations = '{}') =>
	`apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: shop, annotations: ${annotations}}\nspec: {gatewayClassName: eg, listeners: [{name: https, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: gw-tls}]}}]}\n`;

function codes(...docs: string[]): string[] {
	const file = path.join(scratchDir('secret-makers'), 'input.yaml');
	writeFileSync(file, docs.join('---\n'));
	return analyze(loadFiles([file])).findings.map((f) => f.code).filter((c) => c === 'KW504' || c === 'KW705').sort();
}

describe('TLS Secrets made once applied', () => {
	it('broken twin: the Secret is missing where Secrets were given', () => {
		expect(codes(web, dbSecret(), ingress(), gateway())).toEqual(['KW504', 'KW705']);
	});

	it("cert-manager's annotation on the Ingress or the Gateway makes it", () => {
		expect(codes(web, dbSecret(), ingress('{cert-manager.io/cluster-issuer: letsencrypt}'), gateway('{cert-manager.io/issuer: ca}'))).toEqual([]);
	});

	it('a Certificate, a SealedSecret or an ExternalSecret in the input makes it', () => {
		const certificate = 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: shop}\nspec: {secretName: web-tls, issuerRef: {name: ca}}\n';
		const sealed = 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: gw-tls, namespace: shop}\nspec: {encryptedData: {tls.crt: AgB}}\n';
		expect(codes(web, dbSecret(), ingress(), gateway(), certificate, sealed)).toEqual([]);
		const external = 'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: from-vault, namespace: shop}\nspec: {target: {name: web-tls}}\n';
		expect(codes(web, dbSecret(), ingress(), external)).toEqual([]);
		// A Certificate for another Secret makes nothing here.
		expect(codes(web, dbSecret(), ingress(), certificate.replace('secretName: web-tls', 'secretName: api-tls'))).toEqual(['KW504']);
	});

	it('Secrets of other namespaces only: the namespace\'s Secrets are not in the input, and nothing is judged there', () => {
		const file = path.join(scratchDir('secret-makers'), 'partial.yaml');
		writeFileSync(file, [web, dbSecret('kubevious'), ingress()].join('---\n'));
		const snapshot = loadFiles([file]);
		expect(snapshot.unreadable).toContainEqual({ resource: 'secrets', namespace: 'shop', reason: 'not in the input: the input holds Secrets of other namespaces only' });
		expect(analyze(snapshot).findings.map((f) => f.code)).not.toContain('KW504');
	});
});
