import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { parseConfig } from '../../src/ast/parse.js';
import { buildViews, type StructNode } from '../../src/text/views.js';
import { lint, readConfigDir, type FlatFinding, type Input } from '../helpers/rule-harness.js';

/**
 * Configurations pasted from a terminal session (issue #17): prompt lines, pager remnants, device
 * messages, display output. What the device executed is read; nothing else, and no configuration
 * line is dropped without saying so.
 */
const parse = (text: string) => parseConfig(text, 'fw1.cfg');
const ESC = '\x1b';
const PAGER = `  ---- More ----${ESC}[42D${' '.repeat(42)}${ESC}[42D`;

/** A how-to transcript as Huawei's configuration guides show it, with a rejected command and a save dialogue. */
const HOWTO = [
  '<FW1>system-view',
  'Enter system view, return user view with Ctrl+Z.',
  '[FW1] acl 3000',
  '[FW1-acl-adv-3000] rule permit ip source 10.1.1.0 0.0.0.255 destination 10.1.2.0 0.0.0.255',
  '[FW1-acl-adv-3000] rule permit ip source 10.1.3.0 0.0.0.255 destination 10.1.2.0 0.0.0.255',
  '[FW1-acl-adv-3000] quit',
  '[FW1] ike peer b',
  '[FW1-ike-peer-b] pre-shared-key simple Huawei@123  # the key',
  '[FW1-ike-peer-b] remote-addres 1.1.1.2',
  '                           ^',
  "Error: Unrecognized command found at '^' position.",
  '[FW1-ike-peer-b] remote-address 1.1.1.2',
  '[FW1-ike-peer-b] ipsec proposal tran1',
  '[FW1-ipsec-proposal-tran1] esp authentication-algorithm sha2-256',
  '[FW1-ipsec-proposal-tran1] quit',
  '[FW1] nat server web global 1.1.1.10 inside 10.1.1.10',
  'Warning: The NAT server will take effect on the zone-based security policy.',
  '[FW1] interface GigabitEthernet0/0/1',
  '[FW1-GigabitEthernet0/0/1] ip address 1.1.1.1 24',
  '[FW1-GigabitEthernet0/0/1] ipsec policy map1',
  '[FW1-GigabitEthernet0/0/1] return',
  '<FW1>save',
  'The current configuration will be written to the device.',
  'Are you sure to continue?[Y/N]:y',
  'Now saving the current configuration to the slot 0.',
  'Info: Save the configuration successfully.',
  '<FW1>',
].join('\n');

