export * from './ipv4.js';
export * from './cube.js';
export * from './address-set.js';
export * from './ports.js';
export * from './protocol.js';
export * from './flow.js';
export * from './box-index.js';
export * from './overlap-index.js';
