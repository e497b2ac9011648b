import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvRows } from '../src/model-eval/eval-dataset';
import { delimiterFlag, sniffDelimiter } from '../src/model-eval/sniff-delimiter';

const folder = mkdtempSync(join(tmpdir(), 'triage-sniff-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('guessing a CSV delimiter from its header', () => {
  it('reads semicolon, tab and pipe exports without being told', () => {
    expect(sniffDelimiter('age;job;"balance, eur";y\n30;admin;1,5;no\n')).toBe(';');
    expect(sniffDelimiter('\ufeffage\tjob\ty\r\n30\tadmin\tno\r\n')).toBe('\t');
    expect(sniffDelimiter('age|job|y')).toBe('|');
  });

  it('ignores delimiters inside quoted column names and falls back to a comma', () => {
    expect(sniffDelimiter('"Lead; source",Stage,Converted\n')).toBe(',');
    expect(sniffDelimiter('Converted\n1\n')).toBe(',');
  });

  it('reads a semicolon file into named columns when no delimiter is given', () => {
    const path = join(folder, 'bank.csv');
    writeFileSync(path, 'age;job;y\n30;admin;no\n61;retired;yes\n');
    const read = readCsvRows(path);
    expect(read.delimiter).toBe(';');
    expect(read.columns).toEqual(['age', 'job', 'y']);
    expect(read.rows[1]).toEqual({ age: '61', job: 'retired', y: 'yes' });
  });

  it('takes \\t or tab for a tab on the command line and refuses longer delimiters', () => {
    expect(delimiterFlag('\\t')).toBe('\t');
    expect(delimiterFlag('tab')).toBe('\t');
    expect(delimiterFlag(';')).toBe(';');
    expect(() => delimiterFlag(';;')).toThrow(/one character/);
  });
});
