import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/engine/config.js';
import { toTopologyDeclaration } from '../../src/engine/topology.js';

describe('toTopologyDeclaration', () => {
  it('rewrites file references relative to the config file into report paths and keeps sysnames', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fwlint-topology-'));
    mkdirSync(path.join(root, 'configs'));
    writeFileSync(path.join(root, 'configs', 'hq.cfg'), 'sysname HQ\n');
    const config = defaultConfig(root);
    config.topology = {
      tunnels: [{ ends: ['configs/hq.cfg', 'BRANCH-7'], nat: true }],
      natAddresses: [{ public: '203.0.113.10', private: '10.0.0.10' }],
    };
    expect(toTopologyDeclaration(config, path.join(root, 'configs'))).toEqual({
      tunnels: [{ ends: ['hq.cfg', 'BRANCH-7'], nat: true }],
      natAddresses: [{ public: '203.0.113.10', private: '10.0.0.10' }],
    });
  });
});
