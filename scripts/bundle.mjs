#!/usr/bin/env node
/**
 * `npm run bundle`: writes dist/kubewire.mjs, one self-contained ESM file for hosts where npm
 * install is not possible (a bastion host): every dependency, yoga's WebAssembly (embedded by
 * yoga-layout itself as base64) and the demo fixtures are inside, so `node kubewire.mjs` runs
 * with nothing beside it.
 *
 * The same file is the package's bin (package.json "bin" and "files"; "prepack" builds it). Why
 * ship the bundle rather than dist/ plus node_modules: it is the very file a bastion user copies,
 * so what is tested is what is shipped; it starts in about half the time (0.4 s against 1 s for
 * `--version` here); and the installed command loads nothing from node_modules. package.json
 * still lists the runtime dependencies, so npm installs them beside it (unused); moved to
 * devDependencies, the tarball would install with no registry at all.
 *
 * Usage: node scripts/bundle.mjs [--outfile PATH] [--entry FILE]
 * `--entry` builds another entry point with the same recipe (the tests use it to check that ink,
 * yoga and client-node survive bundling); `bundle()` does the same for a script that imports this.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const shims = path.join(root, 'scripts', 'shims');
const fixtureExtensions = new Set(['.yaml', '.yml', '.json']);

/** The value after `--name` in argv, or `fallback` when the flag is absent. */
function option(argv, name, fallback) {
	const at = argv.indexOf(name);
	if (at === -1) return fallback;
	const given = argv[at + 1];
	if (!given || given.startsWith('--')) throw new Error(`${name} needs a path`);
	return given;
}

/**
 * The demo fixture files, found the way source/cluster/files.ts walks a directory (names sorted,
 * directories entered where they sort, only .yaml/.yml/.json files), so the bundled demo reads
 * the same files in the same order as the unbundled one.
 */
function demoFiles(dir, relative = 'demo-fixtures') {
	let entries;
	try {
		entries = readdirSync(dir, { withFileTypes: true });
	} catch (error) {
		if (error.code === 'ENOENT') return [];
		throw error;
	}
	const out = [];
	for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
		const full = path.join(dir, entry.name);
		const name = `${relative}/${entry.name}`;
		if (entry.isDirectory()) out.push(...demoFiles(full, name));
		else if (entry.isFile() && fixtureExtensions.has(path.extname(entry.name).toLowerCase())) {
			out.push({ path: name, text: readFileSync(full, 'utf8'), full });
		}
	}
	return out;
}

/** Serves source/cluster/demo-embedded.ts with the fixture texts instead of its empty default. */
function embedDemoPlugin(files) {
	const target = path.join(root, 'source', 'cluster', 'demo-embedded.ts');
	const contents = `export const embeddedDemoFiles = ${JSON.stringify(files.map(({ path: name, text }) => ({ path: name, text })))};\n`;
	return {
		name: 'kubewire-embed-demo',
		setup(buildApi) {
			buildApi.onLoad({ filter: /demo-embedded\.ts$/ }, (args) => {
				if (path.resolve(args.path) !== target) return undefined;
				return { contents, loader: 'js', watchFiles: files.map((file) => file.full) };
			});
		},
	};
}

/** Replaces two packages the bundle must not load; see the comments in scripts/shims/. */
function shimPlugin() {
	const replacements = {
		'react-devtools-core': path.join(shims, 'react-devtools-core.mjs'),
		punycode: path.join(shims, 'punycode.cjs'),
	};
	return {
		name: 'kubewire-shims',
		setup(buildApi) {
			buildApi.onResolve({ filter: /^(react-devtools-core|punycode)\/?$/ }, (args) => ({
				path: replacements[args.path.replace(/\/$/, '')],
			}));
		},
	};
}

/** One comment line per bundled package, so the single file still says whose code it carries. */
function bundledPackages(metafile) {
	const seen = new Map();
	for (const input of Object.keys(metafile.inputs)) {
		const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
		if (!match) continue;
		const dir = input.slice(0, match.index + match[0].length);
		if (seen.has(dir)) continue;
		try {
			const pkg = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
			seen.set(dir, `${pkg.name}@${pkg.version} (${typeof pkg.license === 'string' ? pkg.license : 'see its package'})`);
		} catch {
			seen.set(dir, match[1]);
		}
	}
	return [...new Set(seen.values())].sort();
}

