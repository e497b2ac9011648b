/**
 * Prints the accuracy of the conversation analyzer on the labelled corpus, as markdown for the README.
 * Run: npx tsx packages/core/test/signals-accuracy.ts [--dev-only] [--errors] [--held-out-errors]
 */
import { DEV_FIXTURES, HELD_OUT_FIXTURES } from './fixtures/conversations';
import { markdownTable, scoreFixtures } from './signals-scoring';

const dev = scoreFixtures(DEV_FIXTURES);
const heldOut = scoreFixtures(HELD_OUT_FIXTURES);
const showHeldOut = !process.argv.includes('--dev-only');
process.stdout.write(`${markdownTable(dev, 'Development set')}\n`);
if (showHeldOut) process.stdout.write(`\n${markdownTable(heldOut, 'Held-out set')}\n`);
if (process.argv.includes('--errors')) {
  process.stdout.write(
    `\nDevelopment errors:\n${[...dev.errors, ...dev.dateRanges.misses, ...dev.questions.misses].join('\n')}\n`,
  );
}
if (process.argv.includes('--held-out-errors')) {
  process.stdout.write(
    `\nHeld-out errors:\n${[...heldOut.errors, ...heldOut.dateRanges.misses, ...heldOut.questions.misses].join('\n')}\n`,
  );
}
