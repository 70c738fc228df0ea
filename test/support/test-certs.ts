/**
 * Certificates for the fake API server, made with openssl in a temp dir: a cluster CA, a server
 * certificate for 127.0.0.1/localhost signed by it, a client certificate (CN=cert-user) for
 * certificate authentication, and an unrelated CA to play "the wrong CA in the kubeconfig".
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scratchDir } from './scratch.js';

export interface TestCerts {
	dir: string;
	caCert: string;
	serverCert: string;
	serverKey: string;
	clientCert: string;
	clientKey: string;
	otherCaCert: string;
	/** Paths of the files above, for kubeconfigs that name files. */
	files: { caCert: string; clientCert: string; clientKey: string; otherCaCert: string };
}

function openssl(dir: string, args: string[]): void {
	execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function makeCa(dir: string, name: string): void {
	openssl(dir, [
		'req', '-x509', ...ecKey, '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '2', '-subj', `/CN=${name}`,
		'-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
	]);
}

function makeLeaf(dir: string, name: string, subject: string, extensions: string): void {
	openssl(dir, ['req', ...ecKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
	writeFileSync(path.join(dir, `${name}.ext`), extensions);
	openssl(dir, [
		'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial',
		'-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`,
	]);
}

export function makeTestCerts(): TestCerts {
	const dir = scratchDir('certs');
	makeCa(dir, 'ca');
	makeCa(dir, 'other-ca');
	makeLeaf(dir, 'server', '/CN=fake-apiserver', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
	makeLeaf(dir, 'client', '/O=developers/CN=cert-user', 'extendedKeyUsage=clientAuth\n');
	const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
	return {
		dir,
		caCert: read('ca.crt'),
		serverCert: read('server.crt'),
		serverKey: read('server.key'),
		clientCert: read('client.crt'),
		clientKey: read('client.key'),
		otherCaCert: read('other-ca.crt'),
		files: {
			caCert: path.join(dir, 'ca.crt'),
			clientCert: path.join(dir, 'client.crt'),
			clientKey: path.join(dir, 'client.key'),
			otherCaCert: path.join(dir, 'other-ca.crt'),
		},
	};
}
