/**
 * Rigid alignment (translation and rotation) of a later PET/CT study onto an earlier one, from the images.
 *
 * Method (surface matching on a distance map, a form of chamfer matching; Borgefors 1988):
 * - Structures: with a CT in both studies, the bone mask (HU ≥ 200 by default; the osseous test of
 *   packages/pet uses the same kind of threshold); without a CT, the PET body outline (the largest connected
 *   component above 30% of the median body uptake, after a 3×3×3 mean against noise) together with the outline
 *   of the high-uptake organs (above 1.4 × the median uptake inside the body: liver, kidneys, bladder, marrow).
 *   The body outline alone is a near-cylinder that cannot fix the position along the long axis; the organ
 *   outlines can.
 * - Surface points: mask voxels with a 6-neighbour outside the mask; voxels on the faces of the grid are not
 *   surface (the field of view cuts the body there).
 * - Cost: the earlier study's surface gives an exact Euclidean distance map (Felzenszwalb and Huttenlocher
 *   2012, separable in the three axes, anisotropic voxels). The later study's surface points, mapped by the
 *   candidate transform, read that map (trilinear); the cost is the mean of the squared distances capped at
 *   `capMm` (points that land outside the earlier grid are left out; at least half must land inside).
 * - Search: the translation that moves the later mask's centre of mass onto the earlier one's, refined by
 *   an exhaustive search of translations within ± 48 mm (8 mm steps; the position of the patient on the table
 *   differs by centimetres between studies), then a pattern search over the three translations and the three
 *   rotations about the later surface's centre, step halving down to 0.1 mm.
 * - Refinement on the image values: the voxelised surfaces limit the match to about half a voxel, so the
 *   result is refined by a second pattern search (down to 0.05 mm) minimising the mean squared difference
 *   between the later image and the earlier image mapped onto it (trilinear), on the voxels on and next to the
 *   later surface; the images are clipped (CT −200 HU to bone + 500 HU; PET 0 to 3 × the median body uptake,
 *   so that changing lesions weigh little) and averaged over 3×3×3. A refinement that moves more than 6 mm or
 *   2° from the surface match is not used (and a note says so).
 * - Residual: the root mean square distance (mm) from the mapped later surface points to the earlier surface,
 *   before (identity) and after alignment, over the points that land in the earlier grid.
 */
import { BonemetError } from '@bonemet/core';
import { labelConnectedComponents, validateVolume, type PlacedVolume, type Triple } from '@bonemet/imaging';

export type AlignmentMethod = 'ct-bone' | 'pet-body-outline';

/** One study as the alignment needs it: the PET (SUVbw) and, when present, the CT on any grid. */
export interface AlignmentStudy {
  readonly pet: PlacedVolume;
  readonly ct?: PlacedVolume | undefined;
}

/** Maps later patient coordinates to earlier ones: x_earlier = rotation · x_later + translationMm. */
export interface RigidTransform {
  /** Rotation matrix, rows. */
  readonly rotation: readonly [Triple, Triple, Triple];
  readonly translationMm: Triple;
}

export interface PetAlignment {
  readonly method: AlignmentMethod;
  /** Later → earlier patient coordinates. */
  readonly transform: RigidTransform;
  /** Rotation angles about x, y and z (degrees, applied x then y then z). */
  readonly rotationDeg: Triple;
  /** RMS distance of the later surface to the earlier one after alignment, mm. */
  readonly residualMm: number;
  /** The same before alignment (identity transform), mm. */
  readonly residualBeforeMm: number;
  readonly surfacePointCount: number;
  /** Fraction of the later surface points that land inside the earlier grid after alignment. */
  readonly overlapFraction: number;
  readonly notes: readonly string[];
}

export interface AlignmentOptions {
  /** CT bone threshold, HU (default 200). */
  readonly boneHu?: number;
  /** Distances above this count as this in the cost, mm (default 15). */
  readonly capMm?: number;
}

export const IDENTITY_TRANSFORM: RigidTransform = Object.freeze({
  rotation: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ] as const,
  translationMm: [0, 0, 0] as const,
});

