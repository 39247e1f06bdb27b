/**
 * Landmarks read from a CT on the PET grid (HU), by documented rules, for the CT-guided liver sphere, the
 * automatic physiological exclusion and the skeletal region of each lesion. Project conventions, each
 * checked on the PET/CT phantom; they assume an axial acquisition of the trunk (slice normal along the
 * body axis, i.e. the third direction cosine is ±z) and are not validated on patient CTs.
 *
 * - Body: per axial slice, the voxels not reached by a 4-connected flood of air (HU < −500) from the slice
 *   border (air inside the body, lungs and bowel gas, stays inside).
 * - Bone: HU ≥ boneHu (default 150, as for the osseous test).
 * - Midline: mean x of the spinal-column bone when there is one, else of the body voxels.
 * - Lungs: air inside the body in 26-connected components of at least `lungMinimumMl` (smaller gas pockets
 *   are bowel); the right lung is the lung on the patient right (x below the midline, DICOM LPS).
 * - Pelvic slices: axial slices with at least `pelvicSideAreaMm2` of bone on each side more than
 *   `lateralBoneMm` from the midline (the iliac wings and the ring are broad plates; ribs cut in a slice
 *   are small sections). The pelvis is the lowest run of such slices.
 * - Spinal column: bone within `columnHalfWidthMm` of the midline, posterior to the body's mean y; its
 *   centre y is the median y of that bone. A slice is a vertebral-body slice when at least half of the
 *   column core (|x − midline| and |y − centre| within `coreHalfWidthMm`) is bone; discs are the runs of
 *   other slices between them.
 * - Sacrum: the run of body slices that holds the middle slice of the pelvis; the run directly above it
 *   is L5, then L4…L1, T12…T1, C7…C1 (24 presacral vertebrae, the usual count; a transitional vertebra or
 *   a disc thinner than about one slice shifts the levels above it). The column ends at the first gap
 *   longer than `maximumDiscMm` (adult discs are at most about 15 mm high): bone above it (the skull
 *   base, the skull) is not a vertebra.
 */
import { vertebralLevels, type VertebralLevel } from '@bonemet/core';
import { voxelVolumeMl, type Triple, type VoxelMask } from '@bonemet/imaging';
import { BoxTracker, labelWithinBox } from './mask-operations.js';
import type { CtImage } from './osseous.js';

export const ctAnatomyRules = {
  airHu: -500,
  lungMinimumMl: 100,
  lateralBoneMm: 60,
  pelvicSideAreaMm2: 1000,
  columnHalfWidthMm: 30,
  coreHalfWidthMm: 12,
  maximumDiscMm: 15,
} as const;

/** Presacral vertebrae counted upward from the sacrum. */
export const levelsAboveSacrum: readonly VertebralLevel[] = [
  ...vertebralLevels.slice(19, 24).reverse(), // L5…L1
  ...vertebralLevels.slice(7, 19).reverse(), // T12…T1
  ...vertebralLevels.slice(0, 7).reverse(), // C7…C1
];

/** A vertebral body (or the sacrum) as a run of slices. */
export interface ColumnSegment {
  /** Null for the sacrum. */
  readonly level: VertebralLevel | null;
  /** z of the lowest and highest slice centres of the run, mm. */
  readonly bottomZMm: number;
  readonly topZMm: number;
}

export interface CtAnatomy {
  readonly dimensions: Triple;
  readonly spacingMm: Triple;
  readonly body: VoxelMask;
  readonly bone: VoxelMask;
  /** Lung voxels (air inside the body in large components). */
  readonly lungs: VoxelMask;
  readonly midlineXMm: number | null;
  /** Mean y of the body voxels, mm. */
  readonly bodyCentreYMm: number | null;
  /** Lowest z of the right lung, mm; null without a right lung. */
  readonly rightLungBaseZMm: number | null;
  /** Centre y of the spinal column, mm. */
  readonly columnCentreYMm: number | null;
  /** Pelvis: slices and the anteroposterior extent of its bone. */
  readonly pelvis: {
    /** z of the lowest and highest pelvic slice centres, mm. */
    readonly bottomZMm: number;
    readonly topZMm: number;
    readonly anteriorYMm: number;
    readonly posteriorYMm: number;
  } | null;
  /** Sacrum first, then L5 upward; empty when the sacrum is not found. */
  readonly column: readonly ColumnSegment[];
  /** Patient x, y, z (mm) of voxel columns i, rows j and slices k (axial grid). */
  readonly xMm: (i: number, j: number) => number;
  readonly yMm: (i: number, j: number) => number;
  readonly zMm: (k: number) => number;
  /** Why a landmark is missing. */
  readonly notes: readonly string[];
}

