/**
 * The demo fixtures carried inside the one-file bundle. In the tsc build this module holds
 * nothing and the demo is read from demo-fixtures/ on disk; scripts/bundle.mjs replaces this
 * module's body with the text of every fixture file, so a bundle copied alone to a bastion host
 * still has its demo cluster.
 */

/** One fixture file: its path below the package root (e.g. `demo-fixtures/web.yaml`) and its text. */
export interface EmbeddedFile {
	path: string;
	text: string;
}

export const embeddedDemoFiles: readonly EmbeddedFile[] | undefined = undefined;
