import type { AclNode, AclRuleNode, AddressSpec, Val } from '../ast/types.js';
import { ANY6_CUBE, ANY_CUBE, type Cube, fromPrefix6, fromRange, fromRange6, fromWildcard } from '../flow/cube.js';
import { ipv6WordsOf } from '../flow/address.js';
import { BoxIndex, type IndexedBox } from '../flow/box-index.js';
import { type Box, FlowSet, boxContains, boxKey, boxesOverlap, coalesce, makeBox, subtractBox } from '../flow/flow.js';
import { noteBound } from './bounds.js';
import type { Lookups } from './lookups.js';
import { MemoSlot } from './memo.js';
import type { RuleFlow, ServiceMatch } from './types.js';

export interface Cubes {
  cubes: Cube[];
  /** False when part of the operand could not be read (IPv6, placeholder, unknown address-set). */
  exact: boolean;
}

/**
 * Cubes of one address operand. Operands the model cannot read contribute nothing
 * (`exact: false`); callers that must not under-match (NAT, security policy) widen them to any.
 */
export function addressCubes(spec: AddressSpec | undefined, lookups: Lookups, any: readonly Cube[] = [ANY_CUBE]): Cubes {
  if (!spec) return { cubes: [...any], exact: true };
  switch (spec.form) {
    case 'any':
      return { cubes: [...any], exact: true };
    case 'ipv6': {
      if (spec.address === undefined) return { cubes: [], exact: false };
      if (spec.last !== undefined) return { cubes: fromRange6(ipv6WordsOf(spec.address), ipv6WordsOf(spec.last)), exact: true };
      return { cubes: [fromPrefix6(ipv6WordsOf(spec.address), spec.length ?? 128)], exact: true };
    }
    case 'wildcard':
      return { cubes: [fromWildcard(spec.address, spec.wildcard)], exact: true };
    case 'range':
      return spec.first <= spec.last ? { cubes: fromRange(spec.first, spec.last), exact: true } : { cubes: [], exact: false };
    case 'address-set': {
      const expanded = lookups.expandAddressSet(spec.name);
      const result: Cubes = { cubes: [], exact: expanded.unresolved.length === 0 };
      for (const member of expanded.members) {
        const part = addressCubes(member, lookups, any);
        for (const cube of part.cubes) result.cubes.push(cube);
        result.exact &&= part.exact;
      }
      return result;
    }
    default:
      return { cubes: [], exact: false };
  }
}

/**
 * Every address of both families: a security-policy or NAT rule without an address operand (or
 * with `any`) matches IPv4 and IPv6 packets alike.
 */
export const ANY_BOTH: readonly Cube[] = [ANY_CUBE, ANY6_CUBE];

/** Union of several operands (rule lines repeat: `source-address` ×2); none = any address of either family. */
export function operandCubes(specs: readonly AddressSpec[], lookups: Lookups, unreadableAsAny: boolean): Cubes {
  if (specs.length === 0) return { cubes: [...ANY_BOTH], exact: true };
  const result: Cubes = { cubes: [], exact: true };
  for (const spec of specs) {
    const part = addressCubes(spec, lookups, ANY_BOTH);
    // an address-set can hold hundreds of thousands of cubes: no spread
    for (const cube of part.cubes) result.cubes.push(cube);
    result.exact &&= part.exact;
  }
  if (!result.exact && unreadableAsAny) result.cubes = [...ANY_BOTH];
  return result;
}

export function boxesOf(src: Cube[], dst: Cube[], services: readonly ServiceMatch[]): Box[] {
  const boxes: Box[] = [];
  for (const s of src) {
    for (const d of dst) {
      // no packet goes from an IPv4 source to an IPv6 destination
      if ((s.hi === undefined) !== (d.hi === undefined)) continue;
      for (const service of services) {
        boxes.push(
          makeBox({
            src: s,
            dst: d,
            protocol: service.protocol,
            srcPorts: service.sourcePorts,
            dstPorts: service.destinationPorts,
          }),
        );
      }
    }
  }
  return boxes;
}

