export * from './sources.js';
export * from './calculator.js';
export * from './scores/index.js';
export * from './labs/index.js';
export * from './medication/index.js';
export * from './engine/index.js';
export * from './calculators.js';
