import type { ServerConfig } from '../config.js';
import type { Database } from '../db/open-database.js';

/** What a job needs: the database and the configuration (data folder, limits). */
export interface JobContext {
  readonly db: Database;
  readonly config: ServerConfig;
}

/** Reports a job's progress (0–1) and what it is doing now. */
export type JobProgress = (fraction: number, stage: string) => Promise<void>;
