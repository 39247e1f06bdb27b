export * from './errors.js';
export * from './citation.js';
export * from './disclaimer.js';
export * from './validation.js';
export * from './anatomy/index.js';
export * from './domain/index.js';
export * from './cut-off-comparison.js';
