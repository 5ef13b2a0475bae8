import fc from 'fast-check';
import { fromWildcard } from '../../src/flow/cube.js';
import { type Box, intersectBoxes, makeBox, subtractBox } from '../../src/flow/flow.js';

/** Small boxes in 10.0.0.x → 172.16.0.x with non-contiguous wildcards, three protocols and narrow ports. */
export const smallBox = fc
  .record({
    src: fc.integer({ min: 0, max: 0xff }),
    srcWildcard: fc.constantFrom(0, 1, 3, 0x0f, 0x55, 0xff),
    dst: fc.integer({ min: 0, max: 0xff }),
    dstWildcard: fc.constantFrom(0, 1, 7, 0x33, 0xff, 0xffffffff),
    protocol: fc.constantFrom(null, 6, 17),
    port: fc.integer({ min: 0, max: 4 }),
  })
  .map((r) =>
    makeBox({
      src: fromWildcard((0x0a000000 | r.src) >>> 0, r.srcWildcard),
      dst: fromWildcard((0xac100000 | r.dst) >>> 0, r.dstWildcard),
      protocol: r.protocol,
      dstPorts: [r.port, r.port + 2],
    }),
  );

/** `b` cut into pieces along `c`: covered only by several boxes together. */
export function splitBox(b: Box, c: Box): Box[] {
  const common = intersectBoxes(b, c);
  return common ? [...subtractBox(b, c), common] : [b];
}
