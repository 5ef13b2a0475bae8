import { type Address, parseAddress } from '../flow/address.js';
import { EMPTY_SUMMARY, singleTarget, summariseAst, type DeviceSummary, type EntrySummary } from '../network/summary.js';
import type { TopologyDeclaration } from '../network/types.js';
import { answeringEntry, indexAnswers, normaliseRef, type AnswerIndex, type AnswerView } from '../network/answering-entry.js';
import type { ParseCache } from './cache.js';
import { parseFiles, type ParseOptions, type SourceInput } from './parse-files.js';
import { isModelable, type ParsedFile } from './parsed-file.js';
import type { TargetScope } from './targets.js';

/** One file of a repository run, as the selection sees it. */
export interface SummarisedInput {
  /** Path as shown in reports (what topology declarations and targets name). */
  file: string;
  target: boolean;
  summary: DeviceSummary;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The files whose devices change what a repository run reports about its targets: the targets,
 * the devices they pair with or point at (declared NAT mappings included), the devices pointing at
 * them, declared tunnel partners, the devices that pointed at deleted addresses, and the few
 * devices those neighbours' own rules look at (owners of the addresses their tunnel entries point
 * at, pointers at a device with an unapplied policy, L2TP access concentrators). Every other device
 * pairs with none of these, so leaving it out changes no reported finding.
 *
 * Pairs on summaries the way `buildNetwork` pairs devices (the answering entry is the same
 * function, `answeringEntry`); returns the indexes of `inputs` to load.
 */
export function selectContext(inputs: readonly SummarisedInput[], topology: TopologyDeclaration = {}, deletedAddresses: readonly Address[] = []): Set<number> {
  const owners = new Map<Address, number[]>();
  /** inside address → devices publishing it by `nat server` (a pointer at it is checked against that mapping). */
  const publishers = new Map<Address, number[]>();
  const pointers = new Map<Address, { device: number; entry: EntrySummary }[]>();
  inputs.forEach(({ summary }, i) => {
    for (const address of summary.localAddresses) push(owners, address, i);
    for (const address of summary.published) push(publishers, address, i);
    for (const entry of summary.entries) {
      const seen = new Set<Address>();
      for (const target of entry.targets) {
        if (seen.has(target[0])) continue;
        seen.add(target[0]);
        push(pointers, target[0], { device: i, entry });
      }
    }
  });
  const publicOfPrivate = new Map<Address, Address[]>();
  const privateOfPublic = new Map<Address, Address[]>();
  for (const mapping of topology.natAddresses ?? []) {
    const publicAddress = parseAddress(mapping.public.trim());
    const privateAddress = parseAddress(mapping.private.trim());
    if (publicAddress === undefined || privateAddress === undefined) continue;
    push(publicOfPrivate, privateAddress, publicAddress);
    push(privateOfPublic, publicAddress, privateAddress);
  }
  const visibleAs = (address: Address): Address[] => [address, ...(publicOfPrivate.get(address) ?? [])];
  /** Owners as `buildNetwork` indexes them: the device's own address, or a private one behind a declared public one. */
  const ownersOf = (address: Address): { device: number; address: Address }[] => [
    ...(owners.get(address) ?? []).map((device) => ({ device, address })),
    ...(privateOfPublic.get(address) ?? []).flatMap((privateAddress) => (owners.get(privateAddress) ?? []).map((device) => ({ device, address: privateAddress }))),
  ];

  const answerIndexes = new Map<number, AnswerIndex<EntrySummary>>();
  const answerIndexOf = (device: number): AnswerIndex<EntrySummary> => {
    let index = answerIndexes.get(device);
    if (!index) answerIndexes.set(device, (index = indexAnswers(inputs[device].summary.entries, SUMMARY_ANSWER_VIEW)));
    return index;
  };

  const load = new Set<number>();
  const neighbours = new Set<number>();
  /** A neighbour's end of a tunnel with a target: rules on that tunnel ask who owns what it points at. */
  const loadOwnersOfTargets = (entry: EntrySummary | undefined): void => {
    for (const target of entry?.targets ?? []) for (const owner of ownersOf(target[0])) load.add(owner.device);
  };

  const targets = inputs.flatMap((input, i) => (input.target ? [i] : []));
  for (const t of targets) {
    load.add(t);
    const summary = inputs[t].summary;
    for (const entry of summary.entries) {
      for (const target of entry.targets) {
        for (const publisher of publishers.get(target[0]) ?? []) load.add(publisher);
        for (const owner of ownersOf(target[0])) {
          neighbours.add(owner.device);
          if (owner.device !== t && singleTarget(target) !== undefined) {
            loadOwnersOfTargets(answeringEntry(answerIndexOf(owner.device), owner.address, entry.local, visibleAs)?.entry);
          }
        }
      }
    }
    // a device this target publishes by 'nat server': who points at it, and who owns it (the finding names that end)
    for (const inside of summary.published) {
      for (const pointer of pointers.get(inside) ?? []) load.add(pointer.device);
      for (const owner of ownersOf(inside)) load.add(owner.device);
    }
    for (const local of summary.localAddresses) {
      // a 'nat server' elsewhere publishing this device: a device pointing at the private address is checked against it
      for (const publisher of publishers.get(local) ?? []) load.add(publisher);
      for (const seenAs of visibleAs(local)) {
        for (const owner of ownersOf(seenAs)) load.add(owner.device);
        for (const pointer of pointers.get(seenAs) ?? []) {
          neighbours.add(pointer.device);
          loadOwnersOfTargets(pointer.entry);
        }
      }
    }
  }

  const targetRefs = new Set(targets.flatMap((t) => [normaliseRef(inputs[t].file), ...(inputs[t].summary.sysname ? [inputs[t].summary.sysname] : [])]));
  const matchesRef = (i: number, ref: string): boolean => normaliseRef(inputs[i].file) === normaliseRef(ref) || inputs[i].summary.sysname === ref;
  for (const declared of topology.tunnels ?? []) {
    const [a, b] = declared.ends;
    if (!targetRefs.has(normaliseRef(a)) && !targetRefs.has(a) && !targetRefs.has(normaliseRef(b)) && !targetRefs.has(b)) continue;
    inputs.forEach((_, i) => {
      if (!matchesRef(i, a) && !matchesRef(i, b)) return;
      neighbours.add(i);
      for (const entry of inputs[i].summary.entries) loadOwnersOfTargets(entry);
    });
  }

  for (const address of deletedAddresses) {
    for (const owner of ownersOf(address)) load.add(owner.device);
    for (const pointer of pointers.get(address) ?? []) neighbours.add(pointer.device);
  }

  /**
   * Pairing treats copies of one device (same sysname and addresses) and HRP members sharing an
   * address as one end, keeping one of them: a neighbour's copies and partner decide whether it
   * pairs at all, so they are loaded with it.
   */
  const bySysname = new Map<string, number[]>();
  const hrpOwners = new Map<Address, number[]>();
  inputs.forEach(({ summary }, i) => {
    if (summary.sysname !== undefined) push(bySysname, summary.sysname.toLowerCase(), i);
    if (summary.hrp) for (const address of summary.localAddresses) push(hrpOwners, address, i);
  });
  const loadSameDevice = (n: number): void => {
    const { sysname, hrp, localAddresses } = inputs[n].summary;
    const mine = new Set(localAddresses);
    for (const other of sysname === undefined ? [] : (bySysname.get(sysname.toLowerCase()) ?? [])) {
      if (other !== n && inputs[other].summary.localAddresses.some((address) => mine.has(address))) load.add(other);
    }
    if (hrp) for (const address of localAddresses) for (const other of hrpOwners.get(address) ?? []) load.add(other);
  };
  for (const t of targets) loadSameDevice(t);

  for (const n of neighbours) {
    load.add(n);
    loadSameDevice(n);
    if (inputs[n].target) continue;
    const summary = inputs[n].summary;
    if (summary.unappliedPolicy) {
      for (const local of summary.localAddresses) for (const seenAs of visibleAs(local)) for (const pointer of pointers.get(seenAs) ?? []) load.add(pointer.device);
    }
    for (const entry of summary.entries) {
      if (entry.local === undefined) continue;
      for (const target of entry.targets) {
        for (const owner of ownersOf(target[0])) if (inputs[owner.device].summary.lnsAddresses.includes(entry.local)) load.add(owner.device);
      }
    }
  }
  return load;
}