/** `transform` applied to a point. */
export function applyRigidTransform(transform: RigidTransform, point: Triple): Triple {
  const [r0, r1, r2] = transform.rotation;
  const t = transform.translationMm;
  return [
    r0[0] * point[0] + r0[1] * point[1] + r0[2] * point[2] + t[0],
    r1[0] * point[0] + r1[1] * point[1] + r1[2] * point[2] + t[1],
    r2[0] * point[0] + r2[1] * point[1] + r2[2] * point[2] + t[2],
  ];
}

/** Rotation matrix Rz(γ)·Ry(β)·Rx(α) from angles in degrees. */
export function rotationFromDegrees(anglesDeg: Triple): [Triple, Triple, Triple] {
  const [a, b, c] = anglesDeg.map((angle) => (angle * Math.PI) / 180) as [number, number, number];
  const [ca, sa, cb, sb, cc, sc] = [Math.cos(a), Math.sin(a), Math.cos(b), Math.sin(b), Math.cos(c), Math.sin(c)];
  return [
    [cc * cb, cc * sb * sa - sc * ca, cc * sb * ca + sc * sa],
    [sc * cb, sc * sb * sa + cc * ca, sc * sb * ca - cc * sa],
    [-sb, cb * sa, cb * ca],
  ];
}

const INF = 1e20;

/** 1-D squared distance transform of samples `f` at spacing `s` mm: lower envelope of parabolas. */
function distanceTransform1d(
  f: Float64Array,
  n: number,
  s: number,
  out: Float64Array,
  v: Int32Array,
  z: Float64Array,
): void {
  let first = -1;
  for (let q = 0; q < n; q++)
    if ((f[q] ?? INF) < INF) {
      first = q;
      break;
    }
  if (first < 0) {
    out.fill(INF, 0, n);
    return;
  }
  let k = 0;
  v[0] = first;
  z[0] = -INF;
  z[1] = INF;
  for (let q = first + 1; q < n; q++) {
    const fq = f[q] ?? INF;
    if (fq >= INF) continue;
    const xq = q * s;
    let intersection = 0;
    for (;;) {
      const p = v[k] ?? 0;
      const xp = p * s;
      intersection = (fq + xq * xq - ((f[p] ?? 0) + xp * xp)) / (2 * (xq - xp));
      if (intersection <= (z[k] ?? -INF)) k--;
      else break;
    }
    k++;
    v[k] = q;
    z[k] = intersection;
    z[k + 1] = INF;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    const xq = q * s;
    while ((z[k + 1] ?? INF) < xq) k++;
    const p = v[k] ?? 0;
    out[q] = (xq - p * s) ** 2 + (f[p] ?? 0);
  }
}

/** Euclidean distance (mm) of every voxel to the nearest voxel of `sites`, on a grid of `spacingMm`. */
export function euclideanDistanceMap(sites: Uint8Array, dimensions: Triple, spacingMm: Triple): Float32Array {
  const [nx, ny, nz] = dimensions;
  const squared = new Float64Array(nx * ny * nz);
  for (let n = 0; n < squared.length; n++) squared[n] = sites[n] === 0 ? INF : 0;
  const longest = Math.max(nx, ny, nz);
  const f = new Float64Array(longest);
  const out = new Float64Array(longest);
  const v = new Int32Array(longest);
  const z = new Float64Array(longest + 1);
  const pass = (n: number, stride: number, s: number, starts: number[]): void => {
    for (const start of starts) {
      for (let q = 0; q < n; q++) f[q] = squared[start + q * stride] ?? INF;
      distanceTransform1d(f, n, s, out, v, z);
      for (let q = 0; q < n; q++) squared[start + q * stride] = out[q] ?? INF;
    }
  };
  const startsX: number[] = [];
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) startsX.push(nx * (j + ny * k));
  pass(nx, 1, spacingMm[0], startsX);
  const startsY: number[] = [];
  for (let k = 0; k < nz; k++) for (let i = 0; i < nx; i++) startsY.push(i + nx * ny * k);
  pass(ny, nx, spacingMm[1], startsY);
  const startsZ: number[] = [];
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) startsZ.push(i + nx * j);
  pass(nz, nx * ny, spacingMm[2], startsZ);
  const distance = new Float32Array(squared.length);
  for (let n = 0; n < squared.length; n++) distance[n] = Math.sqrt(Math.min(squared[n] ?? INF, 1e12));
  return distance;
}

