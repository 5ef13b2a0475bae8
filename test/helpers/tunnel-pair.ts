import { readConfigDir, type Input } from './rule-harness.js';

/** The fixed pair of an example directory with text replacements applied per side (`a` = site-a, `b` = site-b). */
export function patchedPair(
  dir: string,
  patches: { a?: [string, string][]; b?: [string, string][] } = {},
): Input[] {
  const inputs = readConfigDir(dir);
  return inputs.map((input) => {
    const side = input.file.endsWith('site-a.cfg') ? 'a' : 'b';
    let text = input.text;
    for (const [from, to] of patches[side] ?? []) {
      if (!text.includes(from)) throw new Error(`"${from}" not in ${input.file}`);
      text = text.replace(from, to);
    }
    return { file: input.file, text };
  });
}
