/**
 * Scratch directories for tests, removed when the test file is done. Tests made folders with
 * mkdtempSync under the OS temp dir and left them there, so every run of the suite added a few
 * dozen kubewire-* folders to /tmp; this is the one place that makes them and takes them away.
 *
 * The afterAll below is registered when this module is evaluated, and vitest evaluates it while
 * collecting each test file that imports it (every file has its own module graph: isolate is on
 * by default), so the hook belongs to that file's root suite. It runs after every describe of the
 * file, and after the file's own top-level afterAll hooks too, since those are registered later
 * and vitest runs after-hooks in reverse order. scratchDir() may therefore be called anywhere: at
 * module level, in a describe, in a hook or in a test body, and a folder handed to a spawned
 * process is still there until the tests and their own clean-up (killing that process) are over.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

afterAll(() => {
	for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder named kubewire-<label>-XXXXXX in the OS temp dir, removed after the test file. */
export function scratchDir(label: string): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), `kubewire-${label}-`));
	made.push(dir);
	return dir;
}
