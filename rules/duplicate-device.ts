import { formatIpv4 } from '../src/flow/ipv4.js';
import { ignoreGlob } from '../src/network/identity.js';
import type { RelatedLocation } from './types.js';
import type { NetworkRule } from './types.js';
import { NO_OPTIONS } from './_lib/options.js';

const rule: NetworkRule = {
  meta: {
    id: 'duplicate-device',
    description: 'Two files describe the same device, or a remote address belongs to several devices of the run',
    scope: 'network',
    defaultSeverity: 'warning',
    presets: ['recommended', 'strict'],
    tags: ['pairing', 'repository', 'addressing'],
    messages: {
      copy:
        'This file describes the same device as "{{kept}}" (sysname "{{sysname}}", the same interface addresses){{why}}: fwlint leaves it out of tunnel pairing, so the peers are checked against "{{kept}}" alone and an outdated copy cannot cause false mismatches. If it is an old copy, list it in "ignores" in the fwlint config (for example "{{glob}}"); if it is another device, give it its own sysname.',
      ambiguousChosen:
        'remote-address "{{address}}" belongs to {{count}} devices of this run ({{files}}); fwlint pairs this tunnel with "{{chosen}}" because {{evidence}}. If the other files are old copies or another network\'s configurations, list them in "ignores" in the fwlint config so the pairing does not rest on a guess.',
      ambiguousUnpaired:
        'remote-address "{{address}}" belongs to {{count}} devices of this run ({{files}}) and nothing in their configurations tells which one answers, so this tunnel is not paired and its two-end checks do not run; list the files that are not this peer in "ignores" in the fwlint config.',
    },
    optionsSchema: NO_OPTIONS,
    noFix:
      'Which of the files is the current configuration of the device (or which device really owns the address) is not in the configurations; remove or correct the stale file by hand.',
    since: '0.1.0',
  },
  check(context) {
    const { network } = context;
    for (const { copy, kept, why } of network.duplicates) {
      const sysname = copy.ast.globals.sysname;
      const keptSysname = kept.ast.globals.sysname;
      if (!sysname) continue;
      context.report({
        file: copy.file,
        range: sysname.range,
        objectPath: `device:${sysname.value}`,
        messageId: 'copy',
        data: {
          kept: kept.file,
          sysname: sysname.value,
          why: why === 'path' ? ', and its path marks it as an old copy' : ', and neither path marks an old copy, so the first by path is kept',
          glob: ignoreGlob(copy.file),
        },
        related: keptSysname ? [{ file: kept.file, range: keptSysname.range, message: 'the file fwlint pairs tunnels with' }] : [],
      });
    }
    const reported = new Set<string>();
    for (const ambiguity of network.ambiguities) {
      const { device, entry, target, owners, chosen, evidence } = ambiguity;
      const key = `${device.file}:${target.range.line}:${target.range.column}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const related: RelatedLocation[] = owners.flatMap((owner) => {
        const fact = owner.ownerFacts(target.address)[0];
        return fact ? [{ file: owner.file, range: fact.range, message: `${formatIpv4(target.address)} on ${owner.name}` }] : [];
      });
      context.report({
        file: device.file,
        range: target.range,
        objectPath: entry.ikePeer?.path ?? entry.id,
        messageId: chosen ? 'ambiguousChosen' : 'ambiguousUnpaired',
        data: {
          address: formatIpv4(target.address),
          count: owners.length,
          files: owners.map((owner) => `"${owner.file}"`).join(', '),
          ...(chosen ? { chosen: chosen.file, evidence: evidence.join(', ') } : {}),
        },
        related,
      });
    }
  },
};

export default rule;
