import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FOREIGN_INPUTS } from '../helpers/foreign-inputs.js';
import { fwlint, parseJson, tempDir, write } from './run-cli.js';

describe('issue #20: other vendors, YAML and prose are findings', () => {
  it('each sample gets one parse-error naming what it is, through the CLI (exit 1)', () => {
    const dir = tempDir('fwlint-foreign-');
    const extensions = ['.cfg', '.conf', '.txt'];
    const names = FOREIGN_INPUTS.map((input, i) => `sample-${String(i).padStart(2, '0')}${extensions[i % extensions.length]}`);
    FOREIGN_INPUTS.forEach((input, i) => write(dir, names[i], input.text));
    const result = fwlint(['--no-config', '-f', 'json', '.'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const byFile = new Map(parseJson(result.stdout).map((r) => [path.basename(r.filePath), r.messages.map((m) => `${m.ruleId}: ${m.message}`)]));
    FOREIGN_INPUTS.forEach((input, i) => expect(byFile.get(names[i]), input.name).toEqual([`fwlint/parse-error: ${input.message}`]));
  });
});
