import type { NodeBase, Val } from '../src/ast/types.js';
import type { DeviceRule, DeviceRuleContext, Report } from './types.js';

/** Algorithms every current security baseline rejects; VRP spellings of both generations. */
const WEAK = new Set([
  'des',
  'des-cbc',
  '3des',
  '3des-cbc',
  'md5',
  'sha1',
  'hmac-md5',
  'hmac-sha1',
  'hmac-md5-96',
  'hmac-sha1-96',
  'group1',
  'group2',
  'group5',
  'dh-group1',
  'dh-group2',
  'dh-group5',
]);

const STRONGER: Record<string, string> = {
  encryption: 'aes-256',
  authentication: 'sha2-256',
  integrity: 'hmac-sha2-256',
  prf: 'hmac-sha2-256',
  dh: 'group14',
  pfs: 'dh-group14',
};

/** The stronger value in the line's own generation of spellings: the older AR IKE form `3des-cbc` gets `aes-cbc-256`. */
function strongerFor(kind: keyof typeof STRONGER, weak: readonly string[]): string {
  if (kind === 'encryption' && weak.every((name) => name.toLowerCase().endsWith('-cbc'))) return 'aes-cbc-256';
  return STRONGER[kind];
}

/**
 * Unsafe (the other end must change too): the weak names replaced by the stronger value, the strong
 * names of a multi-valued line kept. The other end's finding carries the same edit of its own line,
 * computed from the same table, so the two ends still agree once both are applied.
 */
function fixFor(value: Val<string[]> | Val<string>, names: readonly string[], weak: readonly string[], stronger: string): Pick<Report, 'fix'> {
  const kept = names.filter((name) => !weak.includes(name));
  const text = kept.length > 0 ? kept.join(' ') : stronger;
  return { fix: { applicability: 'unsafe', edits: [{ kind: 'replace', range: value.range, text }] } };
}

// A type alias (not an interface) so it is assignable to the registry's Record<string, unknown> options.
type Options = { allow: string[] };

const rule: DeviceRule<Options> = {
  meta: {
    id: 'weak-crypto-algorithm',
    description: 'An IKE or IPSec proposal, or a PFS setting, uses DES, 3DES, MD5, SHA-1 or DH group 1, 2 or 5',
    scope: 'device',
    defaultSeverity: 'warning',
    presets: ['recommended'],
    tags: ['ipsec', 'ike', 'hygiene', 'crypto'],
    messages: {
      weak:
        '{{what}} offers {{algorithms}}, which {{verb}} broken or too weak to protect the tunnel and {{needs}} the WEAKEA component on current USG software; use "{{stronger}}" (and the same on the other end).',
      weakNotUsg:
        '{{what}} offers {{algorithms}}, which {{verb}} broken or too weak to protect the tunnel; use "{{stronger}}" (and the same on the other end).',
    },
    fixable: true,
    optionsSchema: {
      type: 'object',
      properties: {
        allow: {
          type: 'array',
          items: { type: 'string' },
          default: [],
          description: 'Algorithm names to accept anyway (e.g. "group5" for a legacy peer being migrated).',
        },
      },
      additionalProperties: false,
    },
    since: '0.1.0',
  },
  check(context: DeviceRuleContext<Options>) {
    const allowed = new Set(context.options.allow.map((name) => name.toLowerCase()));
    // The WEAKEA component is a USG firewall package (USG6000E "Limitations and Precautions for
    // IPSec", dc_cfg_ipsec_0019): an AR router, or a file whose platform is unknown, is not told to install it.
    const messageId = context.device.ast.platform === 'usg' ? 'weak' : 'weakNotUsg';
    const check = (
      owner: NodeBase,
      what: string,
      kind: keyof typeof STRONGER,
      value: Val<string[]> | Val<string> | undefined,
      field: string = kind,
    ) => {
      if (!value) return;
      const names = Array.isArray(value.value) ? value.value : [value.value];
      const weak = names.filter((name) => WEAK.has(name.toLowerCase()) && !allowed.has(name.toLowerCase()));
      if (weak.length === 0) return;
      const stronger = strongerFor(kind, weak);
      context.report({
        range: value.range,
        messageId,
        data: {
          what,
          algorithms: weak.map((name) => `"${name}"`).join(', '),
          verb: weak.length === 1 ? 'is' : 'are',
          needs: weak.length === 1 ? 'needs' : 'need',
          stronger,
        },
        objectPath: `${owner.path}/${field}`,
        ...fixFor(value, names, weak, stronger),
      });
    };
    const ast = context.device.ast;
    for (const proposal of ast.ikeProposals) {
      const what = `IKE proposal "${proposal.id.value}"`;
      check(proposal, what, 'encryption', proposal.encryption);
      check(proposal, what, 'authentication', proposal.authentication);
      check(proposal, what, 'integrity', proposal.integrity);
      check(proposal, what, 'prf', proposal.prf);
      check(proposal, what, 'dh', proposal.dh);
    }
    for (const proposal of ast.ipsecProposals) {
      const what = `IPSec proposal "${proposal.name.value}"`;
      check(proposal, what, 'encryption', proposal.espEncryption, 'esp-encryption');
      check(proposal, what, 'authentication', proposal.espAuthentication, 'esp-authentication');
      check(proposal, what, 'authentication', proposal.ahAuthentication, 'ah-authentication');
    }
    for (const policy of ast.ipsecPolicies) check(policy, `IPSec policy "${policy.name.value} ${policy.seq.value}"`, 'pfs', policy.pfs);
    for (const template of ast.policyTemplates) {
      check(template, `IPSec policy template "${template.name.value} ${template.seq.value}"`, 'pfs', template.pfs);
    }
    for (const profile of ast.ipsecProfiles) check(profile, `IPSec profile "${profile.name.value}"`, 'pfs', profile.pfs);
  },
};

export default rule;