/** Whether the grid is axial: the slice direction is ±z and the in-plane directions have no z part. */
export function isAxialGrid(ct: CtImage): boolean {
  const [di, dj, dk] = ct.directions;
  return Math.abs(Math.abs(dk[2]) - 1) < 1e-3 && Math.abs(di[2]) < 1e-3 && Math.abs(dj[2]) < 1e-3;
}

/** Reads the landmarks; `boneHu` is the bone threshold. Returns null for a non-axial grid. */
export function analyseCtAnatomy(ct: CtImage, boneHu: number): CtAnatomy | null {
  if (!isAxialGrid(ct)) return null;
  const [nx, ny, nz] = ct.dimensions;
  const [sx, sy, sz] = ct.spacingMm;
  const [di, dj, dk] = ct.directions;
  const [ox, oy, oz] = ct.originMm;
  const xMm = (i: number, j: number): number => ox + i * sx * di[0] + j * sy * dj[0];
  const yMm = (i: number, j: number): number => oy + i * sx * di[1] + j * sy * dj[1];
  const zMm = (k: number): number => oz + k * sz * dk[2];
  const hu = ct.voxels;
  const perSlice = nx * ny;
  const notes: string[] = [];
  // In-plane positions, computed once per slice position (indexed loops below run over every voxel).
  const xs = new Float64Array(perSlice);
  const ys = new Float64Array(perSlice);
  for (let j = 0, p = 0; j < ny; j++)
    for (let i = 0; i < nx; i++, p++) {
      xs[p] = xMm(i, j);
      ys[p] = yMm(i, j);
    }

  // Slice by slice while the slice is in cache: the body (flood of outside air), then one pass for the bone
  // mask and the list of bone voxels, the body centre, and the air inside the body (with its bounding box).
  const body = new Uint8Array(hu.length).fill(1);
  const floodStack: number[] = [];
  const bone = new Uint8Array(hu.length);
  let boneVoxels = new Uint32Array(1 << 16);
  let boneCount = 0;
  const boneSliceStart = new Uint32Array(nz + 1);
  const air = new Uint8Array(hu.length);
  const airBox = new BoxTracker();
  let sumX = 0;
  let sumY = 0;
  let bodyCount = 0;
  for (let k = 0, n = 0; k < nz; k++) {
    floodOutsideAir(body, hu, k * perSlice, nx, ny, floodStack);
    boneSliceStart[k] = boneCount;
    for (let j = 0, p = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, n++, p++) {
        const value = hu[n] ?? Number.NaN;
        if (value >= boneHu) {
          bone[n] = 1;
          if (boneCount === boneVoxels.length) {
            const grown = new Uint32Array(boneVoxels.length * 2);
            grown.set(boneVoxels);
            boneVoxels = grown;
          }
          boneVoxels[boneCount++] = n;
        }
        if (body[n] === 0) continue;
        sumX += xs[p] ?? 0;
        sumY += ys[p] ?? 0;
        bodyCount++;
        if (value < ctAnatomyRules.airHu) {
          air[n] = 1;
          airBox.add(i, j, k);
        }
      }
  }
  boneSliceStart[nz] = boneCount;
  if (bodyCount === 0) {
    notes.push('the CT shows no body (no voxel above −500 HU inside the slice borders)');
    return {
      dimensions: ct.dimensions,
      spacingMm: ct.spacingMm,
      body,
      bone,
      lungs: new Uint8Array(hu.length),
      midlineXMm: null,
      bodyCentreYMm: null,
      rightLungBaseZMm: null,
      columnCentreYMm: null,
      pelvis: null,
      column: [],
      xMm,
      yMm,
      zMm,
      notes,
    };
  }
  const bodyCentreYMm = sumY / bodyCount;
  let midlineXMm = sumX / bodyCount;

  // Spinal column: midline bone posterior to the body centre.
  const columnYs: number[] = [];
  let columnX = 0;
  for (let b = 0; b < boneCount; b++) {
    const p = (boneVoxels[b] ?? 0) % perSlice;
    const x = xs[p] ?? 0;
    const y = ys[p] ?? 0;
    if (Math.abs(x - midlineXMm) <= ctAnatomyRules.columnHalfWidthMm && y >= bodyCentreYMm) {
      columnYs.push(y);
      columnX += x;
    }
  }
  let columnCentreYMm: number | null = null;
  if (columnYs.length > 0) {
    midlineXMm = columnX / columnYs.length;
    columnYs.sort((a, b) => a - b);
    columnCentreYMm = columnYs[Math.floor(columnYs.length / 2)] ?? null;
  } else {
    notes.push('no spinal column found on the CT (no midline bone posterior to the body centre)');
  }

  // Lungs.
  // The air mask is labelled within its bounding box (same components, smaller arrays).
  const minimumVoxels = ctAnatomyRules.lungMinimumMl / voxelVolumeMl(ct);
  const lungs = new Uint8Array(hu.length);
  let rightLungBaseZMm: number | null = null;
  const box = airBox.box();
  if (box !== null) {
    const components = labelWithinBox(air, ct.dimensions, box, 26);
    const [bx, by, bz] = components.boxDimensions;
    const [loI, loJ, loK] = box.lo;
    for (let k = 0, b = 0; k < bz; k++) {
      const z = zMm(loK + k);
      for (let j = 0; j < by; j++) {
        const row = loI + nx * (loJ + j + ny * (loK + k));
        for (let i = 0; i < bx; i++, b++) {
          const label = components.labels[b] ?? 0;
          if (label === 0 || (components.sizes[label] ?? 0) < minimumVoxels) continue;
          const n = row + i;
          lungs[n] = 1;
          if ((xs[n % perSlice] ?? 0) < midlineXMm && (rightLungBaseZMm === null || z < rightLungBaseZMm)) {
            rightLungBaseZMm = z;
          }
        }
      }
    }
  }
  if (rightLungBaseZMm === null)
    notes.push(
      `no right lung on the CT (air inside the body ≥ ${ctAnatomyRules.lungMinimumMl} ml on the patient right)`,
    );

  // Pelvis and column, slice by slice, ordered from the lowest z upward.
  const order = Array.from({ length: nz }, (_, k) => k).sort((a, b) => zMm(a) - zMm(b));
  const pixelMm2 = sx * sy;
  const pelvic = new Uint8Array(nz);
  const columnBody = new Uint8Array(nz);
  const coreMask = new Uint8Array(perSlice);
  if (columnCentreYMm !== null) {
    for (let p = 0; p < perSlice; p++) {
      const inCore =
        Math.abs((xs[p] ?? 0) - midlineXMm) <= ctAnatomyRules.coreHalfWidthMm &&
        Math.abs((ys[p] ?? 0) - columnCentreYMm) <= ctAnatomyRules.coreHalfWidthMm;
      if (inCore) coreMask[p] = 1;
    }
  }
  let core = 0;
  for (let p = 0; p < perSlice; p++) if (coreMask[p] === 1) core++;
  // Per slice, over its bone voxels only (the core's voxel count is the same in every slice).
  for (let k = 0; k < nz; k++) {
    let right = 0;
    let left = 0;
    let coreBone = 0;
    const offset = perSlice * k;
    for (let b = boneSliceStart[k] ?? 0; b < (boneSliceStart[k + 1] ?? 0); b++) {
      const p = (boneVoxels[b] ?? 0) - offset;
      const dx = (xs[p] ?? 0) - midlineXMm;
      if (coreMask[p] === 1) coreBone++;
      if (dx <= -ctAnatomyRules.lateralBoneMm) right += pixelMm2;
      else if (dx >= ctAnatomyRules.lateralBoneMm) left += pixelMm2;
    }
    if (right >= ctAnatomyRules.pelvicSideAreaMm2 && left >= ctAnatomyRules.pelvicSideAreaMm2) pelvic[k] = 1;
    if (core > 0 && coreBone >= core / 2) columnBody[k] = 1;
  }

  let pelvis: CtAnatomy['pelvis'] = null;
  const firstPelvic = order.findIndex((k) => pelvic[k] === 1);
  let lastPelvicPosition = -1;
  if (firstPelvic >= 0) {
    let lastPelvic = firstPelvic;
    while (lastPelvic + 1 < nz && pelvic[order[lastPelvic + 1] ?? 0] === 1) lastPelvic++;
    lastPelvicPosition = lastPelvic;
    let anterior = Infinity;
    let posterior = -Infinity;
    for (let o = firstPelvic; o <= lastPelvic; o++) {
      const k = order[o] ?? 0;
      const offset = perSlice * k;
      for (let b = boneSliceStart[k] ?? 0; b < (boneSliceStart[k + 1] ?? 0); b++) {
        const y = ys[(boneVoxels[b] ?? 0) - offset] ?? 0;
        if (y < anterior) anterior = y;
        if (y > posterior) posterior = y;
      }
    }
    pelvis = {
      bottomZMm: zMm(order[firstPelvic] ?? 0),
      topZMm: zMm(order[lastPelvic] ?? 0),
      anteriorYMm: anterior,
      posteriorYMm: posterior,
    };
  } else {
    notes.push('no pelvis on the CT (no axial slice with broad bone on both sides): vertebral levels are not counted');
  }

  // Runs of column-body slices, as positions in the z order.
  const runs: { first: number; last: number }[] = [];
  for (let o = 0; o < nz; o++) {
    if (columnBody[order[o] ?? 0] !== 1) continue;
    const previous = runs[runs.length - 1];
    if (previous?.last === o - 1) previous.last = o;
    else runs.push({ first: o, last: o });
  }
  const column: ColumnSegment[] = [];
  if (pelvis !== null && lastPelvicPosition >= 0) {
    const middle = Math.floor((firstPelvic + lastPelvicPosition) / 2);
    const sacrum = runs.findIndex((run) => run.first <= middle && run.last >= middle);
    if (sacrum < 0) {
      notes.push('no sacrum in the middle of the pelvis on the CT: vertebral levels are not counted');
    } else {
      const sliceMm = sz;
      let ended = false;
      runs.slice(sacrum).forEach((run, index, list) => {
        const below = list[index - 1];
        if (below !== undefined) {
          const gapMm = zMm(order[run.first] ?? 0) - zMm(order[below.last] ?? 0) - sliceMm;
          if (gapMm > ctAnatomyRules.maximumDiscMm) ended = true;
        }
        if (ended || index > levelsAboveSacrum.length) return;
        column.push({
          level: index === 0 ? null : (levelsAboveSacrum[index - 1] ?? null),
          bottomZMm: zMm(order[run.first] ?? 0),
          topZMm: zMm(order[run.last] ?? 0),
        });
      });
    }
  }
  return {
    dimensions: ct.dimensions,
    spacingMm: ct.spacingMm,
    body,
    bone,
    lungs,
    midlineXMm,
    bodyCentreYMm,
    rightLungBaseZMm,
    columnCentreYMm,
    pelvis,
    column,
    xMm,
    yMm,
    zMm,
    notes,
  };
}

