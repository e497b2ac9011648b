import type { Command } from 'commander';

/** Each command lives in its own file and registers itself here; keep one line per command group. */
export function registerCommands(_program: Command): void {}
