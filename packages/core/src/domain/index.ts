export * from './dates.js';
export * from './identifiers.js';
export * from './patient.js';
export * from './study.js';
export * from './lesion.js';
export * from './measurement.js';
export * from './treatment.js';
export * from './skeletal-event.js';
