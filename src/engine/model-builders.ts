import type { ConfigAst } from '../ast/types.js';
import type { Device } from '../model/types.js';
import type { Network } from '../network/types.js';
import { LineIndex } from '../text/range.js';

export interface DeviceInput {
  file: string;
  text: string;
  ast: ConfigAst;
  index: number;
}

/** The model stage as the engine sees it; injectable so engine tests can use hand-built devices. */
export interface ModelBuilders {
  buildDevice(input: DeviceInput): Device;
  buildNetwork(devices: Device[], topology?: unknown): Network;
}

export const defaultModelBuilders: ModelBuilders = {
  buildDevice: (input) => ({ ...input, lines: new LineIndex(input.text) }) as unknown as Device,
  buildNetwork: (devices) => ({ devices, tunnels: [] }),
};
