import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { applyFixes, FileViews, FixError, generateFix, type GeneratedFix } from '../../src/fix/generate.js';
import { parseConfig } from '../../src/ast/parse.js';
import { splitLines } from '../../src/text/lines.js';
import { applyFix, findingKey, newErrors } from '../helpers/apply-fix.js';
import { lintInputs, readConfigDir } from '../helpers/rule-harness.js';
import { paths, readTree, runCommands } from '../helpers/vrp-interpreter.js';

const ALL = rules.map((r) => r.meta.id);

/** Rules whose meta says their findings carry a fix or suggestions (checked against the flagged example below). */
const FIXED_RULES = rules.filter((r) => r.meta.fixable || r.meta.hasSuggestions).map((r) => r.meta.id);

/**
 * Errors a fix is expected to surface, and why. sub-address-without-tunnel-local: the flagged
 * example's security policy permits IKE only from the primary address, so once IKE is sourced from
 * the sub address security-policy-blocks-ike reports that (the fixed example changes both).
 */
const FOLLOW_UPS: Record<string, readonly string[]> = {
  // Unsafe, one end at a time: until the other end's proposal changes too, the transforms differ.
  'ah-with-nat-traversal': ['ipsec-proposal-mismatch'],
  'sub-address-without-tunnel-local': ['security-policy-blocks-ike'],
  // One end's SM line replaced: the two proposals differ until the other end's is replaced too (the suggestion says so).
  'sm-algorithm-with-ikev2': ['ipsec-proposal-mismatch'],
  // Unsafe, one end at a time: the other end keeps the weak value until its own fix is applied (tested together below).
  'weak-crypto-algorithm': ['ike-proposal-mismatch', 'ipsec-proposal-mismatch', 'pfs-mismatch'],
  // Likewise: ESP authentication on one end only is a proposal mismatch until the other end's fix is applied.
  'esp-without-authentication': ['ipsec-proposal-mismatch'],
};

const key = findingKey;
const applyTo = applyFix;

/** The device commands, run by the view interpreter on the flagged file, give the text-edited file. */
function expectCommandsAgree(before: string, fix: GeneratedFix): void {
  const byText = readTree(applyFixes(before, [fix]).text);
  const byCommands = readTree(before);
  runCommands(byCommands, fix.commands);
  expect(paths(byCommands).sort()).toEqual(paths(byText).sort());
  // Rule lists (nat-policy, security-policy) are matched top down: their order must agree too.
  const ruleOrder = (tree: ReturnType<typeof readTree>): string[] => paths(tree).filter((p) => /(^| > )rule name \S+$/.test(p));
  expect(ruleOrder(byCommands)).toEqual(ruleOrder(byText));
}

describe.each(rules.map((r) => [r.meta.id, r.meta] as const))('%s: meta.fixable / hasSuggestions / noFix agree with its flagged example', (ruleId, meta) => {
  const findings = lintInputs(readConfigDir(`configs-examples/${ruleId}/flagged`), ALL).findings.filter((f) => f.ruleId === ruleId);
  it('declares what it offers only once, and a reason when it offers nothing', () => {
    if (meta.noFix !== undefined) {
      expect(meta.fixable || meta.hasSuggestions, 'noFix with fixable or hasSuggestions').toBeFalsy();
      expect(meta.noFix.length).toBeGreaterThan(20);
    }
  });
  it('fixable ⇔ some finding on the flagged example has a fix; hasSuggestions ⇔ some has suggestions', () => {
    if (meta.fixable !== undefined || meta.hasSuggestions !== undefined || meta.noFix !== undefined) {
      expect(findings.some((f) => f.fix !== undefined)).toBe(meta.fixable === true);
      expect(findings.some((f) => (f.suggestions?.length ?? 0) > 0)).toBe(meta.hasSuggestions === true);
    }
  });
});

