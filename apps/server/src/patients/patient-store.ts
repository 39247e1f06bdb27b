import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, ilike, inArray, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { ApiError } from '../http/api-error.js';
import type { Database } from '../db/open-database.js';
import { patients } from '../db/schema.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { randomDateShiftDays } from '../privacy/deidentify.js';
import type { IdentifiedPatient, PatientCreate } from './patient-schemas.js';

export type PatientRow = typeof patients.$inferSelect;

/** Crockford base32 (no I, L, O, U): unambiguous when read aloud or copied by hand. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new random research id, R- and 10 Crockford base32 characters (50 random bits). */
export function newResearchId(): string {
  const bytes = randomBytes(10);
  let id = 'R-';
  for (const byte of bytes) id += CROCKFORD[byte % 32] ?? '0';
  return id;
}

export function identifiedPatient(row: PatientRow): IdentifiedPatient {
  return {
    id: row.researchId,
    mrn: row.mrn,
    familyName: row.familyName,
    givenName: row.givenName,
    sex: row.sex,
    ...(row.birthDate === null ? {} : { birthDate: row.birthDate }),
    synthetic: row.synthetic,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function mrnConflict(mrn: string): ApiError {
  return new ApiError(409, 'conflict', 'a patient with this MRN exists already', [
    { path: ['mrn'], message: `MRN ${mrn} is already in use` },
  ]);
}

export async function insertPatient(db: Database, input: PatientCreate): Promise<PatientRow> {
  try {
    const [row] = await db
      .insert(patients)
      .values({
        researchId: newResearchId(),
        mrn: input.mrn,
        familyName: input.familyName,
        givenName: input.givenName,
        sex: input.sex,
        birthDate: input.birthDate ?? null,
        synthetic: input.synthetic,
        dateShiftDays: randomDateShiftDays(),
      })
      .returning();
    if (row === undefined) throw new Error('patient insert returned no row');
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw mrnConflict(input.mrn);
    throw error;
  }
}

export async function updatePatient(
  db: Database,
  researchId: string,
  changes: { readonly [K in keyof PatientCreate]?: PatientCreate[K] | undefined },
): Promise<PatientRow | undefined> {
  try {
    const [row] = await db
      .update(patients)
      .set({
        ...(changes.mrn === undefined ? {} : { mrn: changes.mrn }),
        ...(changes.familyName === undefined ? {} : { familyName: changes.familyName }),
        ...(changes.givenName === undefined ? {} : { givenName: changes.givenName }),
        ...(changes.sex === undefined ? {} : { sex: changes.sex }),
        ...(changes.birthDate === undefined ? {} : { birthDate: changes.birthDate }),
        ...(changes.synthetic === undefined ? {} : { synthetic: changes.synthetic }),
        updatedAt: new Date(),
      })
      .where(eq(patients.researchId, researchId))
      .returning();
    return row;
  } catch (error) {
    if (isUniqueViolation(error) && changes.mrn !== undefined) throw mrnConflict(changes.mrn);
    throw error;
  }
}

export async function findPatient(db: Database, researchId: string): Promise<PatientRow | undefined> {
  const [row] = await db.select().from(patients).where(eq(patients.researchId, researchId));
  return row;
}

/** Escapes LIKE wildcards so that a search term matches literally. */
function likeLiteral(term: string): string {
  return term.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export interface PatientQuery {
  /** Case-insensitive part of the family or given name, or the start of the MRN. */
  readonly search?: string | undefined;
  readonly synthetic?: boolean | undefined;
  /** Only these patients (row ids), e.g. those of a response status; none when empty. */
  readonly onlyIds?: readonly string[] | undefined;
  /** Not these patients (row ids). */
  readonly exceptIds?: readonly string[] | undefined;
  /** `name` for clinicians; `researchId` for de-identified lists, whose order must not follow the names. */
  readonly orderBy: 'name' | 'researchId';
  readonly limit: number;
  readonly offset: number;
}

/** A page of patients ordered by family name, given name and research id, with the total count. */
export async function listPatients(db: Database, query: PatientQuery): Promise<{ rows: PatientRow[]; total: number }> {
  const filters: SQL[] = [];
  if (query.search !== undefined) {
    const term = likeLiteral(query.search);
    const match = or(
      ilike(patients.familyName, `%${term}%`),
      ilike(patients.givenName, `%${term}%`),
      ilike(patients.mrn, `${term}%`),
    );
    if (match !== undefined) filters.push(match);
  }
  if (query.synthetic !== undefined) filters.push(eq(patients.synthetic, query.synthetic));
  if (query.onlyIds !== undefined) {
    filters.push(query.onlyIds.length === 0 ? sql`FALSE` : inArray(patients.id, [...query.onlyIds]));
  }
  if (query.exceptIds !== undefined && query.exceptIds.length > 0) {
    filters.push(notInArray(patients.id, [...query.exceptIds]));
  }
  const where = filters.length === 0 ? undefined : and(...filters);
  const [totalRow] = await db.select({ n: count() }).from(patients).where(where);
  const rows = await db
    .select()
    .from(patients)
    .where(where)
    .orderBy(
      ...(query.orderBy === 'name'
        ? [asc(patients.familyName), asc(patients.givenName), asc(patients.researchId)]
        : [asc(patients.researchId)]),
    )
    .limit(query.limit)
    .offset(query.offset);
  return { rows, total: totalRow?.n ?? 0 };
}
