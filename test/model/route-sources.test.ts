import { describe, expect, it } from 'vitest';
import { injectsRoutes, runsDynamicRouting } from '../../src/model/route-sources.js';
import { deviceFrom } from './helpers.js';

describe('runsDynamicRouting', () => {
  it('is true for an ospf or bgp view and false for static routes only', () => {
    expect(runsDynamicRouting(deviceFrom('#\nospf 1 router-id 1.1.1.1\n area 0.0.0.0\n#\nreturn\n').ast)).toBe(true);
    expect(runsDynamicRouting(deviceFrom('#\nbgp 65100\n peer 1.1.1.1 as-number 65200\n#\nreturn\n').ast)).toBe(true);
    expect(runsDynamicRouting(deviceFrom('#\nip route-static 0.0.0.0 0.0.0.0 1.1.1.2\n#\nreturn\n').ast)).toBe(false);
  });

  it('counts an interface-level "ospf enable" only through the process view', () => {
    const text = '#\ninterface GigabitEthernet0/0/1\n ospf enable 1 area 0.0.0.0\n#\nreturn\n';
    expect(runsDynamicRouting(deviceFrom(text).ast)).toBe(false);
  });
});

describe('injectsRoutes', () => {
  const policy = (line: string) =>
    `#\nipsec policy map1 10 isakmp\n security acl 3000\n${line}#\nipsec policy map1 20 isakmp\n security acl 3001\n#\nreturn\n`;

  it('sees "route inject dynamic" inside the policy view only', () => {
    const device = deviceFrom(policy(' route inject dynamic\n'));
    const [first, second] = device.ast.ipsecPolicies;
    expect(injectsRoutes(first)).toBe(true);
    expect(injectsRoutes(second)).toBe(false);
  });

  it('is false without the line', () => {
    const device = deviceFrom(policy(''));
    expect(injectsRoutes(device.ast.ipsecPolicies[0])).toBe(false);
  });
});
