import { Command } from 'commander';
import { registerCommands } from './commands/index';

const program = new Command()
  .name('triage')
  .description(
    'Triage: B2B lead qualification: fit, heat, predictive scoring, stages and discovery frameworks.',
  )
  .showHelpAfterError();

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`triage: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
