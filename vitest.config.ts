import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// The CLI tests run the built binary; build it once before any test file runs.
		globalSetup: ['test/global-setup.ts'],
		testTimeout: 20_000,
		hookTimeout: 60_000,
	},
});
