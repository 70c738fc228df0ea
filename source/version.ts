/**
 * kubewire's version: from package.json beside the installed code, or baked in by the bundler
 * (a bundle copied alone to a bastion host has no package.json next to it).
 */
import { readFileSync } from 'node:fs';

declare const __KUBEWIRE_VERSION__: string | undefined;

function fromPackage(): string {
	try {
		const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
		return pkg.version ?? '0.0.0';
	} catch {
		return '0.0.0';
	}
}

export const version: string = typeof __KUBEWIRE_VERSION__ === 'string' ? __KUBEWIRE_VERSION__ : fromPackage();