describe('commands typed at a prompt', () => {
  const { ast } = parse(HOWTO);

  it('are read in the view the prompt names, in the form the device stores', () => {
    expect(ast.acls.map((a) => [a.key.value, a.rules.map((r) => r.id.value)])).toEqual([['3000', [5, 10]]]);
    expect(ast.ikePeers.map((p) => p.name.value)).toEqual(['b']);
    expect(ast.ikePeers[0].remoteAddresses.map((r) => r.address?.value)).toEqual([0x01010102]);
    expect(ast.natServers).toHaveLength(1);
    expect(ast.interfaces.map((i) => [i.name.value, i.addresses[0]?.mask.value, i.ipsecPolicy?.name.value])).toEqual([
      ['GigabitEthernet0/0/1', 0xffffff00, 'map1'],
    ]);
  });

  it('a system-view command typed in another view climbs to the top (VRP does)', () => {
    expect(ast.ipsecProposals.map((p) => p.name.value)).toEqual(['tran1']);
    expect(ast.ikePeers[0].blockRange.endLine).toBe(12);
  });

  it('the command the device rejected is not applied; messages, dialogues and output are not read', () => {
    expect(ast.diagnostics).toEqual([]);
    expect(ast.generic).toEqual([]);
  });

  it('the annotation after the key is not part of it: same digest as the key alone', () => {
    const clean = parse('ike peer b\n pre-shared-key simple Huawei@123\n').ast.ikePeers[0].preSharedKey;
    expect(ast.ikePeers[0].preSharedKey?.digest).toBe(clean?.digest);
    expect(ast.ikePeers[0].preSharedKey?.range.endColumn).toBe('[FW1-ike-peer-b] pre-shared-key simple Huawei@123'.length + 1);
  });

  it('positions are those of the file: the command starts after the prompt', () => {
    const peer = ast.ikePeers[0];
    expect(peer.name.range).toMatchObject({ line: 7, column: '[FW1] ike peer '.length + 1 });
  });

  it('two-stage prompts [~FW1] and [*FW1-…] are prompts too', () => {
    const { ast: a } = parse('<FW1>system-view\n[~FW1]interface GigabitEthernet0/0/2\n[*FW1-GigabitEthernet0/0/2]ip address 10.1.1.1 30\n[*FW1-GigabitEthernet0/0/2]commit\n');
    expect(a.interfaces.map((i) => [i.name.value, i.addresses[0]?.mask.value])).toEqual([['GigabitEthernet0/0/2', 0xfffffffc]]);
    expect(a.diagnostics).toEqual([]);
  });

  it('a dialogue answered n means the command did not run', () => {
    const { ast: a } = parse('[FW1]nat server s1 global 1.1.1.10 inside 10.1.1.10\n[FW1]nat server s2 global 1.1.1.11 inside 10.1.1.11\nWarning: This operation may affect services. Continue? [Y/N]:n\n');
    expect(a.natServers.map((n) => n.name?.value)).toEqual(['s1']);
  });

  it('a command typed in a view whose header is not in the paste is reported as not read (a warning), without its key', () => {
    const text = '<FW1>system-view\n[FW1-ike-peer-b]pre-shared-key simple Secret#Key1\n[FW1-ike-peer-b]remote-address 1.1.1.2\n';
    const { ast: a } = parse(text);
    expect(a.ikePeers).toEqual([]);
    expect(a.diagnostics.map((d) => [d.severity, d.range.line, d.range.column])).toEqual([
      ['warning', 2, '[FW1-ike-peer-b]'.length + 1],
      ['warning', 3, '[FW1-ike-peer-b]'.length + 1],
    ]);
    expect(a.diagnostics[0].message).toContain('[FW1-ike-peer-b]');
    expect(a.diagnostics[0].message).toContain('not checked');
    expect(JSON.stringify(a)).not.toContain('Secret#Key1');
  });

  it('a clean configuration is not a session: lines are read as before', () => {
    const { ast: a } = parse('#\nike peer b\n pre-shared-key simple Huawei@123  # the key\n remote-address 1.1.1.2\n#\nreturn\n');
    expect(a.ikePeers[0].remoteAddresses).toHaveLength(1);
    expect(a.ikePeers[0].preSharedKey?.digest).toBe(parse('ike peer b\n pre-shared-key simple Huawei@123\n').ast.ikePeers[0].preSharedKey?.digest);
  });
});

describe('undo and step typed in a session', () => {
  // As the command references show them: `step 2` renumbers 5, 10, 15 to 2, 4, 6 (USG/AR "step":
  // "If the step value is changed, ACL rule IDs are arranged automatically"); undo deletes what it names.
  const SESSION = [
    '<FW1>system-view',
    '[FW1] acl 3000',
    '[FW1-acl-adv-3000] rule permit ip source 10.1.1.0 0.0.0.255',
    '[FW1-acl-adv-3000] rule permit ip source 10.1.2.0 0.0.0.255',
    '[FW1-acl-adv-3000] rule permit ip source 10.1.3.0 0.0.0.255',
    '[FW1-acl-adv-3000] step 2',
    '[FW1-acl-adv-3000] rule permit ip source 10.1.4.0 0.0.0.255',
    '[FW1-acl-adv-3000] undo rule 4',
    '[FW1-acl-adv-3000] quit',
    '[FW1] ike peer b',
    '[FW1-ike-peer-b] remote-address 1.1.1.2',
    '[FW1-ike-peer-b] remote-address 1.1.1.9',
    '[FW1-ike-peer-b] undo remote-address 1.1.1.9',
    '[FW1-ike-peer-b] quit',
    '[FW1] ike peer old',
    '[FW1-ike-peer-old] remote-address 1.1.1.3',
    '[FW1-ike-peer-old] quit',
    '[FW1] undo ike peer old',
    '[FW1] interface GigabitEthernet0/0/1',
    '[FW1-GigabitEthernet0/0/1] ipsec policy map1',
    '[FW1-GigabitEthernet0/0/1] undo ipsec policy',
    '[FW1-GigabitEthernet0/0/1] return',
  ].join('\n');
  const { ast } = parse(SESSION);

  it('step renumbers the rules typed so far and numbers the next ones by the new step; undo rule N deletes rule N', () => {
    expect(ast.acls.map((a) => a.rules.map((r) => [r.id.value, r.source?.form === 'wildcard' ? r.source.address : undefined]))).toEqual([
      [[2, 0x0a010100], [6, 0x0a010300], [8, 0x0a010400]],
    ]);
  });

  it('undo removes the view or line it names, and is not reported as unread', () => {
    expect(ast.ikePeers.map((p) => [p.name.value, p.remoteAddresses.map((r) => r.address?.value)])).toEqual([['b', [0x01010102]]]);
    expect(ast.interfaces[0].ipsecPolicy).toBeUndefined();
    expect(ast.unrecognised).toEqual([]);
    expect(ast.diagnostics).toEqual([]);
  });

  it('undo step restores step 5 and renumbers; in a listing step renumbers nothing', () => {
    const undone = parse(SESSION.replace('[FW1-acl-adv-3000] quit', '[FW1-acl-adv-3000] undo step\n[FW1-acl-adv-3000] quit'));
    expect(undone.ast.acls[0].rules.map((r) => r.id.value)).toEqual([5, 10, 15]);
    const listing = parse('acl number 3000\n step 2\n rule 5 permit ip source 10.1.1.0 0.0.0.255\n rule 10 permit ip source 10.1.2.0 0.0.0.255\n#\nreturn\n');
    expect(listing.ast.acls[0].rules.map((r) => r.id.value)).toEqual([5, 10]);
  });
});

