import { cubeFirstAddress } from '../flow/address.js';
import { isAnyCube } from '../flow/cube.js';
import { type Box, FlowSet } from '../flow/flow.js';
import type { Device } from './types.js';

/**
 * Splits protected flows (source = local side) by the zone their source sits in: the zone of the
 * interface holding or routing each box's source. Boxes whose source is `any` or in no known zone
 * go under `undefined`, so callers can say "cannot verify" instead of guessing. Pass the flows
 * per ACL rule (`FlowSet.concat`), not coalesced: a merged box may span two zones.
 */
export function flowsByLocalZone(device: Device, flow: FlowSet): Map<string | undefined, FlowSet> {
  const boxesByZone = new Map<string | undefined, Box[]>();
  for (const box of flow.boxes) {
    const zone = isAnyCube(box.src) ? undefined : device.zoneForAddress(cubeFirstAddress(box.src));
    const list = boxesByZone.get(zone);
    if (list) list.push(box);
    else boxesByZone.set(zone, [box]);
  }
  return new Map([...boxesByZone].map(([zone, boxes]) => [zone, compacted(boxes)]));
}

/** Past this many boxes the zone's flows are kept as they are: coalescing tens of thousands of ACL boxes costs more than every later step. */
const COMPACTION_LIMIT = 1024;

function compacted(boxes: Box[]): FlowSet {
  return boxes.length > COMPACTION_LIMIT ? FlowSet.fromBoxes(boxes) : FlowSet.ofBoxes(boxes);
}
