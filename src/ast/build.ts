import { FILE_SHAPE_WORDS, matchWords, ShapeBudget, type LineContext } from '../grammar/shapes.js';
import { rangeOnLine } from '../text/lines.js';
import type { Range, Val } from '../text/range.js';
import { IPSEC_VIEWS, type ViewKind } from '../text/view-kinds.js';
import type { StructNode } from '../text/views.js';
import { Statement, statementOf, type FieldOf, type StatementKind } from './statement.js';
import { unmodelledFeatureOf, type UnmodelledFeature } from './unmodelled.js';
import type {
  AclNode, AclRuleNode, AddressSetNode, AddressSpec, ConfigAst, IkePeerNode, IkeProposalNode, InterfaceNode,
  IpsecPolicyNode, IpsecProfileNode, IpsecProposalNode, L2tpGroupNode, NatAction, NatAddressGroupNode, NatRuleNode,
  ParseDiagnostic, PolicySettings, PolicyTemplateNode, PortSpec, SecurityPolicyNode, SecurityRuleNode, ServiceSetNode, ZoneNode,
} from './types.js';
import { maskFromLength, parseInteger, parseIpv4, parseMask, parsePort, parseProtocol, parseWildcard } from './values.js';
import { type Address, parseAddress } from '../flow/address.js';
import { canonicalIpv6, formatIpv6, ipv6Network, parseIpv6, parseIpv6PrefixLength } from '../flow/ipv6.js';

/**
 * An IPv6 operand: `A/LEN`, `A LEN` (`lengthText`), or a bare address (a /128 host). `address`
 * and `length` stay absent when the text is not a valid IPv6 prefix.
 */
function ipv6Operand(text: string, lengthText: string | undefined, range: Range): AddressSpec {
  const written = lengthText === undefined ? text : `${text} ${lengthText}`;
  const slash = text.indexOf('/');
  const words = parseIpv6(slash >= 0 ? text.slice(0, slash) : text);
  const lengthWord = slash >= 0 ? (lengthText === undefined ? text.slice(slash + 1) : undefined) : lengthText ?? '128';
  const length = lengthWord === undefined ? undefined : parseIpv6PrefixLength(lengthWord);
  if (!words || length === undefined) return { form: 'ipv6', text: written, range };
  return { form: 'ipv6', text: written, address: formatIpv6(words), length, range };
}

const CONTEXT: Partial<Record<ViewKind, LineContext>> = {
  interface: 'InterfaceLine',
  zone: 'ZoneLine',
  acl: 'AclLine',
  'ike-proposal': 'IkeProposalLine',
  'ike-peer': 'IkePeerLine',
  'efficient-vpn': 'EfficientVpnLine',
  'ipsec-proposal': 'IpsecProposalLine',
  'ipsec-policy': 'PolicyLine',
  'policy-template': 'PolicyLine',
  'ipsec-profile': 'PolicyLine',
  'nat-policy': 'NatPolicyLine',
  'security-policy': 'SecurityPolicyLine',
  'nat-rule': 'RuleLine',
  'security-rule': 'RuleLine',
  'nat-interzone': 'LegacyInterzoneLine',
  'nat-legacy-policy': 'LegacyPolicyLine',
  'address-set': 'AddressSetLine',
  'service-set': 'ServiceSetLine',
  'nat-address-group': 'NatAddressGroupLine',
  'l2tp-group': 'L2tpGroupLine',
};

/** Leading words of the statements each context models: a line starting so but not fitting is a syntax error. */
const HEADS: Record<LineContext, ReadonlySet<string>> = {
  TopLine: new Set([
    'sysname', 'interface', 'firewall zone', 'acl number', 'acl name', 'acl ipv6', 'ike proposal', 'ike peer',
    'ipsec proposal', 'ipsec policy', 'ipsec policy-template', 'ipsec profile', 'ipsec efficient-vpn', 'nat-policy',
    'security-policy', 'ip address-set', 'ip service-set', 'ip route-static', 'nat server', 'nat address-group',
    'l2tp-group', 'ike dpd', 'ike local-name', 'firewall tcp-mss', 'ikev1 phase1-phase2',
  ]),
  InterfaceLine: new Set([
    'ip address', 'ipsec policy', 'ipsec profile', 'ipsec efficient-vpn', 'tcp adjust-mss', 'mtu', 'tunnel-protocol',
    'nat outbound', 'shutdown', 'vrrp vrid', 'nat server',
  ]),
  ZoneLine: new Set(['set priority', 'add interface']),
  AclLine: new Set(['rule']),
  IkeProposalLine: new Set([
    'encryption-algorithm', 'authentication-algorithm', 'dh', 'authentication-method', 'integrity-algorithm', 'prf',
    'sa duration',
  ]),
  IkePeerLine: new Set([
    'pre-shared-key', 'ike-proposal', 'remote-address', 'local-address', 'exchange-mode', 'version', 'undo version',
    'local-id-type', 'remote-id-type', 'nat traversal', 'undo nat', 'dpd type', 'dpd idle-time',
    'dpd retransmit-interval', 'dpd msg', 'rsa encryption-padding', 'rsa signature-padding',
  ]),
  EfficientVpnLine: new Set(['remote-address', 'pre-shared-key', 'dh']),
  IpsecProposalLine: new Set(['transform', 'encapsulation-mode', 'esp', 'ah', 'undo esp']),
  PolicyLine: new Set([
    'security acl', 'ike-peer', 'proposal', 'pfs', 'tunnel local', 'tunnel remote', 'local-address', 'sa trigger-mode',
    'sa duration', 'sa spi', 'sa string-key', 'sa authentication-hex', 'sa encryption-hex', 'alias', 'undo policy',
  ]),
  NatPolicyLine: new Set(['rule name']),
  SecurityPolicyLine: new Set(['rule name', 'default action']),
  RuleLine: new Set([
    'source-zone', 'destination-zone', 'egress-interface', 'source-address', 'destination-address', 'service', 'action',
    'disable',
  ]),
  LegacyInterzoneLine: new Set(['policy']),
  LegacyPolicyLine: new Set(['action', 'policy source', 'policy destination', 'easy-ip', 'address-group']),
  AddressSetLine: new Set(['address']),
  ServiceSetLine: new Set(['service']),
  NatAddressGroupLine: new Set(['section', 'mode']),
  L2tpGroupLine: new Set(['allow l2tp']),
};

type Owner =
  | { kind: 'interface'; node: InterfaceNode }
  | { kind: 'zone'; node: ZoneNode }
  | { kind: 'acl'; node: AclNode }
  | { kind: 'ike-proposal'; node: IkeProposalNode }
  | { kind: 'ike-peer'; node: IkePeerNode }
  | { kind: 'ipsec-proposal'; node: IpsecProposalNode }
  | { kind: 'policy'; node: PolicySettings & { path: string } }
  | { kind: 'nat-rule'; node: NatRuleNode }
  | { kind: 'security-policy'; node: SecurityPolicyNode }
  | { kind: 'security-rule'; node: SecurityRuleNode }
  | { kind: 'nat-policy' }
  | { kind: 'nat-interzone'; zones: [string, string, string] }
  | { kind: 'address-set'; node: AddressSetNode }
  | { kind: 'service-set'; node: ServiceSetNode }
  | { kind: 'nat-address-group'; node: NatAddressGroupNode }
  | { kind: 'l2tp-group'; node: L2tpGroupNode }
  | { kind: 'efficient-vpn' }
  | { kind: 'none' };

const NO_OWNER: Owner = { kind: 'none' };

/**
 * A line fwlint does not model keeps at most this many leading words in the AST (and so in
 * `fwlint parse --json` and the cache): enough to tell `ospf 1` or `policy interzone trust` from
 * other commands, too few to carry a value a secret keyword fwlint does not know introduced.
 */
export const KEPT_GENERIC_WORDS = 3;
/** Command keywords, names and numbers (`ospf`, `1`, `GigabitEthernet0/0/1`, `0.0.0.0`); a word with other characters ends what is kept. */
const KEYWORD_LIKE = /^[A-Za-z0-9][A-Za-z0-9_./-]*$/;

/** How many leading words of an unmodelled line are kept: keyword-like ones, at most `KEPT_GENERIC_WORDS`. */
function keptWordCount(line: StructNode['line']): number {
  const limit = Math.min(line.tokenCount, KEPT_GENERIC_WORDS);
  let n = 0;
  while (n < limit && KEYWORD_LIKE.test(line.word(n))) n++;
  return n;
}