/**
 * Marks as outside the body (0 in `body`, which starts at 1) the voxels of the slice at `offset` reached by
 * a 4-connected flood of air from the slice border. The flood goes by runs along i (scanline filling),
 * which reaches the same voxels as a voxel-by-voxel flood with far fewer stack operations.
 */
function floodOutsideAir(
  body: Uint8Array,
  hu: Float32Array,
  offset: number,
  nx: number,
  ny: number,
  stack: number[],
): void {
  const perSlice = nx * ny;
  const airHu = ctAnatomyRules.airHu;
  for (let i = 0; i < nx; i++) stack.push(i, i + nx * (ny - 1));
  for (let j = 1; j < ny - 1; j++) stack.push(nx * j, nx - 1 + nx * j);
  while (stack.length > 0) {
    const p = stack.pop() ?? 0;
    if (!(body[offset + p] === 1 && (hu[offset + p] ?? 0) < airHu)) continue;
    const rowStart = p - (p % nx);
    let first = p;
    while (first > rowStart && body[offset + first - 1] === 1 && (hu[offset + first - 1] ?? 0) < airHu) first--;
    let last = p;
    while (last < rowStart + nx - 1 && body[offset + last + 1] === 1 && (hu[offset + last + 1] ?? 0) < airHu) last++;
    for (let q = first; q <= last; q++) body[offset + q] = 0;
    // Seed each run of floodable voxels in the rows above and below the filled run.
    for (let side = -1; side <= 1; side += 2) {
      const neighbourRow = rowStart + side * nx;
      if (neighbourRow < 0 || neighbourRow >= perSlice) continue;
      let inRun = false;
      for (let q = first; q <= last; q++) {
        const m = q - rowStart + neighbourRow;
        const floodable = body[offset + m] === 1 && (hu[offset + m] ?? 0) < airHu;
        if (floodable && !inRun) stack.push(m);
        inRun = floodable;
      }
    }
  }
}
