import fc from 'fast-check';
import { type Cube, makeCube } from '../../src/flow/cube.js';
import { type Box, makeBox } from '../../src/flow/flow.js';
import type { PortRange } from '../../src/flow/ports.js';

/** Cubes confined to 0..2^bits−1: the high bits are cared for and zero, the low ones random. */
export function smallCube(bits: number): fc.Arbitrary<Cube> {
  const low = 2 ** bits - 1;
  return fc
    .tuple(fc.integer({ min: 0, max: low }), fc.integer({ min: 0, max: low }))
    .map(([value, care]) => makeCube(value, ~low | care));
}

export function pointsOf(bits: number): number[] {
  return Array.from({ length: 2 ** bits }, (_, i) => i);
}

export function inCube(cube: Cube, address: number): boolean {
  return ((address ^ cube.value) & cube.care) === 0;
}

// Port boundaries stay in 0..4 so that 0..5 plus 65535 represent every interval class.
const portRange: fc.Arbitrary<PortRange> = fc.oneof(
  fc.constant<PortRange>([0, 65535]),
  fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as PortRange),
  fc.integer({ min: 0, max: 4 }).map((a) => [a, 65535] as PortRange),
);

export const FLOW_BITS = 3;
export const PROTOCOL_POINTS = [1, 6, 17, 47];
export const PORT_POINTS = [0, 1, 2, 3, 4, 5, 65535];

export const smallBox: fc.Arbitrary<Box> = fc
  .record({
    src: smallCube(FLOW_BITS),
    dst: smallCube(FLOW_BITS),
    protocol: fc.constantFrom<number | null>(null, null, 1, 6, 17),
    except: fc.subarray([6, 17, 1]),
    srcPorts: portRange,
    dstPorts: portRange,
  })
  .map((r) => makeBox({ src: r.src, dst: r.dst, protocol: r.protocol, exceptProtocols: r.except, srcPorts: r.srcPorts, dstPorts: r.dstPorts }));

export interface FlowPoint {
  src: number;
  dst: number;
  protocol: number;
  srcPort: number;
  dstPort: number;
}

export function* flowPoints(): Generator<FlowPoint> {
  const addresses = pointsOf(FLOW_BITS);
  for (const src of addresses)
    for (const dst of addresses)
      for (const protocol of PROTOCOL_POINTS) {
        // ports only matter for TCP and UDP
        const ports = protocol === 6 || protocol === 17 ? PORT_POINTS : [0];
        for (const srcPort of ports) for (const dstPort of ports) yield { src, dst, protocol, srcPort, dstPort };
      }
}

/** Reference semantics of a box, written independently of src/flow/flow.ts. */
export function inBox(box: Box, p: FlowPoint): boolean {
  if (!inCube(box.src, p.src) || !inCube(box.dst, p.dst)) return false;
  if (box.protocol === null) {
    if (box.exceptProtocols?.includes(p.protocol)) return false;
  } else if (box.protocol !== p.protocol) return false;
  const ported = p.protocol === 6 || p.protocol === 17;
  if (!ported) return true;
  return box.srcPorts[0] <= p.srcPort && p.srcPort <= box.srcPorts[1] && box.dstPorts[0] <= p.dstPort && p.dstPort <= box.dstPorts[1];
}

export function inBoxes(boxes: readonly Box[], p: FlowPoint): boolean {
  return boxes.some((box) => inBox(box, p));
}