/** First words of the statements `unmodelledFeatureOf` can name: the others are not looked at. */
const UNMODELLED_FIRST_WORDS: ReadonlySet<string> = new Set([
  'ipsec', 'dsvpn', 'l2tp-group', 'nhrp', 'tunnel-protocol', 'smart-link', 'service-scheme', 'authentication-method',
  'certificate', 'pki',
]);

function keptWords(line: StructNode['line']): string[] {
  const out: string[] = [];
  for (let i = 0, n = keptWordCount(line); i < n; i++) out.push(line.word(i));
  return out;
}

export class AstBuilder {
  private nextAclRuleId = new Map<AclNode, number>();
  /** `step N` of an ACL: the gap between the ids the device assigns (5 by default). */
  private aclStep = new Map<AclNode, number>();
  /** Views by path: VRP merges a repeated header (`acl number 3000` twice) into the first view. */
  private views = new Map<string, Owner>();
  private closedViews = new Set<object>();
  /** View headers fwlint recognised: the view path shows them whole (others as their kept words). */
  private recognisedHeaders = new Set<StructNode>();
  /** Syntax errors with a message that quotes no word of the line but the command's own keywords. */
  private syntaxErrors: { diagnostic: ParseDiagnostic; neutral: string }[] = [];
  /** Lines recognised as a modelled VRP statement. */
  recognised = 0;
  /** The words of distinct line shapes this file may still bring to the grammar. */
  private readonly shapes = new ShapeBudget();

  constructor(private readonly ast: ConfigAst) {}

  /**
   * Called once every root was visited. A file with no VRP statement fwlint recognises, no version
   * banner, no `#` separator and no `return` is not taken for VRP (FortiOS, MikroTik, a notes
   * file): it keeps none of its words. Other statements keep only their ranges, syntax errors
   * name only the command.
   */
  finish(isVrp: boolean): void {
    if (isVrp) return;
    this.ast.unmodelled = [];
    for (const g of this.ast.generic) {
      g.tokens = [];
      g.view = [];
    }
    for (const { diagnostic, neutral } of this.syntaxErrors) diagnostic.message = neutral;
  }

  visit(node: StructNode, owner: Owner | undefined): void {
    const context = owner === undefined ? 'TopLine' : CONTEXT[node.parent?.kind ?? 'other'];
    const line = node.line;
    let child: Owner = NO_OWNER;
    const inIpsecView = node.parent !== undefined && IPSEC_VIEWS.has(node.parent.kind);
    if (context === undefined || line.tokenCount === 0) {
      this.generic(node);
    } else {
      const result = matchWords(context, line, line.secret !== undefined, this.shapes);
      if (!result.ok && node.undoApplied) {
        // a session's undo that deleted earlier lines (views.ts): executed, nothing left to read
        this.generic(node);
      } else if (!result.ok && result.overBudget) {
        this.notRead(node);
        this.generic(node);
      } else if (result.ok) {
        const st = statementOf(result.kind, line, result.fields);
        const handled = st ? this.apply(st, owner ?? NO_OWNER, node) : false;
        if (handled === false) {
          this.generic(node);
          if (inIpsecView && owner?.kind !== 'none' && !node.undoApplied) this.unrecognisedLine(node);
        } else {
          if (node.children.length > 0) this.recognisedHeaders.add(node);
          if (st?.kind !== 'NonVrpRoute') this.recognised++;
          if (handled !== true) child = handled;
        }
      } else {
        const w0 = line.word(0).toLowerCase();
        const head2 = `${w0} ${line.tokenCount > 1 ? line.word(1).toLowerCase() : ''}`;
        if (HEADS[context].has(head2)) this.syntaxError(node, result.failedToken, head2);
        else if (HEADS[context].has(w0)) this.syntaxError(node, result.failedToken, w0);
        else if (inIpsecView) this.unrecognisedLine(node);
        this.generic(node);
      }
    }
    if (line.tokenCount > 0 && UNMODELLED_FIRST_WORDS.has(line.word(0).toLowerCase())) this.noteUnmodelled(node);
    for (const c of node.children) this.visit(c, child);
    this.closeBlock(child, node);
  }

  /** A line inside an IPSec view that no statement recognises: counted, and noted as not checked. */
  private unrecognisedLine(node: StructNode): void {
    this.ast.unrecognised.push(this.lineRange(node));
    if (!UNMODELLED_FIRST_WORDS.has(node.line.word(0).toLowerCase())) this.noteUnmodelled(node, 'unrecognised-command');
  }

  /** Records a feature fwlint reads past (see unmodelled.ts) with the line's leading keyword-like words. */
  private noteUnmodelled(node: StructNode, fallback?: UnmodelledFeature): void {
    const words = keptWords(node.line);
    const view = this.viewOf(node);
    const feature = unmodelledFeatureOf(view.map((v) => v.toLowerCase()), words.map((w) => w.toLowerCase())) ?? fallback;
    if (!feature) return;
    this.ast.unmodelled.push({
      kind: 'unmodelled', feature, command: words.join(' '), range: this.lineRange(node),
      ...(view.length > 0 ? { view: view[view.length - 1] } : {}),
    });
  }

  private lineRange(node: StructNode): Range {
    const l = node.line;
    const start = l.tokenCount > 0 ? l.tokenStart(0) : l.bodyStart;
    const end = l.secret ? l.secret.end : l.tokenCount > 0 ? l.tokenEnd(l.tokenCount - 1) : start;
    return rangeOnLine(l, start, end);
  }

  private blockRange(node: StructNode): Range {
    let last = node;
    while (last.children.length > 0) last = last.children[last.children.length - 1];
    const start = this.lineRange(node).start;
    return { start, end: this.lineRange(last).end };
  }

  private openView<O extends Owner & { node: { path: string } }>(list: object[], owner: O): Owner {
    const earlier = this.views.get(owner.node.path);
    if (earlier) return earlier;
    list.push(owner.node);
    this.views.set(owner.node.path, owner);
    return owner;
  }

  private closeBlock(owner: Owner, node: StructNode): void {
    if (owner.kind === 'acl') {
      // Display order is rule-id order; keep that, whatever order a snippet used.
      owner.node.rules.sort((a, b) => a.id.value - b.id.value);
    }
    if ('node' in owner && owner.node && 'blockRange' in owner.node) {
      const view = owner.node as { blockRange: Range };
      const block = this.blockRange(node);
      // A merged view spans from its first header to the end of its last block.
      view.blockRange = this.closedViews.has(view) ? { start: view.blockRange.start, end: block.end } : block;
      this.closedViews.add(view);
    }
  }

  /** A line past the file's shape budget: not parsed, said so (a warning on the line), kept as an unmodelled statement. */
  private notRead(node: StructNode): void {
    const l = node.line;
    const head = l.tokenCount > 1 ? `${l.word(0)} ${l.word(1)}` : l.word(0);
    const lines = node.children.length;
    const what = lines > 0 ? `neither this line nor the ${lines} line${lines === 1 ? '' : 's'} of its view is checked` : 'this line is not checked';
    const why =
      `not read: the file has more kinds of line (distinct word patterns, ${FILE_SHAPE_WORDS.toLocaleString('en-US')} words of them) than fwlint parses in one file, ` +
      `so ${what}, and the checks that need it may miss it`;
    const diagnostic: ParseDiagnostic = { code: 'statement-syntax', severity: 'warning', message: `"${head}": ${why}`, range: this.lineRange(node) };
    this.ast.diagnostics.push(diagnostic);
    const neutralHead = keptWords(l).slice(0, 2).join(' ');
    this.syntaxErrors.push({ diagnostic, neutral: neutralHead ? `"${neutralHead}": ${why}` : why });
  }