/** Values averaged over the 3×3×3 neighbourhood (edges: the voxels present). */
function boxMean3(values: Float32Array, dimensions: Triple): Float32Array {
  const [nx, ny, nz] = dimensions;
  let current = Float32Array.from(values);
  const strides = [1, nx, nx * ny];
  const sizes = [nx, ny, nz];
  for (let axis = 0; axis < 3; axis++) {
    const stride = strides[axis] ?? 1;
    const size = sizes[axis] ?? 1;
    const next = new Float32Array(current.length);
    for (let n = 0; n < current.length; n++) {
      const position = Math.floor(n / stride) % size;
      let sum = current[n] ?? 0;
      let count = 1;
      if (position > 0) {
        sum += current[n - stride] ?? 0;
        count++;
      }
      if (position < size - 1) {
        sum += current[n + stride] ?? 0;
        count++;
      }
      next[n] = sum / count;
    }
    current = next;
  }
  return current;
}

function median(values: Float32Array, keep: (value: number) => boolean): number {
  const kept: number[] = [];
  // A sample of at most ~200 000 values is enough for a median.
  const step = Math.max(1, Math.floor(values.length / 200_000));
  for (let n = 0; n < values.length; n += step) {
    const value = values[n] ?? 0;
    if (keep(value)) kept.push(value);
  }
  if (kept.length === 0) return Number.NaN;
  kept.sort((a, b) => a - b);
  return kept[Math.floor(kept.length / 2)] ?? Number.NaN;
}

function largestComponent(mask: Uint8Array, dimensions: Triple): Uint8Array {
  const components = labelConnectedComponents(mask, dimensions, 6);
  if (components.count <= 1) return mask;
  const sizes = new Int32Array(components.count + 1);
  for (const label of components.labels) if (label > 0) sizes[label] = (sizes[label] ?? 0) + 1;
  let best = 1;
  for (let label = 2; label <= components.count; label++) if ((sizes[label] ?? 0) > (sizes[best] ?? 0)) best = label;
  const out = new Uint8Array(mask.length);
  components.labels.forEach((label, n) => {
    if (label === best) out[n] = 1;
  });
  return out;
}

/** Mask voxels with a 6-neighbour outside the mask, not on the faces of the grid. */
function surfaceOf(mask: Uint8Array, dimensions: Triple): Uint8Array {
  const [nx, ny, nz] = dimensions;
  const surface = new Uint8Array(mask.length);
  for (let k = 1; k < nz - 1; k++)
    for (let j = 1; j < ny - 1; j++)
      for (let i = 1; i < nx - 1; i++) {
        const n = i + nx * (j + ny * k);
        if (mask[n] === 0) continue;
        if (
          mask[n - 1] === 0 ||
          mask[n + 1] === 0 ||
          mask[n - nx] === 0 ||
          mask[n + nx] === 0 ||
          mask[n - nx * ny] === 0 ||
          mask[n + nx * ny] === 0
        )
          surface[n] = 1;
      }
  return surface;
}

interface Structures {
  readonly grid: PlacedVolume;
  readonly surface: Uint8Array;
  readonly mask: Uint8Array;
  /** The image the intensity refinement compares: clipped and smoothed. */
  readonly intensity: Float32Array;
}

function boneStructures(ct: PlacedVolume, boneHu: number): Structures {
  const mask = new Uint8Array(ct.voxels.length);
  for (let n = 0; n < mask.length; n++) if ((ct.voxels[n] ?? -1000) >= boneHu) mask[n] = 1;
  return {
    grid: ct,
    mask,
    surface: surfaceOf(mask, ct.dimensions),
    intensity: clippedSmooth(ct.voxels, ct.dimensions, -200, boneHu + 500),
  };
}