describe('display output in a session', () => {
  const LISTING = [
    '<FW1>display current-configuration',
    '2026-12-03 17:42:53.120 +08:00',
    '!Software Version V500R005C10SPC300',
    '#',
    ' sysname FW1',
    '#',
    'ike peer b',
    ' pre-shared-key %^%#Jv2x8c;a9~FPN~n # $7`DEV&=G(%^%#',
    ` remote-address 1.1.1.2`,
    `${PAGER} ike-proposal 10`,
    '#',
    'return',
    '<FW1>display ike sa',
    '    Conn-ID  Peer        VPN  Flag(s)  Phase',
    '  ---------------------------------------------',
    '    7        1.1.1.2     0    RD|ST    2',
    '<FW1>system-view',
    '[FW1]ike peer c',
    '[FW1-ike-peer-c]remote-address 2.2.2.2',
    '[FW1-ike-peer-c]display this',
    '#',
    'ike peer c',
    ' remote-address 2.2.2.2',
    '#',
    'return',
    '[FW1-ike-peer-c]',
  ].join('\n');
  const { ast, text } = parse(LISTING);

  it('the listing is read, its return ends the listing, not the file; commands typed after it apply', () => {
    expect(ast.version?.value).toBe('V500R005C10SPC300');
    expect(ast.globals.sysname?.value).toBe('FW1');
    expect(ast.ikePeers.map((p) => [p.name.value, p.remoteAddresses.length])).toEqual([['b', 1], ['c', 1]]);
    expect(ast.diagnostics).toEqual([]);
    expect(ast.generic).toEqual([]);
  });

  it('a ciphertext holding " # " is whole, not cut as an annotation', () => {
    expect(ast.ikePeers[0].preSharedKey).toMatchObject({ encrypted: true });
    const r = ast.ikePeers[0].preSharedKey!.range;
    expect(text.slice(r.offset, r.endOffset)).toBe('%^%#Jv2x8c;a9~FPN~n # $7`DEV&=G(%^%#');
  });

  it('the line after a pager remnant keeps its view and its column in the file', () => {
    const proposal = ast.ikePeers[0].ikeProposals[0];
    expect(proposal.value).toBe('10');
    const lineText = LISTING.split('\n')[9];
    expect(proposal.range).toMatchObject({ line: 10, column: lineText.indexOf('10') + 1 });
  });

  it('a pager whose ESC a web page lost ([42D) is read the same way', () => {
    const lost = LISTING.replaceAll(ESC, '');
    expect(parse(lost).ast.ikePeers[0].ikeProposals.map((p) => p.value)).toEqual(['10']);
  });

  it('commands typed before the last complete listing are in it and are not read twice', () => {
    const before = '<FW1>system-view\n[FW1]ike peer b\n[FW1-ike-peer-b]remote-address 1.1.1.2\n[FW1-ike-peer-b]return\n';
    const { ast: a } = parse(before + LISTING);
    expect(a.ikePeers.map((p) => [p.name.value, p.remoteAddresses.length])).toEqual([['b', 1], ['c', 1]]);
  });

  it('a version banner with an annotation is still the version', () => {
    expect(parse('[V300R019C00SPC300]  # AR6120\n#\n sysname R\n#\nreturn\n').ast.version?.value).toBe('V300R019C00SPC300');
  });
});

