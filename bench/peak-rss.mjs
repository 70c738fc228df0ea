/**
 * Preloaded into a measured child (`node --import bench/peak-rss.mjs …`) when the machine has
 * no GNU time: writes the process's own peak resident set size, in kB as GNU time's %M does, to
 * the file named by KUBEWIRE_BENCH_RSS_FILE when the process exits.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.KUBEWIRE_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, `${process.resourceUsage().maxRSS}\n`));