  private syntaxError(node: StructNode, failedToken: number, head: string): void {
    const l = node.line;
    const count = l.tokenCount;
    let range: Range;
    let what: string;
    let neutral: string;
    if (failedToken < count) {
      range = rangeOnLine(l, l.tokenStart(failedToken), l.tokenEnd(failedToken));
      what = `unexpected "${l.word(failedToken)}"`;
      neutral = 'unexpected word';
    } else if (node.line.secret) {
      range = rangeOnLine(node.line, node.line.secret.start, node.line.secret.end);
      what = neutral = 'unexpected value';
    } else {
      const end = l.tokenEnd(count - 1);
      range = rangeOnLine(l, end, end);
      what = neutral = 'the command is incomplete';
    }
    const diagnostic: ParseDiagnostic = {
      code: 'statement-syntax',
      severity: 'error',
      message: `"${count > 1 ? `${l.word(0)} ${l.word(1)}` : l.word(0)}": ${what}`,
      range,
    };
    this.ast.diagnostics.push(diagnostic);
    this.syntaxErrors.push({ diagnostic, neutral: `"${head}": ${neutral}` });
  }

  /** Header words of the views enclosing `node`, outermost first (kept words only for an unrecognised header). */
  private viewOf(node: StructNode): string[] {
    const path: string[] = [];
    for (let p = node.parent; p; p = p.parent) path.push((this.recognisedHeaders.has(p) ? p.line.words() : keptWords(p.line)).join(' '));
    return path.reverse();
  }

  /**
   * A statement fwlint does not model: its leading keyword-like words only (see
   * `KEPT_GENERIC_WORDS`), never a secret, with the range of the whole line.
   */
  private generic(node: StructNode): void {
    const l = node.line;
    if (l.tokenCount === 0 && !l.secret) return;
    const tokens: Val<string>[] = [];
    const kept = keptWordCount(l);
    for (let i = 0; i < kept; i++) tokens.push({ value: l.word(i), range: rangeOnLine(l, l.tokenStart(i), l.tokenEnd(i)) });
    this.ast.generic.push({
      kind: 'generic',
      view: this.viewOf(node),
      tokens,
      range: this.lineRange(node),
      ...(node.line.secret ? { redacted: true } : {}),
    });
  }

  private num(v: Val<string> | undefined): Val<number> | undefined {
    if (!v) return undefined;
    const n = parseInteger(v.value);
    return n === undefined ? undefined : { value: n, range: v.range };
  }

  private ip(v: Val<string> | undefined): Val<number> | undefined {
    if (!v) return undefined;
    const n = parseIpv4(v.value);
    return n === undefined ? undefined : { value: n, range: v.range };
  }

  /** An IPv4 or IPv6 address (peer `remote-address [ipv6] A`, `local-address [ipv6] A`). */
  private anyFamilyIp(v: Val<string> | undefined): Val<Address> | undefined {
    if (!v) return undefined;
    const address = parseAddress(v.value);
    return address === undefined ? undefined : { value: address, range: v.range };
  }

  /**
   * `interface GigabitEthernet 1/0/1` is an input form the device stores as `GigabitEthernet1/0/1`;
   * a blank beside a slash (`GigabitEthernet1 /0/2`, a documentation typo) is rejected by the device:
   * it is reported once, here, and read as the intended name so the lines under it still apply.
   */
  private interfaceHeaderName(name: Val<string>, unit: Val<string> | undefined, range: Range): Val<string> {
    if (!unit) return name;
    const joined = { value: name.value + unit.value, range: { start: name.range.start, end: unit.range.end } };
    if (name.value.endsWith('/') || unit.value.startsWith('/')) {
      this.ast.diagnostics.push({
        code: 'statement-syntax',
        severity: 'warning',
        message: `"interface ${name.value} ${unit.value}": the device rejects an interface name with a blank beside "/", so the commands under it are not applied there; write "interface ${joined.value}" (read as ${joined.value} here)`,
        range,
      });
    }
    return joined;
  }

