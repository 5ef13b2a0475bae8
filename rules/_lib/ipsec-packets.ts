import type { FlowSet } from '../../src/flow/flow.js';
import { PROTOCOL_AH, PROTOCOL_ESP, PROTOCOL_UDP } from '../../src/flow/protocol.js';

/** "IKE (UDP 500), ESP" for the packets of a denied part. */
export function packetsOf(part: FlowSet): string {
  const names = new Set<string>();
  for (const box of part.boxes) {
    if (box.protocol === PROTOCOL_ESP) names.add('ESP');
    else if (box.protocol === PROTOCOL_AH) names.add('AH');
    else if (box.protocol === PROTOCOL_UDP && box.dstPorts[0] <= 500 && box.dstPorts[1] >= 500) names.add('IKE (UDP 500)');
    else if (box.protocol === PROTOCOL_UDP) names.add('NAT-T (UDP 4500)');
  }
  return [...names].join(', ');
}