/** How the shared answering-entry choice reads an entry summary. */
const SUMMARY_ANSWER_VIEW: AnswerView<EntrySummary> = {
  local: (entry) => entry.local,
  template: (entry) => entry.template,
  singleTargets: (entry) => entry.targets.flatMap((target) => singleTarget(target) ?? []),
  passive: (entry) => entry.targets.length === 0,
};

/** Files parsed for a repository run, in input order, and how many context files were left out. */
export interface RepositoryParse {
  parsed: ParsedFile[];
  skipped: number;
}

/**
 * Parses (or reads from the cache) only the files `selectContext` keeps. Files without a cached
 * summary (new, changed, or cached by an older run) are parsed first and always kept: they may be
 * peers, and their summaries take part in the selection.
 */
export async function parseRepositoryFiles(
  inputs: readonly SourceInput[],
  scope: TargetScope,
  topology: TopologyDeclaration | undefined,
  options: ParseOptions & { cache: ParseCache },
): Promise<RepositoryParse> {
  const { cache } = options;
  const summaries = inputs.map((input) => (input.absolutePath ? cache.summary(input.absolutePath, input.content) : undefined));
  const first = inputs.flatMap((_, i) => (summaries[i] === undefined ? [i] : []));
  if (first.length === inputs.length) return { parsed: await parseFiles(inputs, options), skipped: 0 };

  const results: (ParsedFile | undefined)[] = new Array(inputs.length);
  const firstParsed = await parseFiles(
    first.map((i) => inputs[i]),
    options,
  );
  firstParsed.forEach((parsed, j) => {
    const i = first[j];
    results[i] = parsed;
    const summary = isModelable(parsed) ? summariseAst(parsed.file, parsed.text, parsed.ast) : EMPTY_SUMMARY;
    summaries[i] = summary;
    const absolutePath = inputs[i].absolutePath;
    if (absolutePath) cache.setSummary(absolutePath, inputs[i].content, summary);
  });

  const selected = selectContext(
    inputs.map((input, i) => ({ file: input.file, target: scope.targets.has(input.file), summary: summaries[i] ?? EMPTY_SUMMARY })),
    topology,
    scope.deleted.flatMap((device) => device.addresses),
  );
  const rest = inputs.flatMap((_, i) => (selected.has(i) && results[i] === undefined ? [i] : []));
  const restParsed = await parseFiles(
    rest.map((i) => inputs[i]),
    options,
  );
  restParsed.forEach((parsed, j) => (results[rest[j]] = parsed));
  const parsed = results.filter((result): result is ParsedFile => result !== undefined);
  return { parsed, skipped: inputs.length - parsed.length };
}
