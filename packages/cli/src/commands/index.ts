import type { Command } from 'commander';
import { registerBenchCommand } from './bench.command';
import { registerExportCommand } from './export.command';
import { registerFollowUpsCommand } from './follow-ups.command';
import { registerImportCommand } from './import.command';
import { registerModelCommand } from './model.command';
import { registerPolicyCommand } from './policy.command';
import { registerServeCommand } from './serve.command';
import { registerSignalsCommand } from './signals.command';
import { registerTenantCommand } from './tenant.command';

/** Each command lives in its own file and registers itself here; keep one line per command group. */
export function registerCommands(program: Command): void {
  registerServeCommand(program);
  registerModelCommand(program);
  registerBenchCommand(program);
  registerSignalsCommand(program);
  registerTenantCommand(program);
  registerImportCommand(program);
  registerExportCommand(program);
  registerPolicyCommand(program);
  registerFollowUpsCommand(program);
}
