import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FOREIGN_INPUTS } from '../helpers/foreign-inputs.js';
import { fwlint, parseJson, repositoryRoot, tempDir, write, warningsOf } from './run-cli.js';

const SITE_A = readFileSync(path.join(repositoryRoot, 'configs-examples/ike-peer-mismatch/flagged/site-a.cfg'), 'utf8');

describe('issue #20: other vendors, YAML and prose are findings', () => {
  it('each sample gets one parse-error naming what it is, through the CLI (exit 1)', () => {
    const dir = tempDir('fwlint-foreign-');
    const extensions = ['.cfg', '.conf', '.txt'];
    const names = FOREIGN_INPUTS.map((input, i) => `sample-${String(i).padStart(2, '0')}${extensions[i % extensions.length]}`);
    FOREIGN_INPUTS.forEach((input, i) => write(dir, names[i], input.text));
    const result = fwlint(['--no-config', '-f', 'json', '.'], { cwd: dir });
    expect(warningsOf(result.stderr)).toBe('');
    expect(result.status).toBe(1);
    const byFile = new Map(parseJson(result.stdout).map((r) => [path.basename(r.filePath), r.messages.map((m) => `${m.ruleId}: ${m.message}`)]));
    FOREIGN_INPUTS.forEach((input, i) => expect(byFile.get(names[i]), input.name).toEqual([`fwlint/parse-error: ${input.message}`]));
  });
});

describe('issue #20: config BOM, file names that are not UTF-8, an empty path', () => {
  it('a fwlint.config.json starting with a UTF-8 byte-order mark is read', () => {
    const dir = tempDir('fwlint-bom-');
    writeFileSync(path.join(dir, 'fwlint.config.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{ "ignores": ["old/**"] }\n')]));
    write(dir, 'old/a.cfg', SITE_A);
    write(dir, 'notes.txt', 'sysname X\n');
    const result = fwlint(['-f', 'json', '.'], { cwd: dir });
    expect(warningsOf(result.stderr)).toBe('');
    expect(result.status).toBe(0);
    expect(parseJson(result.stdout).map((r) => path.relative(dir, r.filePath))).toEqual(['notes.txt']);
  });

  it('a file or directory whose name is not UTF-8 is reported as such, not as missing', (context) => {
    const dir = tempDir('fwlint-names-');
    const latin1 = Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from('.cfg')]);
    const directory = Buffer.concat([Buffer.from(`${dir}/d`), Buffer.from([0xff])]);
    try {
      writeFileSync(latin1, SITE_A);
      mkdirSync(directory);
      writeFileSync(Buffer.concat([directory, Buffer.from('/b.cfg')]), SITE_A);
    } catch {
      context.skip('this file system refuses names that are not UTF-8');
    }
    write(dir, 'ok.cfg', 'sysname OK\n');
    const result = fwlint(['--no-config', '-f', 'json', '.'], { cwd: dir });
    expect(warningsOf(result.stderr)).toBe('');
    expect(result.status).toBe(1);
    const messages = parseJson(result.stdout).map((r) => [path.relative(dir, r.filePath), r.messages.map((m) => m.message)]);
    expect(messages).toEqual([
      ['caf\ufffd.cfg', ['cannot read file (its name is not valid UTF-8; rename it)']],
      ['d\ufffd', ['cannot read directory (its name is not valid UTF-8; rename it)']],
      ['ok.cfg', []],
    ]);
  });

  it('fwlint "" is a usage error, not a run over the working directory', () => {
    const dir = tempDir('fwlint-empty-');
    write(dir, 'a.cfg', SITE_A);
    const result = fwlint(['--no-config', ''], { cwd: dir });
    expect(result).toEqual({ status: 2, stdout: '', stderr: 'fwlint: an empty path was given as a file to lint; name a file or directory ("." for the working directory)\n' });
    expect(fwlint(['--no-config', 'a.cfg', ''], { cwd: dir }).status).toBe(2);
  });
});
