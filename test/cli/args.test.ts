import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/io.js';

describe('parseCliArgs', () => {
  it('reads every option', () => {
    const options = parseCliArgs([
      '-f', 'sarif', '-o', 'out.sarif', '--quiet', '--max-warnings', '3', '-c', 'x.json', '--rule', 'a:off', '--rule', 'b:warn',
      '--baseline', 'b.json', '--cache', '--cache-location', 'c/', '--verbose', '--concurrency', '2', '--no-color',
      '--ext', 'cfg,.txt', '--ext', 'log', '--stdin-filename', 'fw.cfg', 'configs', '-',
    ]);
    expect(options).toMatchObject({
      targets: ['configs', '-'],
      format: 'sarif',
      outputFile: 'out.sarif',
      quiet: true,
      maxWarnings: 3,
      config: 'x.json',
      rules: ['a:off', 'b:warn'],
      baseline: 'b.json',
      cache: true,
      cacheLocation: 'c/',
      verbose: true,
      concurrency: 2,
      color: false,
      extensions: ['.cfg', '.txt', '.log'],
      stdinFilename: 'fw.cfg',
    });
  });

  it('has defaults', () => {
    expect(parseCliArgs(['.'])).toMatchObject({ maxWarnings: -1, concurrency: 'auto', quiet: false, cache: false, noConfig: false, color: undefined });
    expect(parseCliArgs(['--no-config', '.']).noConfig).toBe(true);
  });

  it('takes --write-baseline alone (default file) or with =FILE, never the next word', () => {
    expect(parseCliArgs(['--write-baseline', 'configs'])).toMatchObject({ writeBaseline: 'fwlint-baseline.json', targets: ['configs'] });
    expect(parseCliArgs(['--write-baseline=ci/base.json', 'configs']).writeBaseline).toBe('ci/base.json');
  });

  it.each([
    [['--formatt', 'json'], 'unknown option "--formatt" (did you mean "--format"?); see fwlint --help'],
    [['--max-warnings', '-1'], 'option "--max-warnings" needs a value; see fwlint --help'],
    [['--max-warnings', 'x'], '--max-warnings needs a whole number ≥ 0, got "x"'],
    [['--concurrency', '0'], '--concurrency needs a whole number ≥ 1, got "0"'],
    [['--format', 'xml'], 'unknown format "xml"; choose one of pretty, json, sarif, github, compact'],
    [['--quiet=yes'], 'option "--quiet" does not take a value; see fwlint --help'],
    [['--no-format'], 'unknown option "--no-format" (did you mean "--format"?); see fwlint --help'],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
