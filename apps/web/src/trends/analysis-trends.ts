import type { AnalysisListItem } from '../api/analysis-schemas.js';

export interface BsiPoint {
  readonly date: string;
  /** Bone Scan Index of the automatic analysis, %. */
  readonly bsiAutomatic: number;
  /** After the reader's edits; the automatic value where the reader made none. */
  readonly bsiReviewed: number;
  readonly edited: boolean;
}

export interface PetPoint {
  readonly date: string;
  readonly hottestSulPeak: number | null;
  readonly lesionCount: number | null;
}

export interface LesionCountPoint {
  readonly date: string;
  readonly boneScanMetastases: number | null;
  readonly petLesions: number | null;
}

export interface AnalysisTrends {
  readonly bsi: readonly BsiPoint[];
  readonly pet: readonly PetPoint[];
  readonly lesionCounts: readonly LesionCountPoint[];
}

/**
 * The latest result of each kind per study date: a study analysed twice (a re-run) counts once, with its
 * newest result (createdAt, ISO 8601, orders as text).
 */
function latestPerDate(items: readonly AnalysisListItem[], kind: AnalysisListItem['kind']): AnalysisListItem[] {
  const byDate = new Map<string, AnalysisListItem>();
  for (const item of items) {
    if (item.kind !== kind || item.studyDate === null) continue;
    const previous = byDate.get(item.studyDate);
    if (previous === undefined || previous.createdAt <= item.createdAt) byDate.set(item.studyDate, item);
  }
  return [...byDate.values()].sort((a, b) => (a.studyDate ?? '').localeCompare(b.studyDate ?? ''));
}

/** The series of the trend charts, by study date, from a patient's analyses list. */
export function analysisTrends(items: readonly AnalysisListItem[]): AnalysisTrends {
  const boneScans = latestPerDate(items, 'bonescan-analyze');
  const pets = latestPerDate(items, 'pet-quantify');
  const bsi: BsiPoint[] = [];
  for (const item of boneScans) {
    const automatic = item.summary.bsiPercent;
    if (automatic === undefined || item.studyDate === null) continue;
    const edited = item.summary.bsiPercentEdited ?? null;
    bsi.push({
      date: item.studyDate,
      bsiAutomatic: automatic,
      bsiReviewed: edited ?? automatic,
      edited: edited !== null,
    });
  }
  const pet: PetPoint[] = pets.map((item) => ({
    date: item.studyDate ?? '',
    hottestSulPeak: item.summary.hottestSulPeak ?? null,
    lesionCount: item.summary.petLesionCount ?? null,
  }));
  const counts = new Map<string, { boneScanMetastases: number | null; petLesions: number | null }>();
  for (const item of boneScans) {
    if (item.studyDate === null || item.summary.metastasisHotspots === undefined) continue;
    const entry = counts.get(item.studyDate) ?? { boneScanMetastases: null, petLesions: null };
    counts.set(item.studyDate, { ...entry, boneScanMetastases: item.summary.metastasisHotspots });
  }
  for (const item of pets) {
    if (item.studyDate === null || item.summary.petLesionCount === undefined) continue;
    const entry = counts.get(item.studyDate) ?? { boneScanMetastases: null, petLesions: null };
    counts.set(item.studyDate, { ...entry, petLesions: item.summary.petLesionCount });
  }
  const lesionCounts = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, entry]) => ({ date, ...entry }));
  return { bsi, pet: pet.filter((point) => point.hottestSulPeak !== null || point.lesionCount !== null), lesionCounts };
}
