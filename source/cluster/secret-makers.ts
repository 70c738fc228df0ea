/**
 * Custom resources that make a Secret once applied: cert-manager's Certificate (spec.secretName),
 * Bitnami's SealedSecret (a Secret of its own name, or its template's), the External Secrets
 * Operator's ExternalSecret (spec.target.name, else its own name). In a manifest set the TLS
 * Secret an Ingress or a Gateway names is often made this way: it is not "missing", only not
 * there yet. Facts from each project's API reference.
 */
import { isObject, obj, str, type RawObject } from './raw.js';
import type { SecretMaker } from './snapshot.js';
import { apiGroupOf } from '../model/api-group.js';


/** The Secret the object makes, or undefined when it makes none. `namespace` is where it goes when it names none. */
export function toSecretMaker(kind: string, raw: RawObject, namespace: string): SecretMaker | undefined {
	const group = apiGroupOf(str(raw['apiVersion']));
	const metadata = obj(raw['metadata']);
	const own = str(metadata['name']);
	const ns = str(metadata['namespace']) || namespace;
	const spec = isObject(raw['spec']) ? raw['spec'] : {};
	const made = (name: string, what: string): SecretMaker | undefined => (name === '' ? undefined : { namespace: ns, name, by: `${kind} ${ns}/${own} (${what})` });
	if (kind === 'Certificate' && group === 'cert-manager.io') return made(str(spec['secretName']), 'cert-manager');
	if (kind === 'SealedSecret' && group === 'bitnami.com') return made(str(obj(obj(spec['template'])['metadata'])['name']) || own, 'Sealed Secrets');
	if (kind === 'ExternalSecret' && group === 'external-secrets.io') return made(str(obj(spec['target'])['name']) || own, 'External Secrets');
	return undefined;
}
