import { z } from 'zod';

/**
 * Side of the body, as the mCODE LateralityQualifierVS values (Right, Left, Right and left, Midline).
 * One lesion on a paired bone is on one side; `bilateral` exists for findings and treatment fields
 * that span both sides, never for a single lesion's location.
 */
export const lateralities = ['left', 'right', 'bilateral', 'midline'] as const;

export type Laterality = (typeof lateralities)[number];

export const lateralitySchema = z
  .enum(lateralities)
  .describe(
    'Side of the body: left or right for a paired bone; midline (or omitted) for an axial bone; bilateral only where a field spans both sides',
  );