describe.each(FIXED_RULES)('fixes of %s on its flagged example', (ruleId) => {
  const inputs = readConfigDir(`configs-examples/${ruleId}/flagged`);
  const before = lintInputs(inputs, ALL).findings;
  const flagged = before.filter((f) => f.ruleId === ruleId && (f.fix || f.suggestions));

  it('has a fix or suggestions', () => {
    expect(flagged.length).toBeGreaterThan(0);
  });

  const all = flagged.flatMap((f) => [...(f.fix ? [{ finding: f, fix: f.fix }] : []), ...(f.suggestions ?? []).map((s) => ({ finding: f, fix: s.fix }))]);
  // Commands-only suggestions (a key, which fwlint never writes) leave the file as it is: they cannot
  // remove the finding nor be compared with a text edit, so they are checked on their own below.
  const changes = all.filter((c) => !c.fix.commandsOnly);
  const commandsOnly = all.filter((c) => c.fix.commandsOnly);

  it('a commands-only change is only ever a suggestion: it leaves the file unchanged and holds no secret of any file', () => {
    expect(flagged.filter((f) => f.fix?.commandsOnly)).toEqual([]);
    const secrets = inputs.flatMap((input) => splitLines(input.text).flatMap((l) => (l.secret ? [input.text.slice(l.secret.start, l.secret.end)] : [])));
    for (const { finding, fix } of commandsOnly) {
      const text = inputs.find((i) => i.file === fix.file)?.text ?? '';
      expect(fix.text).toBe('');
      expect(fix.range[0]).toBe(fix.range[1]);
      expect(applyFixes(text, [fix]).text).toBe(text);
      expect(fix.commands[0]).toBe('system-view');
      expect(fix.commands.at(-1)).toBe('return');
      expect(fix.commands.length).toBeGreaterThan(2);
      const shown = JSON.stringify(finding);
      for (const secret of secrets) expect(shown).not.toContain(secret);
    }
  });

  it.each(changes.map((c, i) => [i, c] as const))('change %i removes the finding and adds no error', (_i, { finding, fix }) => {
    const after = lintInputs(applyTo(inputs, fix), ALL).findings;
    expect(after.map(key)).not.toContain(key(finding));
    expect(newErrors(before, after, FOLLOW_UPS[ruleId] ?? [])).toEqual([]);
  });

  it.each(changes.map((c, i) => [i, c] as const))('change %i: the device commands make the same change as the text edit', (_i, { fix }) => {
    const text = inputs.find((i) => i.file === fix.file)?.text ?? '';
    expectCommandsAgree(text, fix);
    expect(fix.commands[0]).toBe('system-view');
    expect(fix.commands.at(-1)).toBe('return');
  });
});

const CONFIG = [
  '#',
  ' sysname FW1',
  '#',
  'ike peer b',
  ' pre-shared-key simple Secret123',
  ' ike-proposal 1',
  ' remote-address 203.0.113.9',
  '#',
  'ipsec policy map1 10 isakmp',
  ' security acl 3000',
  ' ike-peer b',
  ' proposal p1',
  '#',
  'nat-policy',
  ' rule name snat',
  '  source-zone trust',
  '  action source-nat easy-ip',
  '#',
  'return',
].join('\r\n');

function fixOf(text: string, edits: Parameters<typeof generateFix>[2]['edits']): GeneratedFix {
  const normalized = parseConfig(text, 'fw1.cfg').text;
  return generateFix(new FileViews(normalized), 'fw1.cfg', { edits });
}

describe('ah-with-nat-traversal: the fixes of both ends applied together', () => {
  it('leave no finding of the rule and no new error (ESP with the same algorithms on both ends)', () => {
    const inputs = readConfigDir('configs-examples/ah-with-nat-traversal/flagged');
    const before = lintInputs(inputs, ALL).findings;
    const fixes = before.filter((f) => f.ruleId === 'ah-with-nat-traversal' && f.fix).map((f) => f.fix as GeneratedFix);
    expect(new Set(fixes.map((f) => f.file)).size).toBe(2);
    expect(fixes.every((f) => f.applicability === 'unsafe')).toBe(true);
    const fixed = inputs.map((input) => ({ ...input, text: applyFixes(input.text, fixes.filter((f) => f.file === input.file)).text }));
    expect(fixed[0].text).toContain('ipsec proposal p10\n transform esp\n esp authentication-algorithm sha2-256\n esp encryption-algorithm aes-256\n encapsulation-mode tunnel\n#');
    const after = lintInputs(fixed, ALL).findings;
    expect(after.filter((f) => f.ruleId === 'ah-with-nat-traversal')).toEqual([]);
    expect(newErrors(before, after)).toEqual([]);
  });
});