/** Services of a rule's `service` lines; unknown names widen to any (`exact: false`). */
export function serviceMatches(
  names: readonly Val<string>[],
  lookups: Lookups,
): { services: ServiceMatch[]; exact: boolean } {
  if (names.length === 0) return { services: [{ protocol: null }], exact: true };
  const services: ServiceMatch[] = [];
  for (const name of names) {
    const expanded = lookups.expandService(name.value);
    if (!expanded) return { services: [{ protocol: null }], exact: false };
    for (const service of expanded) services.push(service);
  }
  return { services, exact: true };
}

/** Flows one ACL rule matches (source = the rule's source, destination = its destination). */
export function aclRuleFlows(rule: AclRuleNode, lookups: Lookups, ipv6 = false): { flows: FlowSet; exact: boolean } {
  // an IPv6 ACL (`acl ipv6 number 3000`) matches IPv6 packets only, an IPv4 one IPv4 packets only
  const any = ipv6 ? [ANY6_CUBE] : [ANY_CUBE];
  const src = addressCubes(rule.source, lookups, any);
  const dst = addressCubes(rule.destination, lookups, any);
  const service: ServiceMatch = {
    protocol: rule.protocol?.value ?? null,
    sourcePorts: rule.sourcePort ? [rule.sourcePort.first, rule.sourcePort.last] : undefined,
    destinationPorts: rule.destinationPort ? [rule.destinationPort.first, rule.destinationPort.last] : undefined,
  };
  return { flows: FlowSet.ofBoxes(boxesOf(src.cubes, dst.cubes, [service])), exact: src.exact && dst.exact };
}

export interface AclFlows {
  /** What the ACL permits (earlier rules carved out of later ones: first match wins). */
  readonly protectedFlows: FlowSet;
  /** Permit rules in ascending rule order; each `effective` is computed on first read. */
  readonly ruleFlows: RuleFlow[];
  readonly exact: boolean;
}

export interface AclFlowLimits {
  /** Earlier intersecting boxes subtracted from one rule (default 512). */
  readonly maxCandidates?: number;
  /** Boxes one rule's effective flows may split into (default 4096, as `FlowSet.subtract`). */
  readonly maxBoxes?: number;
  /** Box-against-box steps spent on one rule's subtraction (default 262,144). */
  readonly maxWork?: number;
  /**
   * Steps spent on the whole ACL (default 2,000,000): index nodes visited, box-against-box steps,
   * and each box compacted counts eight (compaction is the dearer part). Past it, the rules left
   * are not split: each keeps its own flows, a superset.
   */
  readonly maxAclWork?: number;
  /** Pieces that splitting may add to the ACL's effective flows, over the rules' own boxes (default 32,768); past it, as `maxAclWork`. */
  readonly maxAclBoxes?: number;
}

const DEFAULT_LIMITS: Required<AclFlowLimits> = { maxCandidates: 512, maxBoxes: 4096, maxWork: 262_144, maxAclWork: 2_000_000, maxAclBoxes: 32_768 };

/** What a compacted box costs against `maxAclWork`, in box-against-box steps. */
const COMPACTION_COST = 8;

type CapReason = 'candidates' | 'boxes' | 'work' | 'acl';

/** Work and boxes left to the sweep of one ACL, and the rules it could not split exactly. */
interface SweepBudget {
  work: number;
  boxes: number;
  readonly capped: { rule: AclRuleNode; reason: CapReason }[];
}

interface OwnFlows {
  readonly rule: AclRuleNode;
  readonly flows: FlowSet;
  readonly exact: boolean;
}

class PermitRuleFlow implements RuleFlow {
  readonly #model: AclFlowModel;
  readonly #position: number;

  constructor(
    readonly rule: AclRuleNode,
    readonly flows: FlowSet,
    model: AclFlowModel,
    position: number,
  ) {
    this.#model = model;
    this.#position = position;
  }

  get effective(): FlowSet {
    return this.#model.effectiveAt(this.#position);
  }
}

