-- Jobs: the ingest and analysis job kinds, a stage text beside the progress fraction, and results written
-- once per run and schema (a job retried after a crash cannot add a second result).
ALTER TABLE analysis_runs DROP CONSTRAINT analysis_runs_kind_check;
ALTER TABLE analysis_runs ADD CONSTRAINT analysis_runs_kind_check
  CHECK (kind IN ('bone_scan', 'pet', 'tracking_response', 'recommendation', 'pet-quantify', 'dicomweb-pull'));
ALTER TABLE analysis_runs ADD COLUMN stage text NOT NULL DEFAULT '';
ALTER TABLE analysis_runs ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0);
CREATE UNIQUE INDEX analysis_results_run_schema_idx ON analysis_results (run_id, schema_name);
