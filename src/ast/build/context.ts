import { spanRanges, type Range, type Val } from '../../text/range.js';
import type { StructNode } from '../../text/views.js';
import type { Statement, StatementKind } from '../statement.js';
import type {
  AclNode, AddressSetNode, ConfigAst, IkePeerNode, IkeProposalNode, InterfaceNode, IpsecProposalNode, L2tpGroupNode,
  NatAddressGroupNode, NatRuleNode, PolicySettings, SecurityPolicyNode, SecurityRuleNode, ServiceSetNode, ZoneNode,
} from '../types.js';

/** The view a line sits in, as the handlers of its statements see it (the node its settings go to). */
export type Owner =
  | { kind: 'interface'; node: InterfaceNode }
  | { kind: 'zone'; node: ZoneNode }
  | { kind: 'acl'; node: AclNode }
  | { kind: 'ike-proposal'; node: IkeProposalNode }
  | { kind: 'ike-peer'; node: IkePeerNode }
  | { kind: 'ipsec-proposal'; node: IpsecProposalNode }
  | { kind: 'policy'; node: PolicySettings & { path: string } }
  | { kind: 'nat-rule'; node: NatRuleNode }
  /** A ` policy N` of `nat-policy interzone …` (its node has `legacy: true`). */
  | { kind: 'legacy-nat-rule'; node: NatRuleNode }
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

export type OwnerKind = Owner['kind'];
export type OwnerOf<O extends OwnerKind> = Extract<Owner, { kind: O }>;
/** A view VRP merges when its header is repeated: found again by its node's path. */
export type ViewOwner = Owner & { node: { path: string } };

/** What the statement handlers share of the builder (src/ast/build.ts). */
export interface BuildContext {
  readonly ast: ConfigAst;
  /** Adds a view's node to `list`, or returns the view already opened at the same path (VRP merges them). */
  openView(list: object[], owner: ViewOwner): Owner;
  /** Keeps the line as a generic (unmodelled) statement too. */
  generic(node: StructNode): void;
  /** `step N` of an ACL: the gap between the ids the device assigns (5 by default). */
  readonly aclStep: Map<AclNode, number>;
  /** The id the device gives the next rule typed without one. */
  readonly nextAclRuleId: Map<AclNode, number>;
}

/**
 * A statement of one of the kinds `K`, by its public members: a handler or helper several kinds
 * share takes any of them (`Statement<K>` itself is invariant in `K`).
 */
export type StatementOf<K extends StatementKind> = Pick<Statement<K>, keyof Statement>;

/**
 * Applies one statement of kind `K` in view `owner`: returns the owner for child lines, `true`
 * when handled without children, `false` when not modelled here (the line stays generic).
 */
export type Handler<K extends StatementKind, O> = (b: BuildContext, st: Statement<K>, owner: O, node: StructNode) => Owner | boolean;

/** A handler several statement kinds share (`Handler<'A' | 'B', O>` would not be a `Handler<'A', O>`). */
export type SharedHandler<K extends StatementKind, O> = (b: BuildContext, st: StatementOf<K>, owner: O, node: StructNode) => Owner | boolean;

/** Handlers by statement kind: a kind the grammar does not have does not compile. */
export type Handlers<O> = { readonly [K in StatementKind]?: Handler<K, O> };

/** The range and (until the view closes) block range of a view header. */
export function viewRange(st: { readonly range: Range }): { range: Range; blockRange: Range } {
  const range = st.range;
  return { range, blockRange: range };
}

/** Words the grammar splits (`GigabitEthernet` `0/0/1`) as one name spanning them. */
export function joined(parts: Val<string>[]): Val<string> {
  return { value: parts.map((p) => p.value).join(''), range: spanRanges(parts[0].range, parts[parts.length - 1].range) };
}
