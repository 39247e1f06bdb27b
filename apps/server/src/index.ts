export { loadConfig, environmentSchema, EXIT_INVALID_CONFIG, type ServerConfig } from './config.js';
export { openDatabase, type Database, type DatabaseHandle, type OpenDatabaseOptions } from './db/open-database.js';
export {
  migrate,
  readMigrations,
  splitStatements,
  MIGRATIONS_DIR,
  type Migration,
  type MigrationOutcome,
} from './db/migrate.js';
export * as storageSchema from './db/schema.js';
export { buildServer, type ServerDependencies } from './http/build-server.js';
export {
  ApiError,
  apiErrorCodes,
  errorResponseSchema,
  type ApiErrorCode,
  type ErrorResponse,
} from './http/api-error.js';
export { hashPassword, verifyPassword } from './auth/passwords.js';
export { createUser, createFirstAdmin } from './users/create-user.js';
export { recordAudit, type AuditEntry } from './audit/record-audit.js';
export { seedDemoCohort, demoPatientFromState, readExampleStates } from './seed/demo-cohort.js';
export {
  labRecordSchema,
  painScoreRecordSchema,
  type LabRecord,
  type PainScoreRecord,
} from './records/record-schemas.js';
export {
  patientCreateSchema,
  patientUpdateSchema,
  identifiedPatientSchema,
  deidentifiedPatientSchema,
  researchIdSchema,
} from './patients/patient-schemas.js';
export {
  ingestInstances,
  FAILURE_REASON,
  type IngestFile,
  type IngestOptions,
  type IngestOutcome,
} from './ingest/ingest-instances.js';
export { stowResponse, stowStatus, type DicomJson } from './ingest/stow-response.js';
export { executeJob, jobHandlers } from './jobs/execute-job.js';
export { createInProcessRunner, type JobDispatcher } from './jobs/in-process-runner.js';