/**
 * First-match evaluation of one ACL, computed on demand.
 *
 * A permit's effective flows are its own flows minus the boxes of earlier rules that intersect
 * them, found with a `BoxIndex` over the earlier rules' distinct boxes (an identical earlier box
 * is caught by a hash map), so typical ACLs of mostly disjoint rules cost one index lookup per rule.
 *
 * Per-rule caps (`AclFlowLimits`): when a rule meets more intersecting earlier boxes than
 * `maxCandidates`, or its remainder would exceed `maxBoxes` boxes or `maxWork` steps, subtraction
 * stops there and the result is a SUPERSET of the true effective flows with `exact: false`. So a
 * capped rule is never wrongly "fully covered" (empty); and since `exact` (the entry's
 * `flowsExact`) turns false too, consumers that compare ACLs (mirror/inclusion checks) answer
 * "unknown" instead of reporting a mismatch from the approximation.
 */
class AclFlowModel implements AclFlows {
  readonly #acl: AclNode;
  readonly #lookups: Lookups;
  readonly #limits: Required<AclFlowLimits>;
  #own: OwnFlows[] | undefined;
  #permitList: { flows: PermitRuleFlow[]; positions: number[] } | undefined;
  #effective: FlowSet[] | undefined;
  #protected: FlowSet | undefined;
  #exact: boolean | undefined;

  constructor(acl: AclNode, lookups: Lookups, limits: Required<AclFlowLimits>) {
    this.#acl = acl;
    this.#lookups = lookups;
    this.#limits = limits;
  }

  get ruleFlows(): RuleFlow[] {
    return this.#permits().flows;
  }

  get protectedFlows(): FlowSet {
    if (!this.#protected) {
      const effective = this.#sweep();
      const permitted = this.#permits().positions.map((position) => effective[position]);
      const exact = permitted.every((set) => set.exact);
      // exact effective sets are pairwise disjoint, so one compaction at the end replaces
      // per-step unions; it only merges neighbours (readability), so huge ACLs skip it
      const boxes = permitted.flatMap((set) => set.boxes);
      this.#protected = FlowSet.fromBoxes(boxes.length > COMPACTION_LIMIT ? boxes : coalesce(boxes), exact);
    }
    return this.#protected;
  }

  get exact(): boolean {
    const type = this.#acl.type;
    this.#exact ??= (type === 'advanced' || type === 'basic' || type === 'ipv6') && this.#ownFlows().every((own) => own.exact) && this.protectedFlows.exact;
    return this.#exact;
  }

  effectiveAt(position: number): FlowSet {
    return this.#sweep()[position];
  }

