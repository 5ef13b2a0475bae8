import { describe, expect, it } from 'vitest';
import { expectSilentOnFixedAndDocs, lineOf, lint, lintDir, lintInputs, readConfigDir, type Input } from '../helpers/rule-harness.js';
import { applyFixes } from '../../src/fix/generate.js';
import { patchedPair } from '../helpers/tunnel-pair.js';

const ID = 'ike-peer-mismatch';
const dir = `configs-examples/${ID}`;
const fixed = `${dir}/fixed`;

describe(ID, () => {
  it('flags IKE versions with nothing in common at both ends', () => {
    const [a, b] = readConfigDir(`${dir}/flagged`);
    const findings = lintDir(`${dir}/flagged`, [ID]);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ ruleId: ID, file: a.file, line: lineOf(a.text, 'undo version 2'), column: 15, objectPath: 'ike-peer:branch' });
    expect(findings[0].related).toEqual([expect.objectContaining({ file: b.file, line: lineOf(b.text, 'undo version 1'), column: 15 })]);
    expect(findings[0].message).toContain('"1"');
    expect(findings[1]).toMatchObject({ file: b.file, line: lineOf(b.text, 'undo version 1') });
  });

  it('is quiet on the fixed pair and the documentation pairs', () => {
    expectSilentOnFixedAndDocs(ID);
  });

  it('flags main against aggressive for IKEv1, accepts auto, ignores the mode for IKEv2', () => {
    const v1 = patchedPair(fixed, { b: [[' exchange-mode main', ' exchange-mode aggressive']] });
    expect(lint(v1, [ID]).map((f) => [f.file, f.line, f.column])).toEqual([
      [v1[0].file, lineOf(v1[0].text, 'exchange-mode main'), 16],
      [v1[1].file, lineOf(v1[1].text, 'exchange-mode aggressive'), 16],
    ]);
    expect(lint(patchedPair(fixed, { a: [[' exchange-mode main', ' exchange-mode auto']], b: [[' exchange-mode main', ' exchange-mode aggressive']] }), [ID])).toEqual([]);
    const v2 = patchedPair(fixed, { a: [[' undo version 2\n', '']], b: [[' undo version 2\n', ''], [' exchange-mode main', ' exchange-mode aggressive']] });
    expect(lint(v2, [ID])).toEqual([]);
  });

  it('flags a remote-id that does not match the other end\'s FQDN (local-id or ike local-name)', () => {
    const wrong = patchedPair(fixed, {
      a: [[' exchange-mode main', ' exchange-mode main\n local-id-type fqdn\n local-id site-a']],
      b: [[' exchange-mode main', ' exchange-mode main\n remote-id site-x']],
    });
    const findings = lint(wrong, [ID]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: wrong[1].file, line: lineOf(wrong[1].text, 'remote-id site-x'), column: 12 });
    expect(findings[0].related[0]).toMatchObject({ file: wrong[0].file, line: lineOf(wrong[0].text, 'local-id site-a') });
    expect(findings[0].message).toContain('"site-a"');
    const right = patchedPair(fixed, {
      a: [[' sysname ikepeer-A-fixed', ' sysname ikepeer-A-fixed\n#\nike local-name site-a'], [' exchange-mode main', ' exchange-mode main\n local-id-type fqdn']],
      b: [[' exchange-mode main', ' exchange-mode main\n remote-id site-a']],
    });
    expect(lint(right, [ID])).toEqual([]);
  });

  it('compares a remote-id with the sysname of an FQDN end that sets neither local-id nor ike local-name', () => {
    const bySysname = patchedPair(fixed, {
      a: [[' exchange-mode main', ' exchange-mode main\n local-id-type fqdn']],
      b: [[' exchange-mode main', ' exchange-mode main\n remote-id site-a']],
    });
    const findings = lint(bySysname, [ID]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: bySysname[1].file, line: lineOf(bySysname[1].text, 'remote-id site-a') });
    expect(findings[0].related[0]).toMatchObject({ file: bySysname[0].file, line: lineOf(bySysname[0].text, ' sysname ikepeer-A-fixed') });
    expect(findings[0].message).toContain('"ikepeer-A-fixed"');
    const matching = patchedPair(fixed, {
      a: [[' exchange-mode main', ' exchange-mode main\n local-id-type fqdn']],
      b: [[' exchange-mode main', ' exchange-mode main\n remote-id ikepeer-A-fixed']],
    });
    expect(lint(matching, [ID])).toEqual([]);
  });

  it('checks an IP remote-id and remote-id-type against the identity the other end sends', () => {
    const ip = patchedPair(fixed, { b: [[' exchange-mode main', ' exchange-mode main\n remote-id-type ip 203.0.12.34']] });
    const findings = lint(ip, [ID]);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('"203.0.12.33"');
    expect(lint(patchedPair(fixed, { b: [[' exchange-mode main', ' exchange-mode main\n remote-id-type ip 203.0.12.33']] }), [ID])).toEqual([]);
    const type = patchedPair(fixed, { b: [[' exchange-mode main', ' exchange-mode main\n remote-id-type fqdn']] });
    expect(lint(type, [ID]).map((f) => [f.file, f.line])).toEqual([[type[1].file, lineOf(type[1].text, 'remote-id-type fqdn')]]);
  });

  it('flags RSA padding only when both ends set it differently', () => {
    const rsa = patchedPair(fixed, {
      a: [[' exchange-mode main', ' exchange-mode main\n rsa signature-padding pss']],
      b: [[' exchange-mode main', ' exchange-mode main\n rsa signature-padding pkcs1']],
    });
    expect(lint(rsa, [ID]).map((f) => f.line)).toEqual([lineOf(rsa[0].text, 'signature-padding'), lineOf(rsa[1].text, 'signature-padding')]);
    expect(lint(patchedPair(fixed, { a: [[' exchange-mode main', ' exchange-mode main\n rsa signature-padding pss']] }), [ID])).toEqual([]);
  });

  it('flags SM4 versions set differently on the two ends, compared without case', () => {
    const sm4 = (a: string, b: string) =>
      patchedPair(fixed, {
        a: [[' exchange-mode main', ` exchange-mode main\n sm4 version ${a}`]],
        b: [[' exchange-mode main', ` exchange-mode main\n sm4 version ${b}`]],
      });
    const differ = sm4('draft-standard', 'standard');
    const findings = lint(differ, [ID]);
    expect(findings.map((f) => f.line)).toEqual([lineOf(differ[0].text, 'sm4 version'), lineOf(differ[1].text, 'sm4 version')]);
    expect(findings[0].message).toMatch(/^sm4 version "draft-standard" differs from "standard" on /);
    expect(lint(sm4('standard', 'STANDARD'), [ID])).toEqual([]);
    expect(lint(patchedPair(fixed, { a: [[' exchange-mode main', ' exchange-mode main\n sm4 version standard']] }), [ID])).toEqual([]);
  });

  /** Each finding's suggestions: device commands, and whether applying each leaves no finding of the rule. */
  const suggested = (inputs: readonly Input[]) =>
    lintInputs(inputs, [ID]).findings.map((f) => {
      expect(f.fix).toBeUndefined();
      return (f.suggestions ?? []).map((s) => {
        const edited = inputs.map((i) => (i.file === s.fix.file ? { ...i, text: applyFixes(i.text, [s.fix]).text } : i));
        return { file: f.file, commands: s.fix.commands, clean: lint(edited, [ID]).length === 0 };
      });
    });

  it('suggests on each end enabling the version the other end allows (USG: "version 2" removes "undo version 2")', () => {
    const inputs = readConfigDir(`${dir}/flagged`);
    expect(suggested(inputs)).toEqual([
      [{ file: inputs[0].file, commands: ['system-view', 'ike peer branch', 'version 2', 'return'], clean: true }],
      [{ file: inputs[1].file, commands: ['system-view', 'ike peer hq', 'version 1', 'return'], clean: true }],
    ]);
  });

  it('suggests matching exchange modes, RSA padding and SM4 versions on each end', () => {
    const mode = patchedPair(fixed, { b: [[' exchange-mode main', ' exchange-mode aggressive']] });
    expect(suggested(mode).map((s) => s.map((x) => [x.commands.slice(1, -1), x.clean]))).toEqual([
      [[['ike peer branch', 'exchange-mode aggressive'], true]],
      [[['ike peer hq', 'exchange-mode main'], true]],
    ]);
    const rsa = patchedPair(fixed, {
      a: [[' exchange-mode main', ' exchange-mode main\n rsa signature-padding pss']],
      b: [[' exchange-mode main', ' exchange-mode main\n rsa signature-padding pkcs1']],
    });
    expect(suggested(rsa).map((s) => s.map((x) => [x.commands.slice(1, -1), x.clean]))).toEqual([
      [[['ike peer branch', 'rsa signature-padding pkcs1'], true]],
      [[['ike peer hq', 'rsa signature-padding pss'], true]],
    ]);
  });

  it('suggests accepting the identity the other end sends (remote-id, remote-id-type, the inline IP form)', () => {
    const fqdn = patchedPair(fixed, {
      a: [[' exchange-mode main', ' exchange-mode main\n local-id-type fqdn\n local-id site-a']],
      b: [[' exchange-mode main', ' exchange-mode main\n remote-id site-x']],
    });
    expect(suggested(fqdn)).toEqual([[{ file: fqdn[1].file, commands: ['system-view', 'ike peer hq', 'remote-id site-a', 'return'], clean: true }]]);
    const ip = patchedPair(fixed, { b: [[' exchange-mode main', ' exchange-mode main\n remote-id-type ip 203.0.12.34']] });
    expect(suggested(ip)).toEqual([[{ file: ip[1].file, commands: ['system-view', 'ike peer hq', 'remote-id-type ip 203.0.12.33', 'return'], clean: true }]]);
    const type = patchedPair(fixed, { b: [[' exchange-mode main', ' exchange-mode main\n remote-id-type fqdn']] });
    expect(suggested(type)).toEqual([[{ file: type[1].file, commands: ['system-view', 'ike peer hq', 'remote-id-type ip', 'return'], clean: true }]]);
  });
});