  /** Returns the owner for child lines, `true` when handled without children, `false` when not modelled here. */
  private apply(st: Statement, owner: Owner, node: StructNode): Owner | boolean {
    const a = this.ast;
    const range = st.range;
    const view = (): { range: Range; blockRange: Range } => ({ range, blockRange: range });
    switch (st.kind) {
      // ---- top level ----
      case 'Sysname':
        a.globals.sysname = st.text('name');
        return true;
      case 'InterfaceHeader': {
        const name = this.interfaceHeaderName(st.text('name')!, st.text('interfaceUnit'), range);
        const n: InterfaceNode = {
          kind: 'interface', ...view(), path: `interface:${name.value}`, name,
          key: name.value.replace(/\s+/g, '').toLowerCase(), addresses: [], vrrpVirtualIps: [], natOutbound: [],
        };
        return this.openView(a.interfaces, { kind: 'interface', node: n });
      }
      case 'ZoneHeader': {
        const raw = st.text('name')!;
        const name = { value: raw.value.toLowerCase(), range: raw.range };
        const n: ZoneNode = { kind: 'zone', ...view(), path: `zone:${name.value}`, name, interfaces: [] };
        return this.openView(a.zones, { kind: 'zone', node: n });
      }
      case 'AclHeader': {
        const key = st.text('number') ?? st.text('name')!;
        const typeWord = st.text('aclType')?.value.toLowerCase();
        // `acl name dc-servers 3999` is ACL 3999 too: `security acl 3999` and NAT rules find it by number.
        const number = parseInteger(st.text('number')?.value ?? '') ?? parseInteger(typeWord ?? '');
        const typeNumber = number;
        let type: AclNode['type'] = 'unknown';
        if (st.has('ipv6')) type = 'ipv6';
        else if (typeWord === 'basic') type = 'basic';
        else if (typeWord === 'advance' || typeWord === 'advanced') type = 'advanced';
        else if (typeNumber !== undefined) {
          if (typeNumber >= 2000 && typeNumber < 3000) type = 'basic';
          else if (typeNumber >= 3000 && typeNumber < 4000) type = 'advanced';
          else if (typeNumber >= 4000 && typeNumber < 5000) type = 'layer2';
          else if (typeNumber >= 6000 && typeNumber < 10000) type = 'user';
        }
        const n: AclNode = {
          kind: 'acl', ...view(), path: `acl:${key.value}`, key, type, rules: [],
          ...(number !== undefined ? { number } : {}),
        };
        return this.openView(a.acls, { kind: 'acl', node: n });
      }
      case 'IkeProposalHeader': {
        const id = st.text('id')!;
        const n: IkeProposalNode = { kind: 'ike-proposal', ...view(), path: `ike-proposal:${id.value}`, id };
        return this.openView(a.ikeProposals, { kind: 'ike-proposal', node: n });
      }
      case 'IkePeerHeader': {
        const name = st.text('name')!;
        const version = st.text('version');
        const n: IkePeerNode = {
          kind: 'ike-peer', ...view(), path: `ike-peer:${name.value}`, name, versions: [], undoVersions: [],
          ikeProposals: [], remoteAddresses: [],
          ...(version ? { headerVersion: { value: version.value.toLowerCase() === 'v1' ? 1 : 2, range: version.range } } : {}),
        };
        return this.openView(a.ikePeers, { kind: 'ike-peer', node: n });
      }
      case 'IpsecProposalHeader': {
        const name = st.text('name')!;
        const n: IpsecProposalNode = { kind: 'ipsec-proposal', ...view(), path: `ipsec-proposal:${name.value}`, name };
        return this.openView(a.ipsecProposals, { kind: 'ipsec-proposal', node: n });
      }
      case 'IpsecPolicyHeader': {
        const name = st.text('name')!;
        const seq = this.num(st.text('seq'))!;
        const template = st.text('template');
        const modeVal = st.text('isakmp') ?? st.text('manual')!;
        const mode: IpsecPolicyNode['mode']['value'] = template ? 'template' : st.has('manual') ? 'manual' : 'isakmp';
        const n: IpsecPolicyNode = {
          kind: 'ipsec-policy', ...view(), path: `ipsec-policy:${name.value}/${seq.value}`, name, seq,
          mode: { value: mode, range: template ? { start: modeVal.range.start, end: template.range.end } : modeVal.range },
          proposals: [], manual: { spi: [], keys: [] }, ...(template ? { template } : {}),
        };
        return this.openView(a.ipsecPolicies, { kind: 'policy', node: n });
      }
      case 'PolicyTemplateHeader': {
        const name = st.text('name')!;
        const seq = this.num(st.text('seq'))!;
        const n: PolicyTemplateNode = {
          kind: 'policy-template', ...view(), path: `policy-template:${name.value}/${seq.value}`, name, seq,
          proposals: [], manual: { spi: [], keys: [] },
        };
        return this.openView(a.policyTemplates, { kind: 'policy', node: n });
      }
      case 'IpsecProfileHeader': {
        const name = st.text('name')!;
        const n: IpsecProfileNode = {
          kind: 'ipsec-profile', ...view(), path: `ipsec-profile:${name.value}`, name, proposals: [],
          manual: { spi: [], keys: [] },
        };
        return this.openView(a.ipsecProfiles, { kind: 'policy', node: n });
      }
      case 'EfficientVpnHeader':
        this.generic(node);
        return { kind: 'efficient-vpn' };
      case 'NatPolicyHeader':
        return { kind: 'nat-policy' };
      case 'LegacyNatHeader': {
        const zones = st.all('zone').map((z) => z.value.toLowerCase());
        return { kind: 'nat-interzone', zones: [zones[0] ?? '', zones[1] ?? '', st.text('direction')?.value ?? ''] };
      }
      case 'SecurityPolicyHeader': {
        if (a.securityPolicy) return { kind: 'security-policy', node: a.securityPolicy };
        const n: SecurityPolicyNode = { kind: 'security-policy', ...view(), path: 'security-policy', rules: [] };
        a.securityPolicy = n;
        return { kind: 'security-policy', node: n };
      }
      case 'AddressSetHeader': {
        const name = st.text('name')!;
        const n: AddressSetNode = {
          kind: 'address-set', ...view(), path: `address-set:${name.value}`, name,
          type: st.text('type')?.value.toLowerCase() === 'group' ? 'group' : 'object', members: [],
        };
        return this.openView(a.addressSets, { kind: 'address-set', node: n });
      }
      case 'ServiceSetHeader': {
        const name = st.text('name')!;
        const n: ServiceSetNode = { kind: 'service-set', ...view(), path: `service-set:${name.value}`, name, members: [], includes: [] };
        return this.openView(a.serviceSets, { kind: 'service-set', node: n });
      }
      case 'RouteStatic': {
        const destination = this.ip(st.text('routeDestination'));
        const maskText = st.text('mask');
        const maskValue = maskText ? parseMask(maskText.value) : undefined;
        if (!destination || maskValue === undefined || !maskText) return false;
        const nextHop = this.ip(st.text('nextHop'));
        const iface = st.text('interface');
        const vpn = st.text('vpn');
        const preference = this.num(st.text('preference'));
        const via = nextHop ? st.text('nextHop')!.value : st.has('public') ? 'public' : iface?.value ?? '';
        a.routes.push({
          kind: 'route', range, path: `route:${vpn ? `${vpn.value}:` : ''}${st.text('routeDestination')!.value}/${maskText.value}/${via}`,
          destination, mask: { value: maskValue, range: maskText.range },
          ...(vpn ? { vpnInstance: vpn } : {}), ...(iface ? { interface: iface } : {}), ...(nextHop ? { nextHop } : {}),
          ...(st.has('public') ? { toPublic: true } : {}), ...(preference ? { preference } : {}),
        });
        return true;
      }
      case 'RouteStatic6': {
        const destText = st.text('routeDestination6')!;
        const lengthText = st.text('routeLength6');
        const slash = destText.value.indexOf('/');
        const words = parseIpv6(slash >= 0 ? destText.value.slice(0, slash) : destText.value);
        const lengthWord = lengthText?.value ?? (slash >= 0 ? destText.value.slice(slash + 1) : undefined);
        const length = lengthWord === undefined ? undefined : parseIpv6PrefixLength(lengthWord);
        if (!words || length === undefined) return false;
        // ` ipv6 route-static D L [IFNAME] [NEXTHOP]`: a word that reads as an IPv6 address is the next hop
        let iface: Val<string> | undefined;
        let nextHop: Val<string> | undefined;
        for (const hop of st.all('routeHop')) {
          const canonical = canonicalIpv6(hop.value);
          if (canonical !== undefined && !nextHop) nextHop = { value: canonical, range: hop.range };
          else if (canonical === undefined && !iface && !nextHop) iface = hop;
          else return false;
        }
        const vpn = st.text('vpn');
        const preference = this.num(st.text('preference'));
        const destination = formatIpv6(ipv6Network(words, length));
        a.ipv6Routes.push({
          kind: 'ipv6-route', range, path: `ipv6-route:${vpn ? `${vpn.value}:` : ''}${destination}/${length}/${nextHop?.value ?? iface?.value ?? ''}`,
          destination: { value: destination, range: destText.range }, length: { value: length, range: lengthText?.range ?? destText.range },
          ...(vpn ? { vpnInstance: vpn } : {}), ...(iface ? { interface: iface } : {}), ...(nextHop ? { nextHop } : {}),
          ...(preference ? { preference } : {}),
        });
        return true;
      }
      case 'NonVrpRoute':
        a.diagnostics.push({
          code: 'non-vrp-syntax',
          severity: 'warning',
          message: '"ip route" is not VRP syntax; Huawei devices use "ip route-static"',
          range,
        });
        this.generic(node);
        return true;
      case 'NatServer': {
        const global = this.ip(st.text('global'));
        const inside = this.ip(st.text('inside'));
        if (!global || !inside) return false;
        const name = st.text('name');
        const protoText = st.text('protocol');
        const protocol = protoText ? parseProtocol(protoText.value) : undefined;
        const port = (v: Val<string> | undefined): Val<number> | undefined => {
          const p = v ? parsePort(v.value) : undefined;
          return v && p !== undefined ? { value: p, range: v.range } : undefined;
        };
        const globalPort = port(st.text('globalPort'));
        const insidePort = port(st.text('insidePort'));
        const zone = st.text('zone');
        // AR writes interface-level `nat server` inside `interface X`: it applies to that interface only.
        const iface = owner.kind === 'interface' ? owner.node : undefined;
        a.natServers.push({
          kind: 'nat-server', range, path: `${iface ? `${iface.path}/` : ''}nat-server:${name?.value ?? st.text('global')!.value}`,
          global, inside, ...(iface ? { interface: iface.name } : {}),
          ...(name ? { name } : {}), ...(protoText && protocol !== undefined ? { protocol: { value: protocol, range: protoText.range } } : {}),
          ...(globalPort ? { globalPort } : {}), ...(insidePort ? { insidePort } : {}), ...(zone ? { zone } : {}),
          ...(st.has('noReverse') ? { noReverse: st.rangeOf('noReverse')! } : {}),
        });
        return true;
      }
      case 'NatAddressGroupHeader': {
        const name = st.text('name')!;
        const n: NatAddressGroupNode = { kind: 'nat-address-group', ...view(), path: `nat-address-group:${name.value}`, name, sections: [] };
        const first = this.ip(st.text('first'));
        const last = this.ip(st.text('last'));
        if (first && last) n.sections.push({ first, last });
        const opened = this.openView(a.natAddressGroups, { kind: 'nat-address-group', node: n });
        if (opened.kind === 'nat-address-group' && opened.node !== n) opened.node.sections.push(...n.sections);
        return opened;
      }
      case 'L2tpGroupHeader': {
        const name = st.text('name')!;
        const n: L2tpGroupNode = { kind: 'l2tp-group', ...view(), path: `l2tp-group:${name.value}`, name, lnsAddresses: [] };
        return this.openView(a.l2tpGroups, { kind: 'l2tp-group', node: n });
      }
      case 'IkeDpd': {
        const g = a.globals;
        const type = st.text('dpdType');
        if (type) g.ikeDpdType = type;
        const idle = this.num(st.text('dpdIdleTime'));
        if (idle) g.ikeDpdIdleTime = idle;
        const retrans = this.num(st.text('dpdRetransmitInterval'));
        if (retrans) g.ikeDpdRetransmitInterval = retrans;
        const retry = this.num(st.text('dpdRetryLimit'));
        if (retry) g.ikeDpdRetryLimit = retry;
        const msg = st.text('dpdMsg');
        if (msg) g.ikeDpdMsg = msg;
        const interval = st.list('dpdInterval');
        if (interval) g.ikeDpdInterval = { value: interval.value.map(Number), range: interval.range };
        return true;
      }
      case 'IpsecSha2Compatible':
        a.globals.ipsecSha2Compatible = range;
        return true;
      case 'IpsecAuthSha2Compatible':
        a.globals.ipsecAuthenticationSha2Compatible = range;
        return true;
      case 'FirewallTcpMss': {
        const v = this.num(st.text('value'));
        if (v) a.globals.firewallTcpMss = v;
        return true;
      }
      case 'Ikev1SaDependent':
        a.globals.ikev1Phase1Phase2SaDependent = { value: true, range };
        return true;
      case 'Ikev1SaIndependent':
        a.globals.ikev1Phase1Phase2SaDependent = { value: false, range };
        return true;
      case 'DnsResolve':
        a.globals.dnsResolve = range;
        return true;
      case 'DnsServer':
        a.globals.dnsServer ??= range;
        return true;
      case 'IpHost': {
        const name = st.text('hostName');
        const address = this.ip(st.text('hostAddress'));
        if (!name || !address) return false;
        (a.globals.ipHosts ??= []).push({ name, address, range });
        return true;
      }
      case 'IkeLocalName':
        a.globals.ikeLocalName = st.text('name');
        return true;
      case 'IkeHeartbeatTimer': {
        // The whole line is the range: a finding about heartbeats points at the line to change.
        const interval = this.num(st.text('heartbeatInterval'));
        if (interval) a.globals.ikeHeartbeatInterval = { value: interval.value, range };
        const timeout = this.num(st.text('heartbeatTimeout'));
        if (timeout) a.globals.ikeHeartbeatTimeout = { value: timeout.value, range };
        return true;
      }
      case 'L2tpEnable':
        a.globals.l2tpEnable = range;
        return true;
      case 'Hrp': {
        if (st.has('hrpEnable')) a.globals.hrpEnable = range;
        if (st.has('hrpStandbyDevice')) a.globals.hrpStandbyDevice = range;
        const remote = this.ip(st.text('hrpRemote'));
        if (remote) a.globals.hrpRemote = remote;
        // Other hrp commands (track, preempt, mirror session, auto-sync) stay generic statements.
        return st.has('hrpEnable') || st.has('hrpStandbyDevice') || st.has('interface');
      }
    }
    return this.applyChild(st, owner, node);
  }

