import { describe, expect, it } from 'vitest';
import { filtersWithSecurityPolicy } from '../../src/model/firewall.js';
import { deviceFrom } from './helpers.js';

describe('filtersWithSecurityPolicy', () => {
  it('is true with a security-policy block and false for a router without one', () => {
    expect(filtersWithSecurityPolicy(deviceFrom('#\nsecurity-policy\n rule name a\n  action permit\n#\nreturn\n').ast)).toBe(true);
    expect(filtersWithSecurityPolicy(deviceFrom('#\n sysname R\n#\ninterface GigabitEthernet0/0/1\n ip address 1.1.1.1 255.255.255.0\n#\nreturn\n').ast)).toBe(false);
  });

  it('is true for a USG export even without rules (everything falls to the default deny)', () => {
    const device = deviceFrom('!Software Version V500R005C10SPC300\n#\n sysname FW\n#\nfirewall zone trust\n set priority 85\n#\nreturn\n');
    expect(device.ast.platform).toBe('usg');
    expect(filtersWithSecurityPolicy(device.ast)).toBe(true);
  });
});

describe('filtersWithSecurityPolicy on legacy interzone policies', () => {
  it('is false for a USG that filters only with "policy interzone" or "firewall packet-filter"', () => {
    const legacy = '!Software Version V500R005C10SPC300\n#\npolicy interzone trust untrust outbound\n policy 0\n  action permit\n#\nreturn\n';
    expect(deviceFrom(legacy).ast.platform).toBe('usg');
    expect(filtersWithSecurityPolicy(deviceFrom(legacy).ast)).toBe(false);
    expect(filtersWithSecurityPolicy(deviceFrom(legacy.replace('policy interzone', 'ip vpn-instance')).ast)).toBe(true);
    const packetFilter = '!Software Version V500R005C10SPC300\n#\n firewall packet-filter default permit all\n#\nreturn\n';
    expect(filtersWithSecurityPolicy(deviceFrom(packetFilter).ast)).toBe(false);
  });
});
