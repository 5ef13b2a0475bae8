import { FILE_SHAPE_WORDS, matchWords, ShapeBudget } from '../grammar/shapes.js';
import { rangeOnLine } from '../text/lines.js';
import { spanRanges, type Range, type Val } from '../text/range.js';
import { IPSEC_VIEWS } from '../text/view-kinds.js';
import type { StructNode } from '../text/views.js';
import { ACL_HEADER, ACL_VIEW } from './build/acl.js';
import type { BuildContext, Handler, Handlers, Owner, OwnerKind, OwnerOf, ViewOwner } from './build/context.js';
import { IKE_HEADERS, IKE_PEER_VIEW, IKE_PROPOSAL_VIEW } from './build/ike.js';
import { INTERFACE_HEADER, INTERFACE_VIEW } from './build/interface.js';
import { IPSEC_HEADERS, IPSEC_PROPOSAL_VIEW, POLICY_VIEW } from './build/ipsec.js';
import { CONTEXT, HEADS } from './build/line-contexts.js';
import { LEGACY_NAT_RULE_VIEW, NAT_HEADERS, NAT_INTERZONE_VIEW, NAT_POLICY_VIEW } from './build/nat.js';
import { ADDRESS_SET_VIEW, L2TP_GROUP_VIEW, NAT_ADDRESS_GROUP_VIEW, OBJECT_HEADERS, SERVICE_SET_VIEW, ZONE_VIEW } from './build/objects.js';
import { NAT_RULE_VIEW, SECURITY_RULE_VIEW } from './build/rule.js';
import { SECURITY_POLICY_HEADER, SECURITY_POLICY_VIEW } from './build/security-policy.js';
import { TOP_LEVEL } from './build/top-level.js';
import { type Statement, statementOf, type StatementKind } from './statement.js';
import { unmodelledFeatureOf, type UnmodelledFeature } from './unmodelled.js';
import type { AclNode, ConfigAst, ParseDiagnostic } from './types.js';
import { maskFromLength } from './values.js';

/*
 * The walk over the view tree: each line is matched against its view's line context and the
 * statement handed to its handler (src/ast/build/: one module per view, tables keyed by statement
 * kind); what no handler models stays a generic statement, a line that fits no shape a syntax error.
 */

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

export class AstBuilder implements BuildContext {
  readonly nextAclRuleId = new Map<AclNode, number>();
  /** `step N` of an ACL: the gap between the ids the device assigns (5 by default). */
  readonly aclStep = new Map<AclNode, number>();
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

  constructor(readonly ast: ConfigAst) {}

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
    return spanRanges(this.lineRange(node), this.lineRange(last));
  }

  openView(list: object[], owner: ViewOwner): Owner {
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
      view.blockRange = this.closedViews.has(view) ? spanRanges(view.blockRange, block) : block;
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
  generic(node: StructNode): void {
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

  /** Returns the owner for child lines, `true` when handled without children, `false` when not modelled here. */
  private apply(st: Statement, owner: Owner, node: StructNode): Owner | boolean {
    // Top-level statements (view headers, globals, routes) are read whatever view they sit in.
    const top = STATEMENTS[st.kind] as Handler<StatementKind, Owner> | undefined;
    if (top) return top(this, st, owner, node);
    // every statement the grammar reads in this view is known; its settings are not modelled
    if (owner.kind === 'efficient-vpn') return true;
    const inView = (VIEWS[owner.kind] as Handlers<Owner>)[st.kind] as Handler<StatementKind, Owner> | undefined;
    return inView ? inView(this, st, owner, node) : false;
  }
}

/** The statements read wherever they appear: the view headers, the device's globals, routes, `nat server`. */
const STATEMENTS: Handlers<Owner> = {
  ...TOP_LEVEL, ...INTERFACE_HEADER, ...ACL_HEADER, ...IKE_HEADERS, ...IPSEC_HEADERS, ...NAT_HEADERS,
  ...SECURITY_POLICY_HEADER, ...OBJECT_HEADERS,
};

/** The statements of each view, by the kind of view (owner) the line sits in. */
const VIEWS: { readonly [O in Exclude<OwnerKind, 'efficient-vpn'>]: Handlers<OwnerOf<O>> } = {
  interface: INTERFACE_VIEW,
  zone: ZONE_VIEW,
  acl: ACL_VIEW,
  'ike-proposal': IKE_PROPOSAL_VIEW,
  'ike-peer': IKE_PEER_VIEW,
  'ipsec-proposal': IPSEC_PROPOSAL_VIEW,
  policy: POLICY_VIEW,
  'nat-policy': NAT_POLICY_VIEW,
  'nat-rule': NAT_RULE_VIEW,
  'nat-interzone': NAT_INTERZONE_VIEW,
  'legacy-nat-rule': LEGACY_NAT_RULE_VIEW,
  'security-policy': SECURITY_POLICY_VIEW,
  'security-rule': SECURITY_RULE_VIEW,
  'address-set': ADDRESS_SET_VIEW,
  'service-set': SERVICE_SET_VIEW,
  'nat-address-group': NAT_ADDRESS_GROUP_VIEW,
  'l2tp-group': L2TP_GROUP_VIEW,
  none: {},
};

export { maskFromLength };
