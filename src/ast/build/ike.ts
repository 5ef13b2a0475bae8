import type { Val } from '../../text/range.js';
import type { IkePeerNode, IkeProposalNode } from '../types.js';
import { viewRange, type Handlers, type Owner, type OwnerOf, type SharedHandler } from './context.js';
import { algorithms, anyFamilyIp, num } from './operands.js';

export const IKE_HEADERS: Handlers<Owner> = {
  IkeProposalHeader: (b, st) => {
    const id = st.text('id')!;
    const n: IkeProposalNode = { kind: 'ike-proposal', ...viewRange(st), path: `ike-proposal:${id.value}`, id };
    return b.openView(b.ast.ikeProposals, { kind: 'ike-proposal', node: n });
  },
  IkePeerHeader: (b, st) => {
    const name = st.text('name')!;
    const version = st.text('version');
    const n: IkePeerNode = {
      kind: 'ike-peer', ...viewRange(st), path: `ike-peer:${name.value}`, name, versions: [], undoVersions: [],
      ikeProposals: [], remoteAddresses: [],
      ...(version ? { headerVersion: { value: version.value.toLowerCase() === 'v1' ? 1 : 2, range: version.range } } : {}),
    };
    return b.openView(b.ast.ikePeers, { kind: 'ike-peer', node: n });
  },
  EfficientVpnHeader: (b, _st, _owner, node) => {
    b.generic(node);
    return { kind: 'efficient-vpn' };
  },
};

/** The lines of an `ike proposal N` view. */
export const IKE_PROPOSAL_VIEW: Handlers<OwnerOf<'ike-proposal'>> = {
  IkeEncryption: (_b, st, { node: n }) => {
    n.encryption = algorithms(st);
    return true;
  },
  IkeAuthentication: (_b, st, { node: n }) => {
    n.authentication = algorithms(st);
    return true;
  },
  IkeDh: (_b, st, { node: n }) => {
    n.dh = algorithms(st);
    return true;
  },
  IkeAuthMethod: (_b, st, { node: n }) => {
    n.authenticationMethod = st.text('value');
    return true;
  },
  IkeIntegrity: (_b, st, { node: n }) => {
    n.integrity = algorithms(st);
    return true;
  },
  IkePrf: (_b, st, { node: n }) => {
    n.prf = algorithms(st);
    return true;
  },
  IkeLifetime: (_b, st, { node: n }) => {
    n.lifetime = num(st.text('lifetime'));
    return true;
  },
};

function version(v: Val<string> | undefined): Val<1 | 2> | undefined {
  if (!v) return undefined;
  const t = v.value.toLowerCase().replace(/^v/, '');
  return t === '1' || t === '2' ? { value: t === '1' ? 1 : 2, range: v.range } : undefined;
}

const saBinding: SharedHandler<'PeerIkev2SignHash' | 'PeerServiceScheme' | 'PeerCertificate' | 'PeerSaBinding', OwnerOf<'ike-peer'>> = (_b, st, { node: n }) => {
  const vpn = st.text('vpn');
  if (vpn) n.saBindingVpnInstance = vpn;
  return true;
};

/** The lines of an `ike peer X` view. */
export const IKE_PEER_VIEW: Handlers<OwnerOf<'ike-peer'>> = {
  PeerPsk: (_b, st, { node: n }) => {
    n.preSharedKey = st.secret();
    return true;
  },
  PeerIkeProposal: (_b, st, { node: n }) => {
    n.ikeProposals.push(st.text('value')!);
    return true;
  },
  PeerRemoteAddress: (_b, st, { node: n }) => {
    const range = st.range;
    const vpn = st.text('vpn');
    const auth = st.text('authAddress');
    const host = st.text('hostName');
    const high = anyFamilyIp(st.text('high'));
    const address = anyFamilyIp(st.text('address') ?? auth);
    const kind = auth ? 'authentication-address' : host ? 'host-name' : high ? 'range' : 'address';
    const label = (st.text('address') ?? auth ?? host)!.value;
    n.remoteAddresses.push({
      kind, range, path: `${n.path}/remote-address:${label}`,
      ...(address ? { address } : {}), ...(high ? { high } : {}), ...(host ? { hostName: host } : {}),
      ...(vpn ? { vpnInstance: vpn } : {}),
    });
    return true;
  },
  PeerLocalAddress: (_b, st, { node: n }) => {
    const ip = anyFamilyIp(st.text('value'));
    if (ip) n.localAddress = ip;
    return true;
  },
  PeerExchangeMode: (_b, st, { node: n }) => {
    const v = st.text('value')!;
    const mode = v.value.toLowerCase();
    if (mode === 'main' || mode === 'aggressive' || mode === 'auto') n.exchangeMode = { value: mode, range: v.range };
    return true;
  },
  PeerVersion: (_b, st, { node: n }) => {
    const v = version(st.text('value'));
    if (v) n.versions.push(v);
    return true;
  },
  PeerUndoVersion: (_b, st, { node: n }) => {
    const v = version(st.text('value'));
    if (v) n.undoVersions.push(v);
    return true;
  },
  PeerLocalIdType: (_b, st, { node: n }) => {
    n.localIdType = st.text('value');
    return true;
  },
  PeerLocalId: (_b, st, { node: n }) => {
    n.localId = st.text('value');
    return true;
  },
  PeerRemoteIdType: (_b, st, { node: n }) => {
    n.remoteIdType = st.text('value');
    const id = st.text('remoteId');
    if (id) n.remoteId = id;
    return true;
  },
  PeerRemoteId: (_b, st, { node: n }) => {
    n.remoteId = st.text('value');
    return true;
  },
  PeerNatTraversal: (_b, st, { node: n }) => {
    n.natTraversal = { value: true, range: st.range };
    return true;
  },
  PeerUndoNatTraversal: (_b, st, { node: n }) => {
    n.natTraversal = { value: false, range: st.range };
    return true;
  },
  PeerDpd: (_b, st, { node: n }) => {
    const type = st.text('dpdType');
    if (type) n.dpdType = type;
    const idle = num(st.text('dpdIdleTime'));
    if (idle) n.dpdIdleTime = idle;
    const re = num(st.text('dpdRetransmitInterval'));
    if (re) n.dpdRetransmitInterval = re;
    const msg = st.text('dpdMsg');
    if (msg) n.dpdMsg = msg;
    return true;
  },
  PeerRsa: (_b, st, { node: n }) => {
    const enc = st.text('encryptionPadding');
    if (enc) n.rsaEncryptionPadding = enc;
    const sig = st.text('signaturePadding');
    if (sig) n.rsaSignaturePadding = sig;
    return true;
  },
  PeerSm4: (_b, st, { node: n }) => {
    n.sm4Version = st.text('value');
    return true;
  },
  PeerNegotiateCompatible: (_b, st, { node: n }) => {
    n.negotiateCompatible = st.range;
    return true;
  },
  PeerIkev2SignHash: saBinding,
  PeerServiceScheme: saBinding,
  PeerCertificate: saBinding,
  PeerSaBinding: saBinding,
  PeerDescription: () => true,
  PeerAaa: () => true,
};