function petStructures(pet: PlacedVolume): Structures {
  const smooth = boxMean3(pet.voxels, pet.dimensions);
  let max = 0;
  for (const value of smooth) if (value > max) max = value;
  const tissue = median(smooth, (value) => value > 0.05 * max);
  const body = new Uint8Array(smooth.length);
  for (let n = 0; n < body.length; n++) if ((smooth[n] ?? 0) >= 0.3 * tissue) body[n] = 1;
  const outline = largestComponent(body, pet.dimensions);
  const inside = median(
    smooth.map((value, n) => (outline[n] === 1 ? value : -1)),
    (value) => value >= 0,
  );
  const organs = new Uint8Array(smooth.length);
  for (let n = 0; n < organs.length; n++) if (outline[n] === 1 && (smooth[n] ?? 0) >= 1.4 * inside) organs[n] = 1;
  const bodySurface = surfaceOf(outline, pet.dimensions);
  const organSurface = surfaceOf(organs, pet.dimensions);
  const surface = new Uint8Array(smooth.length);
  for (let n = 0; n < surface.length; n++) surface[n] = bodySurface[n] === 1 || organSurface[n] === 1 ? 1 : 0;
  return { grid: pet, mask: outline, surface, intensity: clippedSmooth(pet.voxels, pet.dimensions, 0, 3 * inside) };
}

/** Patient coordinates of every `on` voxel (flat x, y, z), and their centre of mass. */
function pointsOf(grid: PlacedVolume, on: Uint8Array): { points: Float64Array; centre: Triple } {
  const [nx, ny] = grid.dimensions;
  const [di, dj, dk] = grid.directions;
  const [sx, sy, sz] = grid.spacingMm;
  const o = grid.originMm;
  let count = 0;
  for (const value of on) if (value !== 0) count++;
  const points = new Float64Array(3 * count);
  let m = 0;
  const sum = [0, 0, 0];
  on.forEach((value, n) => {
    if (value === 0) return;
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    const k = Math.floor(n / (nx * ny));
    for (let axis = 0; axis < 3; axis++) {
      const coordinate =
        (o[axis] ?? 0) + i * sx * (di[axis] ?? 0) + j * sy * (dj[axis] ?? 0) + k * sz * (dk[axis] ?? 0);
      points[m + axis] = coordinate;
      sum[axis] = (sum[axis] ?? 0) + coordinate;
    }
    m += 3;
  });
  const c = (axis: number): number => (count === 0 ? 0 : (sum[axis] ?? 0) / count);
  return { points, centre: [c(0), c(1), c(2)] };
}

/** Every `stride`-th point (x, y, z triples). */
function subsample(points: Float64Array, maxCount: number): Float64Array {
  const count = points.length / 3;
  if (count <= maxCount) return points;
  const stride = count / maxCount;
  const out = new Float64Array(3 * maxCount);
  for (let m = 0; m < maxCount; m++) {
    const source = 3 * Math.floor(m * stride);
    out[3 * m] = points[source] ?? 0;
    out[3 * m + 1] = points[source + 1] ?? 0;
    out[3 * m + 2] = points[source + 2] ?? 0;
  }
  return out;
}

interface DistanceField {
  readonly grid: PlacedVolume;
  readonly distance: Float32Array;
}

/** x_earlier = R·(x − centre) + centre + t, with R from the angles. */
function transformOf(parameters: readonly number[], centre: Triple): RigidTransform {
  const rotation = rotationFromDegrees([parameters[3] ?? 0, parameters[4] ?? 0, parameters[5] ?? 0]);
  const rotatedCentre = applyRigidTransform({ rotation, translationMm: [0, 0, 0] }, centre);
  return {
    rotation,
    translationMm: [
      centre[0] + (parameters[0] ?? 0) - rotatedCentre[0],
      centre[1] + (parameters[1] ?? 0) - rotatedCentre[1],
      centre[2] + (parameters[2] ?? 0) - rotatedCentre[2],
    ],
  };
}

/**
 * Samples `values` (on `grid`) by trilinear interpolation at every point (x, y, z triples) mapped by
 * `transform`; writes NaN for a point outside the grid. Returns the number of points inside.
 */