/**
 * Builds `entry` (relative to the package root) into `outfile`, executable, with a shebang.
 * Returns what a caller may want to report.
 */
export async function bundle({ entry = 'source/cli.tsx', outfile: given = path.join(root, 'dist', 'kubewire.mjs') } = {}) {
	const outfile = path.resolve(given);
	const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
	const files = demoFiles(path.join(root, 'demo-fixtures'));

	const result = await build({
		absWorkingDir: root,
		entryPoints: [entry],
		bundle: true,
		platform: 'node',
		target: 'node20.19',
		format: 'esm', // ink's reconciler and yoga use top-level await, which only ESM output allows
		minify: true,
		write: false,
		outfile,
		metafile: true,
		logLevel: 'error',
		plugins: [embedDemoPlugin(files), shimPlugin()],
		// CommonJS dependencies (node-fetch, signal-exit…) call require() on Node built-ins.
		banner: { js: 'import { createRequire as __kubewireCreateRequire } from "node:module"; const require = __kubewireCreateRequire(import.meta.url);' },
		define: {
			'process.env.NODE_ENV': '"production"',
			// meow cannot find package.json beside a lone bundle, and version.ts reads this instead.
			__KUBEWIRE_VERSION__: JSON.stringify(pkg.version),
		},
	});

	const code = result.outputFiles.find((file) => file.path === outfile);
	if (!code) throw new Error(`esbuild wrote no ${outfile}`);
	let text = code.text;
	if (!text.startsWith('#!')) text = `#!/usr/bin/env node\n${text}`;
	const notice = bundledPackages(result.metafile).map((line) => `// ${line}`);
	text += `// kubewire ${pkg.version} (${pkg.license}). Bundled packages, name@version (license):\n${notice.join('\n')}\n`;

	// Written beside the target and renamed into place, so nobody ever runs a half-written file.
	mkdirSync(path.dirname(outfile), { recursive: true });
	const partial = `${outfile}.${process.pid}.partial`;
	try {
		writeFileSync(partial, text, { mode: 0o755 });
		chmodSync(partial, 0o755);
		renameSync(partial, outfile);
	} finally {
		rmSync(partial, { force: true });
	}
	return { outfile, bytes: Buffer.byteLength(text), version: pkg.version, demoFiles: files.length };
}

async function main() {
	const argv = process.argv.slice(2);
	const unknown = argv.filter((arg, i) => arg.startsWith('--') && arg !== '--outfile' && arg !== '--entry' && !['--outfile', '--entry'].includes(argv[i - 1] ?? ''));
	if (unknown.length > 0) throw new Error(`unknown option ${unknown[0]} (options: --outfile PATH, --entry FILE)`);
	const built = await bundle({
		entry: path.resolve(option(argv, '--entry', path.join(root, 'source', 'cli.tsx'))),
		outfile: path.resolve(option(argv, '--outfile', path.join(root, 'dist', 'kubewire.mjs'))),
	});
	if (built.demoFiles === 0 && !argv.includes('--entry')) console.warn('bundle: warning: demo-fixtures/ holds no fixture files; --demo will show an empty cluster');
	const size = (built.bytes / 1024 / 1024).toFixed(1);
	const shown = path.relative(process.cwd(), built.outfile) || built.outfile;
	console.log(`bundle: wrote ${shown} (${size} MB, kubewire ${built.version}, ${built.demoFiles} demo files)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
	main().catch((error) => {
		// esbuild has already printed its own errors with file and line; one summary line is enough.
		const message = Array.isArray(error?.errors) ? `esbuild reported ${error.errors.length} error(s), shown above` : error instanceof Error ? error.message.split('\n')[0] : String(error);
		console.error(`bundle: ${message}`);
		process.exit(1);
	});
}
