import type { ResponseTimelineView } from '../api/analysis-schemas.js';

/**
 * The response timeline as rows to read: per time point, per criterion, the category, the numbers it used,
 * the rule in words and the sources. The stored payload is packages/response's timeline assessment; its
 * criteria carry their category as `category` (RECIST 1.1, MDA), `vsBaseline` (PERCIST 1.0) or `status`
 * (bone-scan progression with flare), and their rule as `rule` or `decidingRules`.
 */
export interface CriterionRow {
  readonly criterion: string;
  readonly category: string;
  readonly numbers: readonly { readonly name: string; readonly value: string }[];
  readonly rule: string | undefined;
  readonly citations: readonly string[];
}

export interface ResponsePointRows {
  readonly date: string;
  readonly criteria: readonly CriterionRow[];
  /** The bone-scan flare status at this point, when the bone-scan criterion was assessed. */
  readonly flare: string | undefined;
}

const CRITERION_NAMES: Readonly<Record<string, string>> = {
  percist: 'PERCIST 1.0',
  recist: 'RECIST 1.1 (bone)',
  mda: 'MD Anderson bone criteria',
  boneScan: 'Bone scan (flare-aware progression)',
};

const CATEGORY_KEYS = ['category', 'vsBaseline', 'status'] as const;
const RULE_KEYS = ['rule', 'decidingRules', 'rules', 'reason'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Words for a machine value: `progression_not_confirmed_possible_flare` → "progression not confirmed possible flare". */
export function words(value: string): string {
  return value.replaceAll('_', ' ');
}

/** camelCase field name → words: `percentFromBaseline` → "percent from baseline". */
function fieldWords(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function citationText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isRecord(value) && typeof value.short === 'string') return value.short;
  return undefined;
}

function criterionRow(key: string, value: unknown): CriterionRow {
  const criterion = CRITERION_NAMES[key] ?? fieldWords(key);
  if (!isRecord(value)) {
    return {
      criterion,
      category: typeof value === 'string' || typeof value === 'number' ? String(value) : 'not assessed',
      numbers: [],
      rule: undefined,
      citations: [],
    };
  }
  const categoryKey = CATEGORY_KEYS.find((candidate) => typeof value[candidate] === 'string');
  const category = categoryKey === undefined ? 'not given' : words(String(value[categoryKey]));
  const ruleValue = RULE_KEYS.map((candidate) => value[candidate]).find(
    (candidate) => candidate !== undefined && candidate !== null,
  );
  const rule = Array.isArray(ruleValue)
    ? ruleValue.map(String).join('; ')
    : typeof ruleValue === 'string'
      ? ruleValue
      : undefined;
  const used = new Set<string>([categoryKey ?? '', ...RULE_KEYS, 'citations', 'sources']);
  const numbers: { name: string; value: string }[] = [];
  for (const [name, field] of Object.entries(value)) {
    if (used.has(name)) continue;
    if (typeof field === 'number') numbers.push({ name: fieldWords(name), value: formatNumber(field) });
    else if (typeof field === 'string') numbers.push({ name: fieldWords(name), value: words(field) });
    else if (typeof field === 'boolean') numbers.push({ name: fieldWords(name), value: field ? 'yes' : 'no' });
    else if (field === null) numbers.push({ name: fieldWords(name), value: 'not available' });
  }
  const citationList = [value.citations, value.sources].find(Array.isArray) ?? [];
  const citations = citationList.map(citationText).filter((text): text is string => text !== undefined);
  return { criterion, category, numbers, rule, citations };
}

export function responseRows(timeline: ResponseTimelineView): readonly ResponsePointRows[] {
  return (timeline.points ?? []).map((point) => {
    const boneScan = point.assessment.boneScan;
    const flare = isRecord(boneScan) && typeof boneScan.status === 'string' ? words(boneScan.status) : undefined;
    return {
      date: point.date,
      criteria: Object.entries(point.assessment).map(([key, value]) => criterionRow(key, value)),
      flare,
    };
  });
}
