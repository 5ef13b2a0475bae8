import { spanRanges } from '../../text/range.js';
import type { IpsecPolicyNode, IpsecProfileNode, IpsecProposalNode, PolicyTemplateNode } from '../types.js';
import { viewRange, type Handlers, type Owner, type OwnerOf, type SharedHandler } from './context.js';
import { algorithms, num } from './operands.js';

export const IPSEC_HEADERS: Handlers<Owner> = {
  IpsecProposalHeader: (b, st) => {
    const name = st.text('name')!;
    const n: IpsecProposalNode = { kind: 'ipsec-proposal', ...viewRange(st), path: `ipsec-proposal:${name.value}`, name };
    return b.openView(b.ast.ipsecProposals, { kind: 'ipsec-proposal', node: n });
  },
  IpsecPolicyHeader: (b, st) => {
    const name = st.text('name')!;
    const seq = num(st.text('seq'))!;
    const template = st.text('template');
    const modeVal = st.text('isakmp') ?? st.text('manual')!;
    const mode: IpsecPolicyNode['mode']['value'] = template ? 'template' : st.has('manual') ? 'manual' : 'isakmp';
    const n: IpsecPolicyNode = {
      kind: 'ipsec-policy', ...viewRange(st), path: `ipsec-policy:${name.value}/${seq.value}`, name, seq,
      mode: { value: mode, range: template ? spanRanges(modeVal.range, template.range) : modeVal.range },
      proposals: [], manual: { spi: [], keys: [] }, ...(template ? { template } : {}),
    };
    return b.openView(b.ast.ipsecPolicies, { kind: 'policy', node: n });
  },
  PolicyTemplateHeader: (b, st) => {
    const name = st.text('name')!;
    const seq = num(st.text('seq'))!;
    const n: PolicyTemplateNode = {
      kind: 'policy-template', ...viewRange(st), path: `policy-template:${name.value}/${seq.value}`, name, seq,
      proposals: [], manual: { spi: [], keys: [] },
    };
    return b.openView(b.ast.policyTemplates, { kind: 'policy', node: n });
  },
  IpsecProfileHeader: (b, st) => {
    const name = st.text('name')!;
    const n: IpsecProfileNode = {
      kind: 'ipsec-profile', ...viewRange(st), path: `ipsec-profile:${name.value}`, name, proposals: [],
      manual: { spi: [], keys: [] },
    };
    return b.openView(b.ast.ipsecProfiles, { kind: 'policy', node: n });
  },
};

/** The lines of an `ipsec proposal X` view. */
export const IPSEC_PROPOSAL_VIEW: Handlers<OwnerOf<'ipsec-proposal'>> = {
  ProposalTransform: (_b, st, { node: n }) => {
    const v = st.text('value')!;
    const t = v.value.toLowerCase();
    if (t === 'esp' || t === 'ah' || t === 'ah-esp') n.transform = { value: t, range: v.range };
    return true;
  },
  ProposalEncapsulation: (_b, st, { node: n }) => {
    const v = st.text('value')!;
    const m = v.value.toLowerCase();
    if (m === 'tunnel' || m === 'transport' || m === 'auto') n.encapsulationMode = { value: m, range: v.range };
    return true;
  },
  ProposalEspAuth: (_b, st, { node: n }) => {
    n.espAuthentication = algorithms(st);
    return true;
  },
  ProposalUndoEspAuth: (_b, st, { node: n }) => {
    n.espAuthenticationRemoved = st.range;
    return true;
  },
  ProposalEspEncryption: (_b, st, { node: n }) => {
    n.espEncryption = algorithms(st);
    return true;
  },
  ProposalAhAuth: (_b, st, { node: n }) => {
    n.ahAuthentication = algorithms(st);
    return true;
  },
};

const tunnelLocal: SharedHandler<'PolicyTunnelLocal' | 'PolicyLocalAddress', OwnerOf<'policy'>> = (_b, st, { node: n }) => {
  n.tunnelLocal = st.text('value');
  return true;
};
const tunnelRemote: SharedHandler<'PolicyTunnelRemote' | 'PolicyRemoteAddress', OwnerOf<'policy'>> = (_b, st, { node: n }) => {
  n.tunnelRemote = st.text('value');
  return true;
};
const known = (): boolean => true;

/** The settings of an `ipsec policy`, `ipsec policy-template` or `ipsec profile` view. */
export const POLICY_VIEW: Handlers<OwnerOf<'policy'>> = {
  PolicySecurityAcl: (_b, st, { node: n }) => {
    if (st.has('ipv6')) n.aclIpv6 = st.text('acl');
    else n.acl = st.text('acl');
    return true;
  },
  PolicyIkePeer: (_b, st, { node: n }) => {
    n.ikePeer = st.text('value');
    return true;
  },
  PolicyProposal: (_b, st, { node: n }) => {
    n.proposals.push(...st.all('value'));
    return true;
  },
  PolicyPfs: (_b, st, { node: n }) => {
    n.pfs = st.text('value');
    return true;
  },
  PolicyTunnelLocal: tunnelLocal,
  PolicyLocalAddress: tunnelLocal,
  PolicyTunnelRemote: tunnelRemote,
  PolicyRemoteAddress: tunnelRemote,
  PolicyTriggerMode: (_b, st, { node: n }) => {
    const v = st.text('value')!;
    const m = v.value.toLowerCase();
    if (m === 'auto' || m === 'traffic-based') n.triggerMode = { value: m, range: v.range };
    return true;
  },
  PolicyAlias: (_b, st, { node: n }) => {
    n.alias = st.text('value');
    return true;
  },
  PolicyUndoEnable: (_b, st, { node: n }) => {
    n.disabled = st.range;
    return true;
  },
  PolicySaSpi: (_b, st, { node: n }) => {
    const value = num(st.text('value'));
    if (value) {
      n.manual.spi.push({
        direction: st.text('direction')!.value.toLowerCase() === 'inbound' ? 'inbound' : 'outbound',
        protocol: st.text('saProtocol')!.value.toLowerCase() === 'ah' ? 'ah' : 'esp', value,
      });
    }
    return true;
  },
  PolicySaKey: (_b, st, { node: n }) => {
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
  },
  PolicyRouteInject: (_b, st, { node: n }) => {
    const mode = st.text('injectMode');
    n.routeInject = { value: mode ? mode.value.toLowerCase() : '', range: st.range };
    const preference = num(st.text('preference'));
    if (preference) n.routeInjectPreference = preference;
    return true;
  },
  PolicySaDuration: known,
  PolicyEnable: known,
  PolicyQos: known,
  PolicyAntiReplay: known,
  PolicyDescription: known,
};
