export * from './patient-state.js';
export * from './report.js';
export { assess, assessPatient, RULE_SET_VERSION } from './engine.js';