  private applyChild(st: Statement, owner: Owner, node: StructNode): Owner | boolean {
    const range = st.range;
    switch (owner.kind) {
      case 'interface':
        return this.applyInterface(st, owner.node);
      case 'zone': {
        if (st.kind === 'ZonePriority') {
          const v = this.num(st.text('value'));
          if (v) owner.node.priority = v;
          return true;
        }
        if (st.kind === 'ZoneAddInterface') {
          const parts = [...st.all('interface'), ...st.all('interfaceUnit')];
          owner.node.interfaces.push({ value: parts.map((p) => p.value).join(''), range: { start: parts[0].range.start, end: parts[parts.length - 1].range.end } });
          return true;
        }
        return false;
      }
      case 'acl':
        return st.kind === 'AclRule' ? this.applyAclRule(st, owner.node) : st.kind === 'AclStep' || st.kind === 'AclUndoStep' ? this.applyAclStep(st, owner.node) : st.kind === 'AclUndoRule' ? this.applyAclUndoRule(st, owner.node) : st.kind === 'AclDescription';
      case 'ike-proposal':
        return this.applyIkeProposal(st, owner.node);
      case 'ike-peer':
        return this.applyIkePeer(st, owner.node);
      case 'ipsec-proposal':
        return this.applyIpsecProposal(st, owner.node);
      case 'policy':
        return this.applyPolicy(st, owner.node);
      case 'nat-policy':
      case 'security-policy': {
        if (st.kind === 'DefaultAction' && owner.kind === 'security-policy') {
          const v = st.text('value')!;
          const action = v.value.toLowerCase();
          if (action === 'permit' || action === 'deny') owner.node.defaultAction = { value: action, range: v.range };
          return true;
        }
        if (st.kind !== 'RuleName') return false;
        const name = st.text('name')!;
        const base = {
          name, sourceZones: [], destinationZones: [], sourceAddresses: [], destinationAddresses: [], services: [],
          range, blockRange: range,
        };
        if (owner.kind === 'nat-policy') {
          const rule: NatRuleNode = { kind: 'nat-rule', ...base, path: `nat-policy/rule:${name.value}`, legacy: false, egressInterfaces: [] };
          this.ast.natRules.push(rule);
          return { kind: 'nat-rule', node: rule };
        }
        const rule: SecurityRuleNode = { kind: 'security-rule', ...base, path: `security-policy/rule:${name.value}` };
        owner.node.rules.push(rule);
        return { kind: 'security-rule', node: rule };
      }
      case 'nat-rule':
        return owner.node.legacy ? this.applyLegacy(st, owner.node) : this.applyRule(st, owner);
      case 'security-rule':
        return this.applyRule(st, owner);
      case 'efficient-vpn':
        // every statement the grammar reads in this view is known; its settings are not modelled
        return true;
      case 'nat-interzone': {
        if (st.kind !== 'LegacyPolicy') return false;
        const id = st.text('id')!;
        const [from, to, direction] = owner.zones;
        const rule: NatRuleNode = {
          kind: 'nat-rule', range, blockRange: range, path: `nat-policy/rule:interzone-${from}-${to}-${direction}/${id.value}`,
          name: id, legacy: true, sourceZones: [], destinationZones: [], egressInterfaces: [], sourceAddresses: [],
          destinationAddresses: [], services: [],
        };
        // `nat-policy interzone A B outbound`: traffic from the higher-priority zone A towards B.
        const header = node.parent!.line;
        const at = (i: number): Range => rangeOnLine(header, header.tokenStart(i), header.tokenEnd(i));
        if (header.tokenCount >= 5 && header.word(1).toLowerCase() === 'interzone') {
          const inbound = direction.toLowerCase() === 'inbound';
          rule.sourceZones.push({ value: inbound ? to : from, range: at(inbound ? 3 : 2) });
          rule.destinationZones.push({ value: inbound ? from : to, range: at(inbound ? 2 : 3) });
        }
        this.ast.natRules.push(rule);
        return { kind: 'nat-rule', node: rule };
      }
      case 'address-set': {
        if (st.kind === 'SetDescription') return true;
        if (st.kind !== 'AddressSetMember') return false;
        owner.node.members.push(this.address(st, false));
        return true;
      }
      case 'service-set': {
        if (st.kind === 'SetDescription') return true;
        if (st.kind === 'ServiceInclude') {
          owner.node.includes.push(st.text('name')!);
          return true;
        }
        if (st.kind !== 'ServiceMember') return false;
        const protocol = parseProtocol(st.text('protocol')!.value);
        const ports = (field: 'sourcePort' | 'destinationPort'): [number, number] | undefined => {
          const p = st.all(field).map((v) => parsePort(v.value));
          if (p.length === 0 || p.some((x) => x === undefined)) return undefined;
          return [p[0]!, p[p.length - 1]!];
        };
        const sp = ports('sourcePort');
        const dp = ports('destinationPort');
        owner.node.members.push({
          protocol: protocol === undefined ? null : protocol, range,
          ...(sp ? { sourcePorts: sp } : {}), ...(dp ? { destinationPorts: dp } : {}),
        });
        return true;
      }
      case 'nat-address-group': {
        if (st.kind === 'GroupSection') {
          const first = this.ip(st.text('first'));
          const last = this.ip(st.text('last'));
          if (first && last) owner.node.sections.push({ first, last });
          return true;
        }
        if (st.kind === 'GroupMode') {
          owner.node.mode = st.text('value');
          return true;
        }
        return st.kind === 'GroupRoute';
      }
      case 'l2tp-group': {
        if (st.kind === 'L2tpAllow') {
          owner.node.virtualTemplate = st.text('virtualTemplate');
          return true;
        }
        if (st.kind === 'L2tpLnsIp' || st.kind === 'L2tpStart') {
          for (const v of st.all('lns')) {
            const ip = this.ip(v);
            if (ip) owner.node.lnsAddresses.push(ip);
          }
          return true;
        }
        return false;
      }
      default:
        return false;
    }
  }