function sampleMapped(
  grid: PlacedVolume,
  values: Float32Array,
  points: Float64Array,
  transform: RigidTransform,
  out: Float64Array,
): number {
  const [nx, ny, nz] = grid.dimensions;
  const [di, dj, dk] = grid.directions;
  const [sx, sy, sz] = grid.spacingMm;
  const o = grid.originMm;
  // Continuous grid index = A·x + b, one row per index axis.
  const row = (direction: Triple, s: number): [number, number, number, number] => {
    const r = transform.rotation;
    const t = transform.translationMm;
    const coefficient = (column: 0 | 1 | 2): number =>
      (direction[0] * r[0][column] + direction[1] * r[1][column] + direction[2] * r[2][column]) / s;
    const offset = (direction[0] * (t[0] - o[0]) + direction[1] * (t[1] - o[1]) + direction[2] * (t[2] - o[2])) / s;
    return [coefficient(0), coefficient(1), coefficient(2), offset];
  };
  const a = row(di, sx);
  const b = row(dj, sy);
  const c = row(dk, sz);
  const sxy = nx * ny;
  let inside = 0;
  const count = points.length / 3;
  for (let m = 0; m < count; m++) {
    const x = points[3 * m] ?? 0;
    const y = points[3 * m + 1] ?? 0;
    const zc = points[3 * m + 2] ?? 0;
    const fi = a[0] * x + a[1] * y + a[2] * zc + a[3];
    const fj = b[0] * x + b[1] * y + b[2] * zc + b[3];
    const fk = c[0] * x + c[1] * y + c[2] * zc + c[3];
    if (fi < 0 || fj < 0 || fk < 0 || fi > nx - 1 || fj > ny - 1 || fk > nz - 1) {
      out[m] = Number.NaN;
      continue;
    }
    const i0 = Math.min(Math.floor(fi), nx - 2);
    const j0 = Math.min(Math.floor(fj), ny - 2);
    const k0 = Math.min(Math.floor(fk), nz - 2);
    const u = fi - i0;
    const v = fj - j0;
    const w = fk - k0;
    const n = i0 + nx * (j0 + ny * k0);
    const d00 = (values[n] ?? 0) * (1 - u) + (values[n + 1] ?? 0) * u;
    const d10 = (values[n + nx] ?? 0) * (1 - u) + (values[n + nx + 1] ?? 0) * u;
    const d01 = (values[n + sxy] ?? 0) * (1 - u) + (values[n + sxy + 1] ?? 0) * u;
    const d11 = (values[n + sxy + nx] ?? 0) * (1 - u) + (values[n + sxy + nx + 1] ?? 0) * u;
    out[m] = (d00 * (1 - v) + d10 * v) * (1 - w) + (d01 * (1 - v) + d11 * v) * w;
    inside++;
  }
  return inside;
}

/** Mean capped squared distance, RMS distance and the fraction of points inside the earlier grid. */
function evaluate(
  field: DistanceField,
  points: Float64Array,
  transform: RigidTransform,
  capMm: number,
): { cost: number; rmsMm: number; inside: number } {
  const count = points.length / 3;
  const sampled = new Float64Array(count);
  const inside = sampleMapped(field.grid, field.distance, points, transform, sampled);
  const cap2 = capMm * capMm;
  let sumCapped = 0;
  let sumSquared = 0;
  for (const d of sampled) {
    if (Number.isNaN(d)) continue;
    sumSquared += d * d;
    sumCapped += Math.min(d * d, cap2);
  }
  const fraction = count === 0 ? 0 : inside / count;
  return {
    cost: inside === 0 || fraction < 0.5 ? Number.POSITIVE_INFINITY : sumCapped / inside,
    rmsMm: inside === 0 ? Number.NaN : Math.sqrt(sumSquared / inside),
    inside: fraction,
  };
}

/** Intensity samples of the later image: positions and values of the voxels on or next to its surface. */
interface IntensitySamples {
  readonly points: Float64Array;
  readonly values: Float64Array;
}

function bandSamples(grid: PlacedVolume, surface: Uint8Array, image: Float32Array, maxCount: number): IntensitySamples {
  const [nx, ny, nz] = grid.dimensions;
  const band: number[] = [];
  for (let n = 0; n < surface.length; n++) {
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    const k = Math.floor(n / (nx * ny));
    if (
      surface[n] === 1 ||
      (i > 0 && surface[n - 1] === 1) ||
      (i < nx - 1 && surface[n + 1] === 1) ||
      (j > 0 && surface[n - nx] === 1) ||
      (j < ny - 1 && surface[n + nx] === 1) ||
      (k > 0 && surface[n - nx * ny] === 1) ||
      (k < nz - 1 && surface[n + nx * ny] === 1)
    )
      band.push(n);
  }
  const count = Math.min(maxCount, band.length);
  const stride = band.length / Math.max(1, count);
  const on = new Uint8Array(surface.length);
  for (let m = 0; m < count; m++) on[band[Math.floor(m * stride)] ?? 0] = 1;
  const { points } = pointsOf(grid, on);
  const values = new Float64Array(points.length / 3);
  let m = 0;
  on.forEach((flag, n) => {
    if (flag === 0) return;
    values[m++] = image[n] ?? 0;
  });
  return { points, values };
}

