import { buildDevice } from '../model/device.js';
import type { Device } from '../model/types.js';
import { buildNetwork } from '../network/build.js';
import type { Network, TopologyDeclaration } from '../network/types.js';

export type DeviceInput = Parameters<typeof buildDevice>[0];

/** The model stage as the engine sees it; injectable so engine tests can use hand-built networks. */
export interface ModelBuilders {
  buildDevice(input: DeviceInput): Device;
  buildNetwork(devices: Device[], topology?: TopologyDeclaration): Network;
}

export const defaultModelBuilders: ModelBuilders = { buildDevice, buildNetwork };