describe('annotations after secrets (property)', () => {
  const keyChar = fc.constantFrom(...'abcXYZ019@#%$!&*_-+=.,;:~^'.split(''));
  const key = fc.array(keyChar, { minLength: 1, maxLength: 24 }).map((cs) => cs.join('')).filter((k) => k.replace(/#/g, '').length >= 4);
  const annotation = fc.constantFrom('  # the key', ' # set on both ends', '   #note', '\t\t# tab');

  test.prop([key, annotation], { numRuns: 200 })('a key followed by an annotation has the digest of the key alone, and never appears', (k, note) => {
    const annotated = parse(`ike peer b\n pre-shared-key simple ${k}${note}\n`).ast;
    const alone = parse(`ike peer b\n pre-shared-key simple ${k}\n`).ast;
    expect(annotated.ikePeers[0].preSharedKey?.digest).toBe(alone.ikePeers[0].preSharedKey?.digest);
    expect(JSON.stringify(annotated)).not.toContain(k);
  });

  const cipherBody = fc.array(fc.constantFrom(...'abcXYZ019@#%$!&*_-+=.,;:~^ '.split('')), { minLength: 8, maxLength: 40 }).map((cs) => cs.join('').trim()).filter((b) => b.length >= 4 && !b.includes('%^%#'));

  test.prop([cipherBody, fc.option(annotation)], { numRuns: 200 })('a ciphertext is whole up to its closing marker, # and blanks inside included', (body, note) => {
    const cipher = `%^%#${body}%^%#`;
    const { ast, text } = parse(`ike peer b\n pre-shared-key cipher ${cipher}${note ?? ''}\n`);
    const r = ast.ikePeers[0].preSharedKey!.range;
    expect(text.slice(r.offset, r.endOffset)).toBe(cipher);
    expect(JSON.stringify(ast)).not.toContain(body.length >= 6 ? body : cipher);
  });
});

/** The clean configuration typed at the prompts of a session, view by view, as a paste into the CLI echoes it. */
function asTypedSession(clean: string, sysname: string): string {
  const { roots } = buildViews(clean);
  const out = [`<${sysname}>system-view`, 'Enter system view, return user view with Ctrl+Z.'];
  let views = 0;
  const type = (node: StructNode, prompt: string): void => {
    const l = node.line;
    out.push(`[${prompt}]${clean.slice(l.bodyStart, l.end)}`);
    if (node.children.length === 0) return;
    const inner = `${sysname}-v${++views}`;
    for (const c of node.children) type(c, inner);
    out.push(`[${inner}]quit`);
  };
  for (const r of roots) type(r, sysname);
  out.push(`[${sysname}]return`, `<${sysname}>save`, 'Are you sure to continue?[Y/N]:y', 'Info: Save the configuration successfully.', `<${sysname}>`);
  return out.join('\n');
}

/** The clean configuration as `display current-configuration` prints it through the pager. */
function asListing(clean: string, sysname: string): string {
  const lines = clean.replace(/\n$/, '').split('\n');
  const paged = lines.map((l, i) => (i > 0 && i % 20 === 0 ? `${PAGER}${l}` : l));
  return [`<${sysname}>display current-configuration`, ...paged, `<${sysname}>quit`].join('\n');
}

const ALL_RULES = rules.map((r) => r.meta.id);
const shape = (findings: FlatFinding[]): string[] => findings.map((f) => `${f.file} ${f.ruleId} ${f.severity} ${f.objectPath} ${f.message}`).sort();

describe('a full paste gives the findings of the clean configuration', () => {
  for (const dir of ['configs-examples/site-to-site', 'configs-examples/pre-shared-key-mismatch/flagged', 'configs-examples/security-policy-blocks-ike/flagged', 'configs-examples/nat-not-excluding-protected-flow/flagged']) {
    it(dir, () => {
      const inputs = readConfigDir(dir);
      const clean = lint(inputs, ALL_RULES);
      if (dir.endsWith('flagged')) expect(clean.length).toBeGreaterThan(0);
      const sysname = (text: string): string => /^\s*sysname (\S+)/m.exec(text)?.[1] ?? 'FW';
      const typed: Input[] = inputs.map(({ file, text }) => ({ file, text: asTypedSession(text, sysname(text)) }));
      const listed: Input[] = inputs.map(({ file, text }) => ({ file, text: asListing(text, sysname(text)) }));
      expect(shape(lint(typed, ALL_RULES))).toEqual(shape(clean));
      expect(shape(lint(listed, ALL_RULES))).toEqual(shape(clean));
    });
  }
});