describe.each(['weak-crypto-algorithm', 'esp-without-authentication'])('%s: the fixes of both ends applied together', (ruleId) => {
  it('leave no finding of the rule and no new error (the same value on both ends)', () => {
    const inputs = readConfigDir(`configs-examples/${ruleId}/flagged`);
    const before = lintInputs(inputs, ALL).findings;
    const fixes = before.filter((f) => f.ruleId === ruleId && f.fix).map((f) => f.fix as GeneratedFix);
    expect(new Set(fixes.map((f) => f.file)).size).toBe(2);
    expect(fixes.every((f) => f.applicability === 'unsafe')).toBe(true);
    const fixed = inputs.map((input) => ({ ...input, text: applyFixes(input.text, fixes.filter((f) => f.file === input.file)).text }));
    const after = lintInputs(fixed, ALL).findings;
    expect(after.filter((f) => f.ruleId === ruleId)).toEqual([]);
    expect(newErrors(before, after)).toEqual([]);
  });
});

describe('generateFix', () => {
  const text = parseConfig(CONFIG, 'fw1.cfg').text;
  const lineOf = (body: string): number => text.split('\n').findIndex((l) => l.trim() === body) + 1;

  it('replaces a value: the edited line typed in its view', () => {
    const line = lineOf('remote-address 203.0.113.9');
    const start = text.indexOf('203.0.113.9');
    const views = new FileViews(text);
    const node = views.node(line);
    const range = { line, column: start - node.line.start + 1, offset: start, endLine: line, endColumn: start - node.line.start + 12, endOffset: start + 11 };
    const fix = generateFix(views, 'fw1.cfg', { edits: [{ kind: 'replace', range, text: '198.51.100.7' }] });
    expect(fix.commands).toEqual(['system-view', 'ike peer b', 'remote-address 198.51.100.7', 'return']);
    expect(applyFixes(text, [fix]).text).toContain(' remote-address 198.51.100.7\n');
    expectCommandsAgree(text, fix);
  });

  it('inserts a no-nat rule before the translating rule and moves it there on the device', () => {
    const fix = fixOf(CONFIG, [{ kind: 'insert', line: lineOf('nat-policy'), into: true, lines: ['rule name no-nat-ipsec', ' source-zone trust', ' action no-nat'], commands: ['rule move no-nat-ipsec before snat'] }]);
    expect(fix.commands).toEqual(['system-view', 'nat-policy', 'rule name no-nat-ipsec', 'source-zone trust', 'action no-nat', 'quit', 'rule move no-nat-ipsec before snat', 'return']);
    const edited = applyFixes(text, [fix]).text;
    expect(edited).toContain('nat-policy\n rule name no-nat-ipsec\n  source-zone trust\n  action no-nat\n rule name snat\n');
    const tree = readTree(text);
    runCommands(tree, fix.commands);
    expect(paths(tree)).toEqual(paths(readTree(edited)));
  });

  it('merges several edits into one range and orders additions before deletions', () => {
    const fix = fixOf(CONFIG, [
      { kind: 'delete', line: lineOf('remote-address 203.0.113.9'), undo: 'undo remote-address' },
      { kind: 'insert', line: lineOf('proposal p1'), lines: ['tunnel local 192.0.2.1'] },
    ]);
    expect(fix.commands).toEqual(['system-view', 'ipsec policy map1 10 isakmp', 'tunnel local 192.0.2.1', 'quit', 'ike peer b', 'undo remote-address', 'return']);
    const edited = applyFixes(text, [fix]).text;
    expect(edited).not.toContain('remote-address');
    expect(edited).toContain(' proposal p1\n tunnel local 192.0.2.1\n#');
    expect(fix.range[0]).toBe(text.indexOf(' remote-address'));
    expectCommandsAgree(text, fix);
  });

  it('moves a rule before another: the text moves the block, the device runs rule move', () => {
    const withNoNat = CONFIG.replace(' rule name snat\r\n  source-zone trust\r\n  action source-nat easy-ip', ' rule name snat\r\n  source-zone trust\r\n  action source-nat easy-ip\r\n rule name vpn\r\n  action no-nat');
    const normalized = parseConfig(withNoNat, 'fw1.cfg').text;
    const lines = normalized.split('\n');
    const at = (body: string): number => lines.findIndex((l) => l.trim() === body) + 1;
    const fix = generateFix(new FileViews(normalized), 'fw1.cfg', { edits: [{ kind: 'move', line: at('rule name vpn'), before: at('rule name snat'), command: 'rule move vpn before snat' }] });
    expect(fix.commands).toEqual(['system-view', 'nat-policy', 'rule move vpn before snat', 'return']);
    expect(applyFixes(normalized, [fix]).text).toContain('nat-policy\n rule name vpn\n  action no-nat\n rule name snat\n  source-zone trust\n  action source-nat easy-ip\n#');
    expectCommandsAgree(normalized, fix);
  });

  it('never repeats a secret: a change inside a line with a key is refused', () => {
    const line = lineOf('pre-shared-key simple Secret123');
    expect(() => fixOf(CONFIG, [{ kind: 'insert', line, into: true, lines: ['x'] }])).toThrow(FixError);
  });

  it('a device-only edit: the commands typed in the view of the line, an empty text edit, the file unchanged', () => {
    const line = lineOf('pre-shared-key simple Secret123');
    const fix = fixOf(CONFIG, [{ kind: 'device-only', line, commands: ['pre-shared-key cipher <the key of the other end>'] }]);
    expect(fix.commands).toEqual(['system-view', 'ike peer b', 'pre-shared-key cipher <the key of the other end>', 'return']);
    expect(fix.commandsOnly).toBe(true);
    expect(fix.text).toBe('');
    expect(fix.range).toEqual([text.indexOf(' pre-shared-key'), text.indexOf(' pre-shared-key')]);
    expect(applyFixes(text, [fix]).text).toBe(text);
    expect(JSON.stringify(fix)).not.toContain('Secret123');
  });

  it('a device-only edit never carries a secret: not the file\'s key, not any key but a placeholder; it is its change\'s only edit', () => {
    const line = lineOf('pre-shared-key simple Secret123');
    const cipher = CONFIG.replace('pre-shared-key simple Secret123', 'pre-shared-key %^%#Zq7v1bx8c;a9~FPN~n%^%#');
    const device = (commands: string[]): { kind: 'device-only'; line: number; commands: string[] } => ({ kind: 'device-only', line, commands });
    expect(() => fixOf(CONFIG, [device(['pre-shared-key simple Secret123'])])).toThrow(FixError);
    expect(() => fixOf(CONFIG, [device(['description Secret123'])])).toThrow(FixError);
    expect(() => fixOf(cipher, [device(['pre-shared-key %^%#Zq7v1bx8c;a9~FPN~n%^%#'])])).toThrow(FixError);
    expect(() => fixOf(cipher, [device(['pre-shared-key cipher %^%#Zq7v1bx8c;a9~FPN~n%^%#'])])).toThrow(FixError);
    expect(() => fixOf(CONFIG, [device(['pre-shared-key cipher Other-Key-9'])])).toThrow(FixError);
    expect(() => fixOf(CONFIG, [device(['pre-shared-key %^%#Other%^%#'])])).toThrow(FixError);
    expect(() => fixOf(CONFIG, [device([])])).toThrow(FixError);
    expect(() => fixOf(CONFIG, [device(['a\nb'])])).toThrow(FixError);
    expect(() => fixOf(CONFIG, [device(['pre-shared-key <the key of the other end>']), { kind: 'delete', line: lineOf('remote-address 203.0.113.9'), undo: 'undo remote-address' }])).toThrow(FixError);
  });

  it('refuses a line that is not configuration', () => {
    expect(() => fixOf(CONFIG, [{ kind: 'delete', line: 1, undo: 'undo x' }])).toThrow(FixError);
  });
});
