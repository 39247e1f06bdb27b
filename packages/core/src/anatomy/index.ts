export * from './levels.js';
export * from './laterality.js';
export * from './lesion-type.js';
export * from './codes.js';
export * from './bsi.js';
export * from './bones.js';
export * from './skeletal-location.js';
export * from './resolve-location.js';
