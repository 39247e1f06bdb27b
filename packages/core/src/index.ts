export * from './errors.js';
export * from './citation.js';
export * from './disclaimer.js';
export * from './validation.js';
