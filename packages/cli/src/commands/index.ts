import type { Command } from 'commander';
import { registerBenchCommand } from './bench.command';
import { registerModelCommand } from './model.command';
import { registerServeCommand } from './serve.command';
import { registerSignalsCommand } from './signals.command';

/** Each command lives in its own file and registers itself here; keep one line per command group. */
export function registerCommands(program: Command): void {
  registerServeCommand(program);
  registerModelCommand(program);
  registerBenchCommand(program);
  registerSignalsCommand(program);
}