  private applyInterface(st: Statement, n: InterfaceNode): boolean {
    const range = st.range;
    switch (st.kind) {
      case 'IfAddress': {
        const address = this.ip(st.text('address'));
        const maskText = st.text('mask')!;
        const mask = parseMask(maskText.value);
        if (!address || mask === undefined) return false;
        n.addresses.push({
          range, path: `${n.path}/address:${st.text('address')!.value}`, address,
          mask: { value: mask, range: maskText.range }, sub: st.has('sub'),
        });
        return true;
      }
      case 'IfDynamicAddress': {
        const kind = st.has('unnumbered') ? 'unnumbered' : st.has('pppNegotiate') ? 'ppp-negotiate' : 'dhcp-alloc';
        const at = st.rangeOf('unnumbered') ?? st.rangeOf('pppNegotiate') ?? st.rangeOf('dhcpAlloc')!;
        n.dynamicAddress = { value: kind, range: at };
        const borrowed = st.text('borrowed');
        if (borrowed) n.unnumberedFrom = borrowed;
        return true;
      }
      case 'IfIpsecPolicy': {
        const option = st.text('option');
        n.ipsecPolicy = { name: st.text('name')!, range, ...(option ? { option } : {}) };
        return true;
      }
      case 'IfIpsecProfile':
        n.ipsecProfile = st.text('name');
        return true;
      case 'IfEfficientVpn':
        n.ipsecEfficientVpn = st.text('name');
        return true;
      case 'IfTcpMss':
        n.tcpAdjustMss = this.num(st.text('value'));
        return true;
      case 'IfMtu':
        n.mtu = this.num(st.text('value'));
        return true;
      case 'IfTunnelProtocol':
        n.tunnelProtocol = st.text('value');
        return true;
      case 'IfSource': {
        const parts = st.all('value');
        n.tunnelSource = { value: parts.map((p) => p.value).join(''), range: { start: parts[0].range.start, end: parts[parts.length - 1].range.end } };
        return true;
      }
      case 'IfDestination': {
        const ip = this.ip(st.text('value'));
        if (ip) n.tunnelDestination = ip;
        return true;
      }
      case 'IfVrrp': {
        const ip = this.ip(st.text('virtualIp'));
        if (ip) n.vrrpVirtualIps.push(ip);
        if (ip && st.text('vrrpState')?.value.toLowerCase() === 'standby') (n.vrrpStandbyIps ??= []).push(ip);
        return true;
      }
      case 'IfNatOutbound': {
        const parts = [...st.all('interface'), ...st.all('interfaceUnit')];
        const group = st.text('group');
        n.natOutbound.push({
          acl: st.text('acl')!, range, ...(group ? { addressGroup: group } : {}),
          ...(parts.length ? { interface: { value: parts.map((p) => p.value).join(''), range: { start: parts[0].range.start, end: parts[parts.length - 1].range.end } } } : {}),
        });
        return true;
      }
      case 'IfShutdown':
        n.shutdown = range;
        return true;
      case 'IfVpnBinding': {
        n.vpnBinding = { name: st.text('vpn')!, range };
        return true;
      }
      case 'IfIpv6Enable':
        n.ipv6Enabled = range;
        return true;
      case 'IfIpv6Address': {
        const list = (n.ipv6Addresses ??= []);
        const kindWord = st.text('ipv6Kind')?.value.toLowerCase();
        if (st.has('ipv6Auto')) {
          list.push({ form: 'auto', range, path: `${n.path}/ipv6-address:auto${kindWord ? `-${kindWord}` : ''}` });
          return true;
        }
        const text = st.text('address')!;
        const lengthText = st.text('length');
        const slash = text.value.indexOf('/');
        const words = parseIpv6(slash >= 0 ? text.value.slice(0, slash) : text.value);
        const form: 'global' | 'eui-64' | 'link-local' = kindWord === 'eui-64' ? 'eui-64' : kindWord === 'link-local' ? 'link-local' : 'global';
        const lengthWord = lengthText?.value ?? (slash >= 0 ? text.value.slice(slash + 1) : form === 'link-local' ? '10' : undefined);
        const length = lengthWord === undefined ? undefined : parseIpv6PrefixLength(lengthWord);
        if (!words || length === undefined) return false;
        const addressRange = { start: text.range.start, end: slash >= 0 ? { ...text.range.start, column: text.range.start.column + slash } : text.range.end };
        list.push({
          form, range, path: `${n.path}/ipv6-address:${text.value}`,
          address: { value: form === 'eui-64' ? formatIpv6(ipv6Network(words, length)) : formatIpv6(words), range: addressRange },
          length: { value: length, range: lengthText?.range ?? text.range },
        });
        return true;
      }
      default:
        return false;
    }
  }

  /**
   * `step N` (1-20): the ids the device assigns from now on are multiples of N. Typed in a session
   * it also renumbers the rules already there N, 2N, 3N… in their order (the command reference's
   * "rule IDs are arranged automatically"); in a listing the rules are already stored so.
   */
  private applyAclStep(st: Statement, acl: AclNode): boolean {
    // `undo step` restores the default step (5) and renumbers the same way
    const step = st.kind === 'AclUndoStep' ? 5 : st.line.tokenCount === 2 ? parseInteger(st.line.word(1)) : undefined;
    if (step === undefined || step < 1 || step > 20) return false;
    this.aclStep.set(acl, step);
    let highest = 0;
    if (st.line.prompt) {
      const ordered = [...acl.rules].sort((a, b) => a.id.value - b.id.value);
      ordered.forEach((rule, i) => {
        rule.id = { value: step * (i + 1), range: rule.id.range };
        rule.path = `${acl.path}/rule:${rule.id.value}`;
      });
      highest = ordered.length * step;
    } else {
      for (const rule of acl.rules) highest = Math.max(highest, rule.id.value);
    }
    this.nextAclRuleId.set(acl, (Math.floor(highest / step) + 1) * step);
    return true;
  }

  /** A session's `undo rule N` deletes rule N (its id as the device numbered it: typed ids, `step`). */
  private applyAclUndoRule(st: Statement, acl: AclNode): boolean {
    const id = parseInteger(st.text('ruleNumber')!.value);
    const at = acl.rules.findIndex((rule) => rule.id.value === id);
    if (at < 0) return false;
    acl.rules.splice(at, 1);
    return true;
  }

  private applyAclRule(st: Statement, acl: AclNode): boolean {
    const step = this.aclStep.get(acl) ?? 5;
    const idText = st.text('ruleNumber');
    let id: Val<number>;
    const written = this.num(idText);
    if (written) {
      id = written;
    } else {
      // Rules typed without an id get the next multiple of the step (5, or `step N`) after the highest id.
      const next = this.nextAclRuleId.get(acl) ?? step;
      id = { value: next, range: st.rangeOf('action')! };
    }
    this.nextAclRuleId.set(acl, Math.max(this.nextAclRuleId.get(acl) ?? step, (Math.floor(id.value / step) + 1) * step));
    const actionVal = st.text('action')!;
    const rule: AclRuleNode = {
      kind: 'acl-rule', range: st.range, path: `${acl.path}/rule:${id.value}`, id,
      action: { value: actionVal.value.toLowerCase() === 'deny' ? 'deny' : 'permit', range: actionVal.range },
      options: st.all('aclOption'),
    };
    const proto = st.text('protocol');
    if (proto) {
      const p = parseProtocol(proto.value);
      rule.protocol = { value: p === undefined ? null : p, range: proto.range };
      if (p === undefined) rule.options.push(proto);
    }
    const src = this.aclAddress(st, 'source');
    if (src) rule.source = src;
    const dst = this.aclAddress(st, 'destination');
    if (dst) rule.destination = dst;
    const sp = this.aclPort(st, 'sourcePort');
    if (sp) rule.sourcePort = sp;
    const dp = this.aclPort(st, 'destinationPort');
    if (dp) rule.destinationPort = dp;
    acl.rules.push(rule);
    return true;
  }

  private aclAddress(st: Statement, side: 'source' | 'destination'): AddressSpec | undefined {
    const any = st.text(side === 'source' ? 'sourceAny' : 'destinationAny');
    if (any) return { form: 'any', range: any.range };
    const addr = st.text(side);
    if (!addr) return undefined;
    const wildText = st.text(side === 'source' ? 'sourceWildcard' : 'destinationWildcard');
    const range = wildText ? { start: addr.range.start, end: wildText.range.end } : addr.range;
    const address = parseIpv4(addr.value);
    if (address === undefined) {
      return addr.value.includes(':') ? ipv6Operand(addr.value, wildText?.value, range) : { form: 'unknown', text: addr.value, range };
    }
    const wildcard = wildText ? parseWildcard(wildText.value) : 0;
    if (wildcard === undefined) return { form: 'unknown', text: `${addr.value} ${wildText!.value}`, range };
    return { form: 'wildcard', address, wildcard, range };
  }

