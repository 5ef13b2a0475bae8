import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

/** The layering messages ESLint gives `code` as if it were the file `file` of the repository. */
async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layering lint (eslint.config.js, docs/architecture.md)', () => {
  it('refuses an import from a stage above', async () => {
    expect(await layeringErrors('src/model/zz-layering.ts', "import { lintParsedFiles } from '../engine/lint.js';\nexport const x = lintParsedFiles;\n")).toEqual([
      expect.stringContaining('model is below engine'),
    ]);
    expect(await layeringErrors('src/flow/zz-layering.ts', "import type { Device } from '../model/types.js';\nexport type X = Device;\n")).toEqual([expect.stringContaining('flow is below model')]);
    expect(await layeringErrors('src/network/zz-layering.ts', "import type { Rule } from '../../rules/types.js';\nexport type X = Rule;\n")).toEqual([expect.stringContaining('network is below rules')]);
    expect(await layeringErrors('rules/zz-layering.ts', "import { lintParsedFiles } from '../src/engine/lint.js';\nexport const x = lintParsedFiles;\n")).toEqual([expect.stringContaining('rules is below engine')]);
  });

  it('refuses a rule that parses text again', async () => {
    expect(await layeringErrors('rules/zz-layering.ts', "import { parseConfig } from '../src/ast/parse.js';\nexport const x = parseConfig;\n")).toEqual([expect.stringContaining('never re-parse')]);
    expect(await layeringErrors('rules/zz-layering.ts', "import { splitLines } from '../src/text/lines.js';\nexport const x = splitLines;\n")).toEqual([expect.stringContaining('never re-parse')]);
  });

  it('allows the stages below, and tests anything', async () => {
    expect(await layeringErrors('src/engine/zz-layering.ts', "import type { Device } from '../model/types.js';\nimport type { Rule } from '../../rules/types.js';\nexport type X = [Device, Rule];\n")).toEqual([]);
    expect(await layeringErrors('rules/zz-layering.ts', "import type { Range } from '../src/text/range.js';\nimport type { Device } from '../src/model/types.js';\nexport type X = [Range, Device];\n")).toEqual([]);
    expect(await layeringErrors('test/zz-layering.test.ts', "import { lintParsedFiles } from '../src/engine/lint.js';\nexport const x = lintParsedFiles;\n")).toEqual([]);
  });
});
