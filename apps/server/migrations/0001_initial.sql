-- bonemet storage, version 1. Statements end with a semicolon at the end of a line (the runner splits there).

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'clinician', 'researcher')),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE patients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  research_id text NOT NULL UNIQUE,
  mrn text NOT NULL UNIQUE,
  family_name text NOT NULL,
  given_name text NOT NULL,
  sex text NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
  birth_date date,
  synthetic boolean NOT NULL,
  date_shift_days integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE studies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  study_instance_uid text NOT NULL UNIQUE,
  study_date date,
  modality text,
  description text,
  radiopharmaceutical text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX studies_patient_id_idx ON studies (patient_id);

CREATE TABLE series (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  study_id uuid NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
  series_instance_uid text NOT NULL UNIQUE,
  modality text NOT NULL,
  series_date date,
  description text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX series_study_id_idx ON series (study_id);

CREATE TABLE instances (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  series_id uuid NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  sop_instance_uid text NOT NULL UNIQUE,
  sop_class_uid text NOT NULL,
  instance_number integer,
  file_path text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX instances_series_id_idx ON instances (series_id);

CREATE TABLE analysis_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('bone_scan', 'pet', 'tracking_response', 'recommendation')),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  progress real NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  inputs jsonb NOT NULL,
  engine_version text NOT NULL,
  rule_set_version text,
  error jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX analysis_runs_patient_id_idx ON analysis_runs (patient_id);
CREATE INDEX analysis_runs_status_idx ON analysis_runs (status);

CREATE TABLE analysis_results (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  run_id uuid NOT NULL REFERENCES analysis_runs (id) ON DELETE CASCADE,
  schema_name text NOT NULL,
  schema_version text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX analysis_results_run_id_idx ON analysis_results (run_id);

CREATE TABLE lesion_tracks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  tracking_uid text NOT NULL UNIQUE,
  label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lesion_tracks_patient_id_idx ON lesion_tracks (patient_id);

CREATE TABLE lesions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  track_id uuid REFERENCES lesion_tracks (id) ON DELETE SET NULL,
  study_id uuid REFERENCES studies (id) ON DELETE CASCADE,
  run_id uuid REFERENCES analysis_runs (id) ON DELETE CASCADE,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lesions_patient_id_idx ON lesions (patient_id);
CREATE INDEX lesions_track_id_idx ON lesions (track_id);

CREATE TABLE measurements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  lesion_id uuid REFERENCES lesions (id) ON DELETE CASCADE,
  study_id uuid REFERENCES studies (id) ON DELETE CASCADE,
  run_id uuid REFERENCES analysis_runs (id) ON DELETE CASCADE,
  quantity text NOT NULL,
  value double precision NOT NULL,
  unit text NOT NULL,
  method text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX measurements_patient_id_idx ON measurements (patient_id);
CREATE INDEX measurements_lesion_id_idx ON measurements (lesion_id);

CREATE TABLE treatments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('systemic', 'bone_targeted_agent', 'radiotherapy', 'procedure')),
  start_date date NOT NULL,
  end_date date,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX treatments_patient_id_idx ON treatments (patient_id, start_date);

CREATE TABLE skeletal_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  kind text NOT NULL,
  event_date date NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX skeletal_events_patient_id_idx ON skeletal_events (patient_id, event_date);

CREATE TABLE labs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  analyte text NOT NULL,
  sampled_on date NOT NULL,
  value double precision NOT NULL,
  unit text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX labs_patient_id_idx ON labs (patient_id, analyte, sampled_on);

CREATE TABLE pain_scores (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  assessed_on date NOT NULL,
  worst_pain smallint NOT NULL CHECK (worst_pain BETWEEN 0 AND 10),
  opioids jsonb NOT NULL,
  oral_morphine_equivalent_mg_per_day double precision NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pain_scores_patient_id_idx ON pain_scores (patient_id, assessed_on);

CREATE TABLE recommendations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  run_id uuid REFERENCES analysis_runs (id) ON DELETE SET NULL,
  rule_set_version text NOT NULL,
  assessment_date date NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recommendations_patient_id_idx ON recommendations (patient_id);

CREATE TABLE reader_edits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  result_id uuid REFERENCES analysis_results (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  action text NOT NULL CHECK (action IN ('confirm', 'reject', 'add', 'modify')),
  target text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reader_edits_patient_id_idx ON reader_edits (patient_id);

CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  user_id uuid,
  username text,
  role text,
  action text NOT NULL,
  resource_type text NOT NULL,
  resource_id text,
  patient_research_id text,
  ip text,
  outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failed'))
);
CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at);
CREATE INDEX audit_events_patient_idx ON audit_events (patient_research_id);
CREATE INDEX audit_events_user_idx ON audit_events (user_id);