  #permits(): { flows: PermitRuleFlow[]; positions: number[] } {
    if (!this.#permitList) {
      const permits = { flows: [] as PermitRuleFlow[], positions: [] as number[] };
      this.#ownFlows().forEach((entry, position) => {
        if (entry.rule.action.value !== 'permit') return;
        permits.flows.push(new PermitRuleFlow(entry.rule, entry.flows, this, position));
        permits.positions.push(position);
      });
      this.#permitList = permits;
    }
    return this.#permitList;
  }

  #ownFlows(): OwnFlows[] {
    if (!this.#own) {
      const rules = [...this.#acl.rules].sort((a, b) => a.id.value - b.id.value);
      const ipv6 = this.#acl.type === 'ipv6';
      this.#own = rules.map((rule) => ({ rule, ...aclRuleFlows(rule, this.#lookups, ipv6) }));
    }
    return this.#own;
  }

  /** Effective flows of every rule (denies: EMPTY, they are never read), in one ordered pass. */
  #sweep(): FlowSet[] {
    if (this.#effective) return this.#effective;
    const own = this.#ownFlows();
    const earlier = new BoxIndex<number>();
    const firstByKey = new Map<string, number>();
    const effective: FlowSet[] = [];
    const budget: SweepBudget = { work: this.#limits.maxAclWork, boxes: this.#limits.maxAclBoxes, capped: [] };
    for (let position = 0; position < own.length; position++) {
      const { rule, flows } = own[position];
      const keys = flows.boxes.map(boxKey);
      if (rule.action.value === 'permit') {
        const carved = this.#carve(flows, keys, earlier, firstByKey, budget);
        if (carved.reason) budget.capped.push({ rule, reason: carved.reason });
        // only the pieces splitting made count: disjoint rules of a huge ACL cost nothing here
        budget.boxes -= Math.max(0, carved.flows.boxes.length - flows.boxes.length);
        effective.push(carved.flows);
      } else {
        effective.push(FlowSet.EMPTY);
      }
      // once the budget is spent no later rule looks earlier boxes up
      if (budget.work <= 0 || budget.boxes <= 0) continue;
      for (let i = 0; i < keys.length; i++) {
        if (firstByKey.has(keys[i])) continue;
        firstByKey.set(keys[i], position);
        earlier.insert(flows.boxes[i], position);
      }
    }
    this.#effective = effective;
    if (budget.capped.length > 0) noteBound(this.#lookups, `acl-flows:${this.#acl.path}`, this.#boundMessage(budget, own.length));
    return effective;
  }

  #boundMessage(budget: SweepBudget, rules: number): string {
    const { maxCandidates, maxBoxes, maxWork, maxAclWork, maxAclBoxes } = this.#limits;
    const ids = (list: { rule: AclRuleNode }[]): string => {
      const shown = list.slice(0, 3).map(({ rule }) => rule.id.value).join(', ');
      return list.length > 3 ? `${shown} and ${list.length - 3} more` : shown;
    };
    const acl = budget.capped.filter((c) => c.reason === 'acl');
    const own = budget.capped.filter((c) => c.reason !== 'acl');
    const parts: string[] = [];
    if (own.length > 0) {
      const who = own.length === 1 ? `permit rule ${ids(own)} meets` : `${own.length} permit rules (${ids(own)}) meet`;
      parts.push(`${who} more than ${count(maxCandidates)} overlapping earlier boxes, or would split into more than ${count(maxBoxes)} pieces or take more than ${count(maxWork)} steps`);
    }
    if (acl.length > 0) {
      const who = acl.length === 1 ? `permit rule ${acl[0].rule.id.value} keeps its` : `${acl.length} permit rules from rule ${acl[0].rule.id.value} on keep their`;
      parts.push(`its ${count(rules)} rules would take more than ${count(maxAclWork)} steps or ${count(maxAclBoxes)} pieces to split exactly, so ${who} own flows`);
    }
    return (
      `ACL ${this.#acl.key.value}: which flows each rule takes first is bounded, not exact: ${parts.join('; ')}. ` +
      'Checks of those rules see a superset of their flows (some may belong to an earlier rule), and checks comparing the ACL with another answer "unknown"'
    );
  }

  #carve(own: FlowSet, keys: readonly string[], earlier: BoxIndex<number>, firstByKey: Map<string, number>, budget: SweepBudget): { flows: FlowSet; reason?: CapReason } {
    const { maxCandidates, maxBoxes } = this.#limits;
    const boxes = own.boxes;
    // the ACL's budget is spent (for good: it only goes down): the rules left keep their own flows
    if (budget.work <= 0 || budget.boxes <= 0) return { flows: FlowSet.fromBoxes(boxes, false), reason: 'acl' };
    const maxWork = Math.min(this.#limits.maxWork, budget.work);
    let remaining: Box[] = [];
    const candidates = new Map<Box, number>();
    let exact = true;
    let current: Box = boxes[0];
    let covered = false;
    let capped = false;
    const collect = (item: IndexedBox<number>): boolean => {
      if (boxContains(item.box, current)) {
        covered = true;
        return false;
      }
      if (candidates.has(item.box)) return true;
      if (candidates.size >= maxCandidates) {
        capped = true;
        return false;
      }
      candidates.set(item.box, item.payload);
      return true;
    };
    for (let i = 0; i < boxes.length; i++) {
      if (firstByKey.has(keys[i])) continue;
      current = boxes[i];
      covered = capped = false;
      budget.work -= earlier.query(current, collect);
      // the scan stopped early: a container may be among the boxes it did not reach
      if (covered || (capped && earlier.findContaining(current))) continue;
      if (capped) exact = false;
      remaining.push(current);
    }
    const reason: CapReason | undefined = exact ? undefined : 'candidates';
    if (exact && candidates.size === 0 && remaining.length === boxes.length) return { flows: own }; // disjoint from every earlier rule: the common case
    if (remaining.length === 0 || candidates.size === 0) return { flows: FlowSet.fromBoxes(remaining, exact), reason };

    const ordered = subtrahends([...candidates].sort((a, b) => a[1] - b[1]).map(([box]) => box));
    const boxLimit = Math.max(maxBoxes, remaining.length);
    let work = 0;
    let stopped: CapReason | undefined = reason;
    // compacted after every step that adds pieces while small, then once grown by a quarter (as FlowSet.subtract)
    let compacted = remaining.length;
    for (const subtrahend of ordered) {
      if (remaining.length === 0) break;
      if (work > maxWork) {
        stopped = maxWork < this.#limits.maxWork ? 'acl' : 'work';
        break;
      }
      let next: Box[] = [];
      for (const box of remaining) {
        work++;
        if (!boxesOverlap(box, subtrahend)) next.push(box);
        else for (const piece of subtractBox(box, subtrahend)) next.push(piece);
      }
      if (next.length > remaining.length && (next.length <= EAGER_COMPACTION || next.length > 2 * compacted || next.length > boxLimit)) {
        work += COMPACTION_COST * next.length;
        next = coalesce(next);
        compacted = next.length;
      }
      if (next.length > boxLimit) {
        stopped = 'boxes';
        break;
      }
      remaining = next;
    }
    if (remaining.length > compacted) {
      work += COMPACTION_COST * remaining.length;
      remaining = coalesce(remaining);
    }
    budget.work -= work;
    return { flows: FlowSet.fromBoxes(remaining, exact && stopped === undefined), reason: stopped };
  }
}