  private aclPort(st: Statement, field: 'sourcePort' | 'destinationPort'): PortSpec | undefined {
    const rangeParts = st.all(field === 'sourcePort' ? 'sourcePortRange' : 'destinationPortRange');
    if (rangeParts.length === 2) {
      const first = parsePort(rangeParts[0].value);
      const last = parsePort(rangeParts[1].value);
      if (first === undefined || last === undefined) return undefined;
      return { op: 'range', first, last, range: { start: rangeParts[0].range.start, end: rangeParts[1].range.end } };
    }
    const op = st.text(field === 'sourcePort' ? 'sourcePortOp' : 'destinationPortOp');
    const portText = st.text(field);
    if (!op || !portText) return undefined;
    const port = parsePort(portText.value);
    if (port === undefined) return undefined;
    const range = { start: op.range.start, end: portText.range.end };
    const o = op.value.toLowerCase();
    if (o === 'lt') return { op: 'lt', first: 0, last: Math.max(0, port - 1), range };
    if (o === 'gt') return { op: 'gt', first: Math.min(65535, port + 1), last: 65535, range };
    return { op: 'eq', first: port, last: port, range };
  }

  /** Algorithm lists; NE's `aes-cbc 256` spelling is joined into `aes-cbc-256`. */
  private algorithms(st: Statement): Val<string[]> | undefined {
    const v = st.list('value');
    if (!v) return undefined;
    const out: string[] = [];
    for (const word of v.value) {
      const lower = word.toLowerCase();
      if (/^\d+$/.test(lower) && out.length > 0) out[out.length - 1] += `-${lower}`;
      else out.push(lower);
    }
    return { value: out, range: v.range };
  }

  private applyIkeProposal(st: Statement, n: IkeProposalNode): boolean {
    switch (st.kind) {
      case 'IkeEncryption':
        n.encryption = this.algorithms(st);
        return true;
      case 'IkeAuthentication':
        n.authentication = this.algorithms(st);
        return true;
      case 'IkeDh':
        n.dh = this.algorithms(st);
        return true;
      case 'IkeAuthMethod':
        n.authenticationMethod = st.text('value');
        return true;
      case 'IkeIntegrity':
        n.integrity = this.algorithms(st);
        return true;
      case 'IkePrf':
        n.prf = this.algorithms(st);
        return true;
      case 'IkeLifetime':
        n.lifetime = this.num(st.text('lifetime'));
        return true;
      default:
        return false;
    }
  }

  private version(v: Val<string> | undefined): Val<1 | 2> | undefined {
    if (!v) return undefined;
    const t = v.value.toLowerCase().replace(/^v/, '');
    return t === '1' || t === '2' ? { value: t === '1' ? 1 : 2, range: v.range } : undefined;
  }

  private applyIkePeer(st: Statement, n: IkePeerNode): boolean {
    const range = st.range;
    switch (st.kind) {
      case 'PeerPsk':
        n.preSharedKey = st.secret();
        return true;
      case 'PeerIkeProposal':
        n.ikeProposals.push(st.text('value')!);
        return true;
      case 'PeerRemoteAddress': {
        const vpn = st.text('vpn');
        const auth = st.text('authAddress');
        const host = st.text('hostName');
        const high = this.anyFamilyIp(st.text('high'));
        const address = this.anyFamilyIp(st.text('address') ?? auth);
        const kind = auth ? 'authentication-address' : host ? 'host-name' : high ? 'range' : 'address';
        const label = (st.text('address') ?? auth ?? host)!.value;
        n.remoteAddresses.push({
          kind, range, path: `${n.path}/remote-address:${label}`,
          ...(address ? { address } : {}), ...(high ? { high } : {}), ...(host ? { hostName: host } : {}),
          ...(vpn ? { vpnInstance: vpn } : {}),
        });
        return true;
      }
      case 'PeerLocalAddress': {
        const ip = this.anyFamilyIp(st.text('value'));
        if (ip) n.localAddress = ip;
        return true;
      }
      case 'PeerExchangeMode': {
        const v = st.text('value')!;
        const mode = v.value.toLowerCase();
        if (mode === 'main' || mode === 'aggressive' || mode === 'auto') n.exchangeMode = { value: mode, range: v.range };
        return true;
      }
      case 'PeerVersion': {
        const v = this.version(st.text('value'));
        if (v) n.versions.push(v);
        return true;
      }
      case 'PeerUndoVersion': {
        const v = this.version(st.text('value'));
        if (v) n.undoVersions.push(v);
        return true;
      }
      case 'PeerLocalIdType':
        n.localIdType = st.text('value');
        return true;
      case 'PeerLocalId':
        n.localId = st.text('value');
        return true;
      case 'PeerRemoteIdType': {
        n.remoteIdType = st.text('value');
        const id = st.text('remoteId');
        if (id) n.remoteId = id;
        return true;
      }
      case 'PeerRemoteId':
        n.remoteId = st.text('value');
        return true;
      case 'PeerNatTraversal':
        n.natTraversal = { value: true, range };
        return true;
      case 'PeerUndoNatTraversal':
        n.natTraversal = { value: false, range };
        return true;
      case 'PeerDpd': {
        const type = st.text('dpdType');
        if (type) n.dpdType = type;
        const idle = this.num(st.text('dpdIdleTime'));
        if (idle) n.dpdIdleTime = idle;
        const re = this.num(st.text('dpdRetransmitInterval'));
        if (re) n.dpdRetransmitInterval = re;
        const msg = st.text('dpdMsg');
        if (msg) n.dpdMsg = msg;
        return true;
      }
      case 'PeerRsa': {
        const enc = st.text('encryptionPadding');
        if (enc) n.rsaEncryptionPadding = enc;
        const sig = st.text('signaturePadding');
        if (sig) n.rsaSignaturePadding = sig;
        return true;
      }
      case 'PeerSm4':
        n.sm4Version = st.text('value');
        return true;
      case 'PeerNegotiateCompatible':
        n.negotiateCompatible = range;
        return true;
      case 'PeerIkev2SignHash':
      case 'PeerServiceScheme':
      case 'PeerCertificate':
      case 'PeerSaBinding': {
        const vpn = st.text('vpn');
        if (vpn) n.saBindingVpnInstance = vpn;
        return true;
      }
      case 'PeerDescription':
      case 'PeerAaa':
        return true;
      default:
        return false;
    }
  }

  private applyIpsecProposal(st: Statement, n: IpsecProposalNode): boolean {
    switch (st.kind) {
      case 'ProposalTransform': {
        const v = st.text('value')!;
        const t = v.value.toLowerCase();
        if (t === 'esp' || t === 'ah' || t === 'ah-esp') n.transform = { value: t, range: v.range };
        return true;
      }
      case 'ProposalEncapsulation': {
        const v = st.text('value')!;
        const m = v.value.toLowerCase();
        if (m === 'tunnel' || m === 'transport' || m === 'auto') n.encapsulationMode = { value: m, range: v.range };
        return true;
      }
      case 'ProposalEspAuth':
        n.espAuthentication = this.algorithms(st);
        return true;
      case 'ProposalUndoEspAuth':
        n.espAuthenticationRemoved = st.range;
        return true;
      case 'ProposalEspEncryption':
        n.espEncryption = this.algorithms(st);
        return true;
      case 'ProposalAhAuth':
        n.ahAuthentication = this.algorithms(st);
        return true;
      default:
        return false;
    }
  }