/** Mean squared intensity difference between the later samples and the earlier image mapped onto them. */
function intensityCost(
  grid: PlacedVolume,
  image: Float32Array,
  samples: IntensitySamples,
  transform: RigidTransform,
  scratch: Float64Array,
): number {
  const inside = sampleMapped(grid, image, samples.points, transform, scratch);
  if (inside < 0.5 * samples.values.length) return Number.POSITIVE_INFINITY;
  let sum = 0;
  samples.values.forEach((value, m) => {
    const sampled = scratch[m] ?? Number.NaN;
    if (!Number.isNaN(sampled)) sum += (sampled - value) ** 2;
  });
  return sum / inside;
}

/** Pattern search over (tx, ty, tz, rx, ry, rz) from `start`, step halving. */
function patternSearch(
  cost: (parameters: readonly number[]) => number,
  start: readonly number[],
  initialStepMm: number,
  initialStepDeg: number,
  finalStepMm: number,
): number[] {
  let best = [...start];
  let bestCost = cost(best);
  let stepMm = initialStepMm;
  let stepDeg = initialStepDeg;
  for (let iteration = 0; iteration < 800 && stepMm >= finalStepMm; iteration++) {
    let improved = false;
    for (let parameter = 0; parameter < 6; parameter++) {
      const step = parameter < 3 ? stepMm : stepDeg;
      for (const sign of [1, -1]) {
        const candidate = [...best];
        candidate[parameter] = (candidate[parameter] ?? 0) + sign * step;
        if (parameter >= 3 && Math.abs(candidate[parameter] ?? 0) > 15) continue;
        const value = cost(candidate);
        if (value < bestCost) {
          bestCost = value;
          best = candidate;
          improved = true;
          break;
        }
      }
    }
    if (!improved) {
      stepMm /= 2;
      stepDeg /= 2;
    }
  }
  return best;
}

/** Values clipped to [low, high], then averaged over 3×3×3. */
function clippedSmooth(values: Float32Array, dimensions: Triple, low: number, high: number): Float32Array {
  const clipped = new Float32Array(values.length);
  for (let n = 0; n < values.length; n++) clipped[n] = Math.min(high, Math.max(low, values[n] ?? low));
  return boxMean3(clipped, dimensions);
}

/**
 * Aligns `later` onto `earlier`: the CT bone when both studies have a CT, else the PET body outline. Throws
 * `missing_data` when a study has too few surface points to align (an empty or uniform image).
 */