/** `1234567` → `1,234,567` (notes). */
function count(n: number): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US') : 'unlimited';
}

/** Remainders up to this many boxes are compacted after every subtraction step that splits boxes. */
const EAGER_COMPACTION = 32;

/** Protected flows with more boxes than this are not compacted (coalescing tens of thousands of boxes costs more than the whole sweep). */
const COMPACTION_LIMIT = 1024;

/** Past this many candidates the containment filter is skipped (it is quadratic in them). */
const CONTAINMENT_FILTER_LIMIT = 64;

/**
 * Earlier boxes to subtract, in rule order: boxes inside another candidate dropped and siblings
 * merged, which keeps the remainder from splintering (`dst /32` then `dst /31` is one hole).
 */
function subtrahends(boxes: Box[]): Box[] {
  const kept =
    boxes.length > CONTAINMENT_FILTER_LIMIT ? boxes : boxes.filter((box, i) => !boxes.some((other, j) => j !== i && boxContains(other, box)));
  return coalesce(kept);
}

const ACL_FLOWS = new MemoSlot<AclNode, AclFlowModel>('acl flows');

/**
 * Permit flows of an ACL in ascending rule order, each rule minus what earlier rules matched.
 * Lazy: nothing beyond the object is computed until a field is read. With default limits the
 * result is shared per (lookups, ACL), so policies and NAT evaluation reusing an ACL pay once.
 */
export function protectedFlowsOf(acl: AclNode | undefined, lookups: Lookups, limits?: AclFlowLimits): AclFlows {
  if (!acl) return { protectedFlows: FlowSet.EMPTY, ruleFlows: [], exact: false };
  if (limits) return new AclFlowModel(acl, lookups, { ...DEFAULT_LIMITS, ...limits });
  return lookups.memo.get(ACL_FLOWS, acl, () => new AclFlowModel(acl, lookups, DEFAULT_LIMITS));
}