  private applyPolicy(st: Statement, n: PolicySettings): boolean {
    switch (st.kind) {
      case 'PolicySecurityAcl':
        if (st.has('ipv6')) n.aclIpv6 = st.text('acl');
        else n.acl = st.text('acl');
        return true;
      case 'PolicyIkePeer':
        n.ikePeer = st.text('value');
        return true;
      case 'PolicyProposal':
        n.proposals.push(...st.all('value'));
        return true;
      case 'PolicyPfs':
        n.pfs = st.text('value');
        return true;
      case 'PolicyTunnelLocal':
      case 'PolicyLocalAddress':
        n.tunnelLocal = st.text('value');
        return true;
      case 'PolicyTunnelRemote':
      case 'PolicyRemoteAddress':
        n.tunnelRemote = st.text('value');
        return true;
      case 'PolicyTriggerMode': {
        const v = st.text('value')!;
        const m = v.value.toLowerCase();
        if (m === 'auto' || m === 'traffic-based') n.triggerMode = { value: m, range: v.range };
        return true;
      }
      case 'PolicyAlias':
        n.alias = st.text('value');
        return true;
      case 'PolicyUndoEnable':
        n.disabled = st.range;
        return true;
      case 'PolicySaSpi': {
        const value = this.num(st.text('value'));
        if (value) {
          n.manual.spi.push({
            direction: st.text('direction')!.value.toLowerCase() === 'inbound' ? 'inbound' : 'outbound',
            protocol: st.text('saProtocol')!.value.toLowerCase() === 'ah' ? 'ah' : 'esp', value,
          });
        }
        return true;
      }
      case 'PolicySaKey': {
        const secret = st.secret();
        if (secret) {
          n.manual.keys.push({
            direction: st.text('direction')!.value.toLowerCase() === 'inbound' ? 'inbound' : 'outbound',
            protocol: st.text('saProtocol')!.value.toLowerCase() === 'ah' ? 'ah' : 'esp',
            kind: st.text('keyKind')!.value.toLowerCase() as 'string-key' | 'authentication-hex' | 'encryption-hex',
            value: secret,
          });
        }
        return true;
      }
      case 'PolicyRouteInject': {
        const mode = st.text('injectMode');
        n.routeInject = { value: mode ? mode.value.toLowerCase() : '', range: st.range };
        const preference = this.num(st.text('preference'));
        if (preference) n.routeInjectPreference = preference;
        return true;
      }
      case 'PolicySaDuration':
      case 'PolicyEnable':
      case 'PolicyQos':
      case 'PolicyAntiReplay':
      case 'PolicyDescription':
        return true;
      default:
        return false;
    }
  }

  /** Address operands of nat/security rules and address sets (`A mask M`, `A LEN`, `range`, `address-set`, `any`). */
  private address(st: Statement, wildcardForm: boolean): AddressSpec {
    const range = st.range;
    const sub = (field: FieldOf<StatementKind>): Range => st.rangeOf(field) ?? range;
    if (st.has('any')) return { form: 'any', range: sub('any') };
    if (st.has('set')) return { form: 'address-set', name: st.text('set')!.value, range: sub('set') };
    if (st.has('domainSet')) return { form: 'unknown', text: `domain-set ${st.text('domainSet')!.value}`, range };
    if (st.has('first')) {
      const first = parseIpv4(st.text('first')!.value);
      const last = parseIpv4(st.text('last')!.value);
      if (first !== undefined && last !== undefined) return { form: 'range', first, last, range };
      const first6 = canonicalIpv6(st.text('first')!.value);
      const last6 = canonicalIpv6(st.text('last')!.value);
      if (first6 !== undefined && last6 !== undefined) return { form: 'ipv6', text: `range ${st.text('first')!.value} ${st.text('last')!.value}`, address: first6, last: last6, range };
      return { form: 'unknown', text: `range ${st.text('first')!.value} ${st.text('last')!.value}`, range };
    }
    const addrText = st.text('address')!;
    const maskVal = st.text('mask') ?? st.text('length');
    const wildcardVal = st.text('wildcard');
    const spanEnd = (maskVal ?? wildcardVal)?.range.end ?? addrText.range.end;
    const arange = { start: addrText.range.start, end: spanEnd };
    const slash = addrText.value.indexOf('/');
    const ipText = slash >= 0 ? addrText.value.slice(0, slash) : addrText.value;
    const address = parseIpv4(ipText);
    if (address === undefined) {
      // IPv6 takes a prefix length (`FC00:1::1 64`, `2001:db8::/64`), never a dotted mask
      if (ipText.includes(':')) return ipv6Operand(addrText.value, st.has('mask') ? `mask ${maskVal!.value}` : (maskVal ?? wildcardVal)?.value, arange);
      return { form: 'unknown', text: addrText.value, range: arange };
    }
    const maskText = maskVal?.value ?? (slash >= 0 ? addrText.value.slice(slash + 1) : undefined);
    if (wildcardForm && wildcardVal) {
      const w = parseWildcard(wildcardVal.value);
      if (w !== undefined) return { form: 'wildcard', address, wildcard: w, range: arange };
    }
    if (maskText === undefined) return { form: 'wildcard', address, wildcard: 0, range: arange };
    const mask = parseMask(maskText);
    if (mask === undefined) return { form: 'unknown', text: `${addrText.value} ${maskText}`, range: arange };
    return { form: 'wildcard', address, wildcard: ~mask >>> 0, range: arange };
  }

  private applyRule(st: Statement, owner: { kind: 'nat-rule'; node: NatRuleNode } | { kind: 'security-rule'; node: SecurityRuleNode }): boolean {
    const n = owner.node;
    switch (st.kind) {
      case 'RuleSourceZone':
        for (const v of st.all('value')) n.sourceZones.push({ value: v.value.toLowerCase(), range: v.range });
        return true;
      case 'RuleDestinationZone':
        for (const v of st.all('value')) n.destinationZones.push({ value: v.value.toLowerCase(), range: v.range });
        return true;
      case 'RuleEgressInterface': {
        if (owner.kind !== 'nat-rule') return false;
        const parts = st.all('value');
        owner.node.egressInterfaces.push({ value: parts.map((p) => p.value).join(''), range: { start: parts[0].range.start, end: parts[parts.length - 1].range.end } });
        return true;
      }
      case 'RuleSourceAddress':
        n.sourceAddresses.push(this.address(st, false));
        return true;
      case 'RuleDestinationAddress':
        n.destinationAddresses.push(this.address(st, false));
        return true;
      case 'RuleService':
        n.services.push(...st.all('value'));
        return true;
      case 'RuleNatAction': {
        if (owner.kind !== 'nat-rule') return false;
        this.natAction(st, owner.node);
        return true;
      }
      case 'RuleAction': {
        const v = st.text('value')!;
        const action = v.value.toLowerCase();
        if (owner.kind === 'security-rule') {
          if (action === 'permit' || action === 'deny') owner.node.action = { value: action, range: v.range };
        } else {
          owner.node.action = { value: 'other', range: v.range };
        }
        return true;
      }
      case 'RuleDisable':
        n.disabled = st.range;
        return true;
      case 'RuleDescription':
      case 'RuleTimeRange':
        return true;
      default:
        return false;
    }
  }

  private natAction(st: Statement, rule: NatRuleNode): void {
    const range = st.range;
    let action: NatAction = 'other';
    if (st.has('noNat')) action = 'no-nat';
    else if (st.has('easyIp')) action = 'source-nat-easy-ip';
    else if (st.has('group')) action = 'source-nat-address-group';
    else if (st.has('destinationNat')) action = 'destination-nat';
    rule.action = { value: action, range };
    const group = st.text('group');
    if (group) rule.addressGroup = group;
  }

  /** Legacy ` policy N` children (`action source-nat`, `policy source …`, `easy-ip IF`, `address-group G`). */
  applyLegacy(st: Statement, rule: NatRuleNode): boolean {
    switch (st.kind) {
      case 'LegacyAction': {
        if (st.has('noNat')) rule.action = { value: 'no-nat', range: st.range };
        else if (st.has('sourceNat')) {
          // The translation kind comes from a separate `easy-ip` / `address-group` line.
          if (!rule.action || rule.action.value === 'other') rule.action = { value: 'other', range: st.range };
        } else rule.action = { value: 'other', range: st.range };
        return true;
      }
      case 'LegacySource':
        rule.sourceAddresses.push(this.address(st, true));
        return true;
      case 'LegacyDestination':
        rule.destinationAddresses.push(this.address(st, true));
        return true;
      case 'LegacyService':
        return true;
      case 'LegacyEasyIp': {
        const parts = [...st.all('interface'), ...st.all('interfaceUnit')];
        rule.action = { value: 'source-nat-easy-ip', range: st.range };
        rule.egressInterfaces.push({ value: parts.map((p) => p.value).join(''), range: { start: parts[0].range.start, end: parts[parts.length - 1].range.end } });
        return true;
      }
      case 'LegacyAddressGroup':
        rule.action = { value: 'source-nat-address-group', range: st.range };
        rule.addressGroup = st.text('group');
        return true;
      default:
        return false;
    }
  }
}

export { maskFromLength };
