import type { Treatment, SkeletalEvent } from '@bonemet/core';
import { oralMorphineEquivalentMgPerDay } from '@bonemet/clinical';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/open-database.js';
import { labs, painScores, skeletalEvents, treatments } from '../db/schema.js';
import type { LabRecord, PainScoreRecord } from './record-schemas.js';

/** A stored record with its id; `derived` holds values the server computes from it. */
export interface StoredRecord<R> {
  readonly id: string;
  readonly record: R;
  readonly derived?: Readonly<Record<string, number>>;
}

/** Create, read, update, delete of one kind of record of a patient (`patientId` is the internal uuid). */
export interface RecordStore<R> {
  list(db: Database, patientId: string): Promise<StoredRecord<R>[]>;
  get(db: Database, patientId: string, id: string): Promise<StoredRecord<R> | undefined>;
  create(db: Database, patientId: string, record: R): Promise<StoredRecord<R>>;
  update(db: Database, patientId: string, id: string, record: R): Promise<StoredRecord<R> | undefined>;
  remove(db: Database, patientId: string, id: string): Promise<boolean>;
}

function first<T>(rows: readonly T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error('insert returned no row');
  return row;
}

/** Timeline dates of a treatment: a single-day treatment starts and ends on its day. */
function treatmentDates(treatment: Treatment): { startDate: string; endDate: string | null } {
  switch (treatment.kind) {
    case 'systemic':
    case 'radiotherapy':
      return { startDate: treatment.startDate, endDate: treatment.endDate ?? null };
    case 'bone_targeted_agent':
    case 'procedure':
      return { startDate: treatment.date, endDate: treatment.date };
  }
}

export const treatmentStore: RecordStore<Treatment> = {
  async list(db, patientId) {
    const rows = await db
      .select({ id: treatments.id, record: treatments.payload })
      .from(treatments)
      .where(eq(treatments.patientId, patientId))
      .orderBy(asc(treatments.startDate), asc(treatments.createdAt));
    return rows;
  },
  async get(db, patientId, id) {
    const [row] = await db
      .select({ id: treatments.id, record: treatments.payload })
      .from(treatments)
      .where(and(eq(treatments.patientId, patientId), eq(treatments.id, id)));
    return row;
  },
  async create(db, patientId, record) {
    return first(
      await db
        .insert(treatments)
        .values({ patientId, kind: record.kind, ...treatmentDates(record), payload: record })
        .returning({ id: treatments.id, record: treatments.payload }),
    );
  },
  async update(db, patientId, id, record) {
    const [row] = await db
      .update(treatments)
      .set({ kind: record.kind, ...treatmentDates(record), payload: record, updatedAt: new Date() })
      .where(and(eq(treatments.patientId, patientId), eq(treatments.id, id)))
      .returning({ id: treatments.id, record: treatments.payload });
    return row;
  },
  async remove(db, patientId, id) {
    const rows = await db
      .delete(treatments)
      .where(and(eq(treatments.patientId, patientId), eq(treatments.id, id)))
      .returning({ id: treatments.id });
    return rows.length > 0;
  },
};

export const skeletalEventStore: RecordStore<SkeletalEvent> = {
  async list(db, patientId) {
    return db
      .select({ id: skeletalEvents.id, record: skeletalEvents.payload })
      .from(skeletalEvents)
      .where(eq(skeletalEvents.patientId, patientId))
      .orderBy(asc(skeletalEvents.eventDate), asc(skeletalEvents.createdAt));
  },
  async get(db, patientId, id) {
    const [row] = await db
      .select({ id: skeletalEvents.id, record: skeletalEvents.payload })
      .from(skeletalEvents)
      .where(and(eq(skeletalEvents.patientId, patientId), eq(skeletalEvents.id, id)));
    return row;
  },
  async create(db, patientId, record) {
    return first(
      await db
        .insert(skeletalEvents)
        .values({ patientId, kind: record.kind, eventDate: record.date, payload: record })
        .returning({ id: skeletalEvents.id, record: skeletalEvents.payload }),
    );
  },
  async update(db, patientId, id, record) {
    const [row] = await db
      .update(skeletalEvents)
      .set({ kind: record.kind, eventDate: record.date, payload: record, updatedAt: new Date() })
      .where(and(eq(skeletalEvents.patientId, patientId), eq(skeletalEvents.id, id)))
      .returning({ id: skeletalEvents.id, record: skeletalEvents.payload });
    return row;
  },
  async remove(db, patientId, id) {
    const rows = await db
      .delete(skeletalEvents)
      .where(and(eq(skeletalEvents.patientId, patientId), eq(skeletalEvents.id, id)))
      .returning({ id: skeletalEvents.id });
    return rows.length > 0;
  },
};

