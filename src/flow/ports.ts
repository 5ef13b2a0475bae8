/** An inclusive port interval within [0, 65535]. */
export type PortRange = readonly [number, number];

export const MAX_PORT = 65535;
export const ALL_PORTS: PortRange = Object.freeze([0, MAX_PORT]) as PortRange;

export function isAllPorts(range: PortRange): boolean {
  return range[0] === 0 && range[1] === MAX_PORT;
}

export function intersectPortRanges(a: PortRange, b: PortRange): PortRange | null {
  const low = Math.max(a[0], b[0]);
  const high = Math.min(a[1], b[1]);
  return low <= high ? [low, high] : null;
}

export function portRangeContains(outer: PortRange, inner: PortRange): boolean {
  return outer[0] <= inner[0] && inner[1] <= outer[1];
}

/** `a` minus `b`: zero, one or two intervals. */
export function subtractPortRange(a: PortRange, b: PortRange): PortRange[] {
  if (b[1] < a[0] || a[1] < b[0]) return [a];
  const result: PortRange[] = [];
  if (a[0] < b[0]) result.push([a[0], b[0] - 1]);
  if (b[1] < a[1]) result.push([b[1] + 1, a[1]]);
  return result;
}

export type PortOperator = 'eq' | 'neq' | 'gt' | 'lt' | 'range';

/**
 * Ports selected by an ACL port clause (`eq 80`, `gt 1023`, `lt 1024`, `range 10000 20000`).
 * Returns sorted disjoint intervals; empty when nothing matches (`gt 65535`).
 */
export function portsFromOperator(operator: PortOperator, first: number, second?: number): PortRange[] {
  const clamp = (port: number) => Math.min(Math.max(port, 0), MAX_PORT);
  switch (operator) {
    case 'eq':
      return inPortRange(first) ? [[first, first]] : [];
    case 'neq':
      return inPortRange(first) ? subtractPortRange(ALL_PORTS, [first, first]) : [ALL_PORTS];
    case 'gt':
      return first < MAX_PORT ? [[clamp(first + 1), MAX_PORT]] : [];
    case 'lt':
      return first > 0 ? [[0, clamp(first - 1)]] : [];
    case 'range': {
      const high = second ?? first;
      const low = Math.min(first, high);
      const top = Math.max(first, high);
      return top < 0 || low > MAX_PORT ? [] : [[clamp(low), clamp(top)]];
    }
  }
}

export function inPortRange(port: number): boolean {
  return Number.isInteger(port) && port >= 0 && port <= MAX_PORT;
}

/** A set of ports as sorted, disjoint, non-adjacent intervals. Immutable. */
export class PortSet {
  private constructor(readonly ranges: readonly PortRange[]) {}

  static readonly EMPTY = new PortSet([]);
  static readonly ALL = new PortSet([ALL_PORTS]);

  static of(...ranges: PortRange[]): PortSet {
    return new PortSet(normalise(ranges));
  }

  isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  isAll(): boolean {
    return this.ranges.length === 1 && isAllPorts(this.ranges[0]);
  }

  has(port: number): boolean {
    return this.ranges.some(([low, high]) => low <= port && port <= high);
  }

  union(other: PortSet): PortSet {
    return new PortSet(normalise([...this.ranges, ...other.ranges]));
  }

  intersect(other: PortSet): PortSet {
    const result: PortRange[] = [];
    for (const a of this.ranges) {
      for (const b of other.ranges) {
        const c = intersectPortRanges(a, b);
        if (c) result.push(c);
      }
    }
    return new PortSet(normalise(result));
  }

  subtract(other: PortSet): PortSet {
    let remaining: PortRange[] = [...this.ranges];
    for (const b of other.ranges) remaining = remaining.flatMap((a) => subtractPortRange(a, b));
    return new PortSet(normalise(remaining));
  }

  contains(other: PortSet): boolean {
    return other.subtract(this).isEmpty();
  }

  equals(other: PortSet): boolean {
    return (
      this.ranges.length === other.ranges.length &&
      this.ranges.every((r, i) => r[0] === other.ranges[i][0] && r[1] === other.ranges[i][1])
    );
  }

  describe(): string {
    if (this.isEmpty()) return 'none';
    if (this.isAll()) return 'any';
    return this.ranges.map(describePortRange).join(',');
  }
}

export function describePortRange(range: PortRange): string {
  return range[0] === range[1] ? String(range[0]) : `${range[0]}-${range[1]}`;
}

function normalise(ranges: readonly PortRange[]): PortRange[] {
  const sorted = ranges.filter((r) => r[0] <= r[1]).sort((x, y) => x[0] - y[0]);
  const result: Array<[number, number]> = [];
  for (const [low, high] of sorted) {
    const last = result[result.length - 1];
    if (last && low <= last[1] + 1) last[1] = Math.max(last[1], high);
    else result.push([low, high]);
  }
  return result;
}
