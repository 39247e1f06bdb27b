-- Analyses: the bone-scan analysis and response-timeline job kinds, and beside each result the copy with the
-- reader's edits applied (null while it has none), so that lists show the edited numbers without recomputing.
ALTER TABLE analysis_runs DROP CONSTRAINT analysis_runs_kind_check;
ALTER TABLE analysis_runs ADD CONSTRAINT analysis_runs_kind_check
  CHECK (kind IN ('bone_scan', 'pet', 'tracking_response', 'recommendation', 'pet-quantify', 'dicomweb-pull',
    'bonescan-analyze', 'response-timeline'));
ALTER TABLE analysis_results ADD COLUMN edited_payload jsonb;
CREATE INDEX reader_edits_result_id_idx ON reader_edits (result_id, created_at);
CREATE INDEX analysis_runs_patient_kind_idx ON analysis_runs (patient_id, kind);
