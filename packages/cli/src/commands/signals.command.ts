import { readFileSync } from 'node:fs';
import { analyzeConversation, FRAMEWORK_KEYS, getBuiltInFramework, type SpeakerSide } from '@triage/core';
import type { Command } from 'commander';
import { formatAnalysis } from '../signals/signals-format';

type AnalyzeFlags = {
  file?: string;
  text?: string;
  referenceDate?: string;
  framework?: string;
  speaker: string[];
  json?: boolean;
};

/** Today in the machine's time zone, as the call date when none is given. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function speakerMap(pairs: string[]): Record<string, SpeakerSide> {
  const map: Record<string, SpeakerSide> = {};
  for (const pair of pairs) {
    const match = /^(.+)=(rep|prospect)$/i.exec(pair.trim());
    if (!match?.[1] || !match[2])
      throw new Error(`--speaker must look like "Name=rep" or "Name=prospect" (got "${pair}")`);
    map[match[1].trim()] = match[2].toLowerCase() as SpeakerSide;
  }
  return map;
}

export function registerSignalsCommand(program: Command): void {
  const signals = program
    .command('signals')
    .description('Conversation intelligence: read call notes and transcripts');
  signals
    .command('analyze')
    .description(
      'Extract qualification evidence, red flags, good signs and question coaching from call notes or a transcript',
    )
    .option('--file <path>', 'a text file with the notes or the transcript')
    .option('--text <text>', 'the notes or the transcript itself')
    .option('--reference-date <YYYY-MM-DD>', 'the call date, for relative dates (default: today)')
    .option('--framework <key>', `map the evidence onto a framework: ${FRAMEWORK_KEYS.join(', ')}`)
    .option(
      '--speaker <label=side>',
      'say which transcript speaker is which side, e.g. --speaker "Priya=rep" (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--json', 'print the analysis as one JSON object')
    .action((flags: AnalyzeFlags) => {
      if ((flags.file === undefined) === (flags.text === undefined)) {
        throw new Error('give exactly one of --file or --text');
      }
      const text = flags.file !== undefined ? readFileSync(flags.file, 'utf8') : (flags.text ?? '');
      const referenceDate = flags.referenceDate ?? today();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(referenceDate)) {
        throw new Error(`--reference-date must be YYYY-MM-DD (got "${referenceDate}")`);
      }
      const framework = flags.framework === undefined ? undefined : getBuiltInFramework(flags.framework);
      if (flags.framework !== undefined && !framework) {
        throw new Error(`--framework must be one of ${FRAMEWORK_KEYS.join(', ')} (got "${flags.framework}")`);
      }
      const speakers = speakerMap(flags.speaker);
      const analysis = analyzeConversation({
        text,
        referenceDate,
        ...(Object.keys(speakers).length > 0 ? { speakerMap: speakers } : {}),
        ...(framework ? { framework } : {}),
      });
      process.stdout.write(
        flags.json
          ? `${JSON.stringify(analysis, null, 2)}\n`
          : `${formatAnalysis(text, analysis, framework)}\n`,
      );
    });
}