type LabRow = typeof labs.$inferSelect;

/** Rebuilds the lab record from its typed columns (the analyte-unit pairing was validated on the way in). */
function labFromRow(row: LabRow): StoredRecord<LabRecord> {
  const record = {
    analyte: row.analyte,
    sampledOn: row.sampledOn,
    quantity: { value: row.value, unit: row.unit },
  } as LabRecord;
  return { id: row.id, record };
}

function labColumns(record: LabRecord): { analyte: string; sampledOn: string; value: number; unit: string } {
  return {
    analyte: record.analyte,
    sampledOn: record.sampledOn,
    value: record.quantity.value,
    unit: record.quantity.unit,
  };
}

export const labStore: RecordStore<LabRecord> = {
  async list(db, patientId) {
    const rows = await db
      .select()
      .from(labs)
      .where(eq(labs.patientId, patientId))
      .orderBy(asc(labs.sampledOn), asc(labs.analyte), asc(labs.createdAt));
    return rows.map(labFromRow);
  },
  async get(db, patientId, id) {
    const [row] = await db
      .select()
      .from(labs)
      .where(and(eq(labs.patientId, patientId), eq(labs.id, id)));
    return row === undefined ? undefined : labFromRow(row);
  },
  async create(db, patientId, record) {
    return labFromRow(
      first(
        await db
          .insert(labs)
          .values({ patientId, ...labColumns(record) })
          .returning(),
      ),
    );
  },
  async update(db, patientId, id, record) {
    const [row] = await db
      .update(labs)
      .set({ ...labColumns(record), updatedAt: new Date() })
      .where(and(eq(labs.patientId, patientId), eq(labs.id, id)))
      .returning();
    return row === undefined ? undefined : labFromRow(row);
  },
  async remove(db, patientId, id) {
    const rows = await db
      .delete(labs)
      .where(and(eq(labs.patientId, patientId), eq(labs.id, id)))
      .returning({ id: labs.id });
    return rows.length > 0;
  },
};

type PainRow = typeof painScores.$inferSelect;

function painFromRow(row: PainRow): StoredRecord<PainScoreRecord> {
  const record = {
    assessedOn: row.assessedOn,
    worstPain: row.worstPain,
    opioids: row.opioids,
  };
  return { id: row.id, record, derived: { oralMorphineEquivalentMgPerDay: row.oralMorphineEquivalentMgPerDay } };
}

function painColumns(record: PainScoreRecord): Omit<typeof painScores.$inferInsert, 'patientId'> {
  return {
    assessedOn: record.assessedOn,
    worstPain: record.worstPain,
    opioids: record.opioids,
    // Oral morphine equivalent with the CDC 2022 factors of @bonemet/clinical, for the opioid trend.
    oralMorphineEquivalentMgPerDay: oralMorphineEquivalentMgPerDay(record.opioids),
  };
}

export const painScoreStore: RecordStore<PainScoreRecord> = {
  async list(db, patientId) {
    const rows = await db
      .select()
      .from(painScores)
      .where(eq(painScores.patientId, patientId))
      .orderBy(asc(painScores.assessedOn), asc(painScores.createdAt));
    return rows.map(painFromRow);
  },
  async get(db, patientId, id) {
    const [row] = await db
      .select()
      .from(painScores)
      .where(and(eq(painScores.patientId, patientId), eq(painScores.id, id)));
    return row === undefined ? undefined : painFromRow(row);
  },
  async create(db, patientId, record) {
    return painFromRow(
      first(
        await db
          .insert(painScores)
          .values({ patientId, ...painColumns(record) })
          .returning(),
      ),
    );
  },
  async update(db, patientId, id, record) {
    const [row] = await db
      .update(painScores)
      .set({ ...painColumns(record), updatedAt: new Date() })
      .where(and(eq(painScores.patientId, patientId), eq(painScores.id, id)))
      .returning();
    return row === undefined ? undefined : painFromRow(row);
  },
  async remove(db, patientId, id) {
    const rows = await db
      .delete(painScores)
      .where(and(eq(painScores.patientId, patientId), eq(painScores.id, id)))
      .returning({ id: painScores.id });
    return rows.length > 0;
  },
};
