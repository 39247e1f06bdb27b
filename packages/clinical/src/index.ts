export * from './sources.js';
export * from './calculator.js';