export function alignPetStudies(
  earlier: AlignmentStudy,
  later: AlignmentStudy,
  options: AlignmentOptions = {},
): PetAlignment {
  validateVolume(earlier.pet, 'earlier.pet');
  validateVolume(later.pet, 'later.pet');
  if (earlier.ct !== undefined) validateVolume(earlier.ct, 'earlier.ct');
  if (later.ct !== undefined) validateVolume(later.ct, 'later.ct');
  const boneHu = options.boneHu ?? 200;
  const capMm = options.capMm ?? 15;
  const notes: string[] = [];
  const withCt = earlier.ct !== undefined && later.ct !== undefined;
  const method: AlignmentMethod = withCt ? 'ct-bone' : 'pet-body-outline';
  if (!withCt && (earlier.ct !== undefined || later.ct !== undefined))
    notes.push('only one study has a CT: aligned on the PET body outline and organ outlines');
  const structures = (study: AlignmentStudy): Structures =>
    withCt && study.ct !== undefined ? boneStructures(study.ct, boneHu) : petStructures(study.pet);
  const before = structures(earlier);
  const after = structures(later);
  const surface = pointsOf(after.grid, after.surface);
  const earlierMask = pointsOf(before.grid, before.mask);
  const laterMask = pointsOf(after.grid, after.mask);
  const pointCount = surface.points.length / 3;
  let earlierSurfaceCount = 0;
  for (const value of before.surface) if (value !== 0) earlierSurfaceCount++;
  if (pointCount < 50 || earlierSurfaceCount < 50) {
    const which = pointCount < 50 ? 'later' : 'earlier';
    throw new BonemetError(
      'missing_data',
      `the ${which} study has too few ${withCt ? 'bone' : 'body outline'} surface voxels to align`,
      {
        issues: [
          {
            path: [which, withCt ? 'ct' : 'pet'],
            message: `fewer than 50 surface voxels (${withCt ? `HU ≥ ${String(boneHu)}` : 'PET body outline'})`,
            hint: 'check that the study holds the body (not an empty or uniform volume)',
          },
        ],
      },
    );
  }
  const field: DistanceField = {
    grid: before.grid,
    distance: euclideanDistanceMap(before.surface, before.grid.dimensions, before.grid.spacingMm),
  };
  const centre = surface.centre;
  const coarsePoints = subsample(surface.points, 800);
  const finePoints = subsample(surface.points, 4000);

  // Start: centres of mass of the masks, then an exhaustive translation search around it.
  const start = [0, 1, 2].map((axis) => (earlierMask.centre[axis] ?? 0) - (laterMask.centre[axis] ?? 0));
  let best = [0, 0, 0, 0, 0, 0];
  let bestCost = evaluate(field, coarsePoints, transformOf(best, centre), capMm).cost;
  const consider = (parameters: number[], points: Float64Array): void => {
    const cost = evaluate(field, points, transformOf(parameters, centre), capMm).cost;
    if (cost < bestCost) {
      bestCost = cost;
      best = parameters;
    }
  };
  for (let dz = -48; dz <= 48; dz += 8)
    for (let dy = -48; dy <= 48; dy += 8)
      for (let dx = -48; dx <= 48; dx += 8)
        consider([(start[0] ?? 0) + dx, (start[1] ?? 0) + dy, (start[2] ?? 0) + dz, 0, 0, 0], coarsePoints);

  // Pattern search on all six parameters with the finer point set.
  const surfaceBest = patternSearch(
    (parameters) => evaluate(field, finePoints, transformOf(parameters, centre), capMm).cost,
    best,
    4,
    1,
    0.1,
  );
  // Refinement on the image values near the surface: sub-voxel, where the voxelised surfaces are not.
  const samples = bandSamples(after.grid, after.surface, after.intensity, 20000);
  const scratch = new Float64Array(samples.values.length);
  const refined = patternSearch(
    (parameters) => intensityCost(before.grid, before.intensity, samples, transformOf(parameters, centre), scratch),
    surfaceBest,
    1,
    0.5,
    0.05,
  );
  const movedMm = Math.hypot(
    (refined[0] ?? 0) - (surfaceBest[0] ?? 0),
    (refined[1] ?? 0) - (surfaceBest[1] ?? 0),
    (refined[2] ?? 0) - (surfaceBest[2] ?? 0),
  );
  const turnedDeg = Math.max(...[3, 4, 5].map((p) => Math.abs((refined[p] ?? 0) - (surfaceBest[p] ?? 0))));
  if (movedMm <= 6 && turnedDeg <= 2) best = refined;
  else {
    best = surfaceBest;
    notes.push(
      `the intensity refinement moved ${movedMm.toFixed(1)} mm / ${turnedDeg.toFixed(1)}° from the surface match and was not used`,
    );
  }
  const transform = transformOf(best, centre);
  const final = evaluate(field, surface.points, transform, capMm);
  const initial = evaluate(field, surface.points, IDENTITY_TRANSFORM, capMm);
  if (final.inside < 0.5)
    notes.push(`only ${(100 * final.inside).toFixed(0)}% of the later surface lies in the earlier field of view`);
  notes.push(
    withCt
      ? `aligned on the CT bone surface (HU ≥ ${String(boneHu)}), ${String(pointCount)} surface voxels`
      : `aligned on the PET body and high-uptake organ outlines, ${String(pointCount)} surface voxels`,
  );
  return {
    method,
    transform,
    rotationDeg: [best[3] ?? 0, best[4] ?? 0, best[5] ?? 0],
    residualMm: final.rmsMm,
    residualBeforeMm: initial.rmsMm,
    surfacePointCount: pointCount,
    overlapFraction: final.inside,
    notes,
  };
}
