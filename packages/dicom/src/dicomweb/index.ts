export * from './study-url.js';
export * from './media-type.js';
export * from './multipart-related.js';
export * from './dicomweb-request.js';
export * from './qido-series.js';
export * from './wado-series.js';
export * from './read-dicomweb-study.js';
