/**
 * Anatomical atlas of the skeleton in a planar whole-body view, placed on the landmarks of one image.
 *
 * Trunk bones are defined in normalised body coordinates: u across (fraction of body height H, positive
 * towards the patient's left, from the midline) and v down (fraction of H from the vertex). Levels follow
 * Drillis and Contini's segment proportions (Winter 2009, Fig. 4.1; see skeleton-landmarks.ts) and the usual
 * vertebral heights (7 short cervical, 12 thoracic, 5 tall lumbar vertebrae between chin and iliac crest,
 * C7 at shoulder level, L4–L5 at the iliac crests); widths are those of an adult (rib cage about 0.19 H wide,
 * bi-iliac breadth about 0.17 H, vertebral bodies 0.02–0.035 H). Limb bones are not placed from proportions
 * but along the tracks found in the image (the non-rigid part of the fit), with the joint levels of the
 * proportions. Vertically the whole atlas is placed piecewise-linearly between the vertex, the shoulders and
 * the knees found in the image, and the soles (`warpBodyLevel`), not by height alone. The midline may be tilted (rotation): each row's u = 0 is the fitted midline at that row.
 *
 * Label priority where bones overlap in projection (later wins): the spine and sternum over the ribs, the
 * arm bones over the pelvis and the femora; the sternum over the thoracic spine in the anterior view and
 * the spine over the sternum in the posterior view (the bone nearer the camera).
 */
import { anteriorProjectionOrder, boneScanPart, type BoneScanPartId } from './skeleton-parts.js';
import { bodyLevels, bodyLevelWarp, type SkeletonLandmarks, type TrackLine } from './skeleton-landmarks.js';
import type { ViewName } from './whole-body-scan.js';

/** A point in pixel coordinates with a radius in mm. */
interface PixelPoint {
  readonly row: number;
  readonly column: number;
  readonly radiusMm: number;
}

export type AtlasShapeInPixels =
  | { readonly kind: 'capsules'; readonly points: readonly PixelPoint[] }
  | { readonly kind: 'polygon'; readonly points: readonly (readonly [row: number, column: number])[] }
  | {
      readonly kind: 'ellipse';
      readonly row: number;
      readonly column: number;
      readonly radiusRowsMm: number;
      readonly radiusColumnsMm: number;
    };

export interface PlacedAtlasPart {
  readonly part: BoneScanPartId;
  readonly shapes: readonly AtlasShapeInPixels[];
}

export interface PixelGeometry {
  readonly columns: number;
  readonly rows: number;
  readonly rowMm: number;
  readonly columnMm: number;
}

/** Number of shapes at the end of the pelvis part that are the iliac wings (right, left). */
export const iliacWingShapeCount = 2;

/** Region drawing order (later wins), anterior view: the convention of skeleton-parts.ts. */
const anteriorOrder = anteriorProjectionOrder;

const posteriorOrder = [
  ...anteriorOrder.filter((r) => !r.endsWith('_spine')),
  'lumbar_spine',
  'thoracic_spine',
  'cervical_spine',
];

const regionOf = (part: string): string => part.replace(/_(left|right)$/, '');

/** Pixel position [row, column] of a trunk point in normalised body coordinates (u across, v down; fractions of H). */
export function bodyCornerOf(
  landmarks: SkeletonLandmarks,
  geometry: PixelGeometry,
): (u: number, v: number) => readonly [number, number] {
  const heightPx = landmarks.soleRow - landmarks.vertexRow;
  const warp = bodyLevelWarp(landmarks.trunkLevels);
  return (u, v) => {
    const row = landmarks.vertexRow + warp(v) * heightPx;
    const column = landmarks.midline.a + landmarks.midline.b * row + (u * landmarks.bodyHeightMm) / geometry.columnMm;
    return [row, column];
  };
}

/** Places the atlas on the landmarks; parts are returned in drawing order for `view`. */
export function placeSkeletonAtlas(
  landmarks: SkeletonLandmarks,
  geometry: PixelGeometry,
  view: ViewName,
): PlacedAtlasPart[] {
  const H = landmarks.bodyHeightMm;
  const heightPx = landmarks.soleRow - landmarks.vertexRow;
  // Levels of the proportions are carried to this body piecewise-linearly between the detected anchors.
  const warp = bodyLevelWarp(landmarks.trunkLevels);
  const rowOf = (v: number): number => landmarks.vertexRow + warp(v) * heightPx;
  const mid = (row: number): number => landmarks.midline.a + landmarks.midline.b * row;
  /** Trunk point from normalised coordinates; r in fractions of H. */
  const body = (u: number, v: number, r = 0): PixelPoint => {
    const row = rowOf(v);
    return { row, column: mid(row) + (u * H) / geometry.columnMm, radiusMm: r * H };
  };
  const corner = (u: number, v: number): readonly [number, number] => {
    const p = body(u, v);
    return [p.row, p.column];
  };
  const onTrack = (track: TrackLine, v: number, r: number, offsetU = 0): PixelPoint => {
    const row = rowOf(v);
    return { row, column: track.a + track.b * row + (offsetU * H) / geometry.columnMm, radiusMm: r * H };
  };
  const parts: PlacedAtlasPart[] = [];
  const capsules = (...points: PixelPoint[]): AtlasShapeInPixels => ({ kind: 'capsules', points });

  parts.push({
    part: 'skull',
    shapes: [
      {
        kind: 'ellipse',
        row: landmarks.vertexRow + (1.3 * landmarks.skullHalfWidthMm) / geometry.rowMm,
        column: mid(landmarks.vertexRow + (1.3 * landmarks.skullHalfWidthMm) / geometry.rowMm),
        radiusRowsMm: 1.3 * landmarks.skullHalfWidthMm,
        radiusColumnsMm: landmarks.skullHalfWidthMm,
      },
    ],
  });
  parts.push({
    part: 'mandible',
    shapes: [
      capsules(
        body(-0.03, 0.095, 0.007),
        body(-0.025, 0.118, 0.007),
        body(0, 0.128, 0.007),
        body(0.025, 0.118, 0.007),
        body(0.03, 0.095, 0.007),
      ),
    ],
  });
  parts.push({ part: 'cervical_spine', shapes: [capsules(body(0, 0.118, 0.011), body(0, 0.178, 0.012))] });
  parts.push({ part: 'thoracic_spine', shapes: [capsules(body(0, 0.182, 0.012), body(0, 0.343, 0.016))] });
  parts.push({ part: 'lumbar_spine', shapes: [capsules(body(0, 0.35, 0.017), body(0, 0.44, 0.019))] });
  parts.push({
    part: 'sacrum',
    shapes: [
      {
        kind: 'polygon',
        points: [corner(-0.03, 0.447), corner(0.03, 0.447), corner(0.01, 0.51), corner(-0.01, 0.51)],
      },
    ],
  });
  parts.push({
    part: 'sternum',
    shapes: [capsules(body(0, 0.192, 0.014), body(0, 0.215, 0.012), body(0, 0.312, 0.009))],
  });

  const cage: readonly (readonly [number, number])[] = [
    [0.01, 0.186],
    [0.045, 0.19],
    [0.07, 0.205],
    [0.088, 0.235],
    [0.1, 0.28],
    [0.1, 0.33],
    [0.088, 0.37],
    [0.06, 0.385],
    [0.03, 0.36],
    [0.01, 0.35],
  ];
  parts.push({
    part: 'ribs',
    shapes: [1, -1].map((s) => ({ kind: 'polygon', points: cage.map(([u, v]) => corner(s * u, v)) })),
  });

  // The pelvis: the lower pelvis (pubis, ischium and acetabulum) of each side, then the iliac wings
  // (`iliacWingShapeCount` last shapes), which the segmentation replaces by the wings found in the image.
  const pelvisShapes: AtlasShapeInPixels[] = [];
  for (const s of [-1, 1]) {
    pelvisShapes.push({
      kind: 'polygon',
      points: [
        corner(s * 0.025, 0.476),
        corner(s * 0.08, 0.482),
        corner(s * 0.075, 0.495),
        corner(s * 0.07, 0.535),
        corner(s * 0.002, 0.535),
        corner(s * 0.002, 0.5),
      ],
    });
  }
  for (const s of [-1, 1]) {
    pelvisShapes.push({
      kind: 'polygon',
      points: [
        corner(s * 0.03, 0.47),
        corner(s * 0.03, 0.44),
        corner(s * 0.055, 0.41),
        corner(s * 0.085, 0.414),
        corner(s * 0.093, 0.44),
        corner(s * 0.08, 0.475),
        corner(s * 0.065, 0.49),
        corner(s * 0.042, 0.484),
      ],
    });
  }
  parts.push({ part: 'pelvis', shapes: pelvisShapes });

  for (const side of ['right', 'left'] as const) {
    const s = side === 'left' ? 1 : -1;
    const tracks = landmarks.limbs[side];
    const shoulderRow = rowOf(bodyLevels.shoulder + 0.012);
    const shoulderColumn = tracks.humerus.a + tracks.humerus.b * shoulderRow;
    const shoulderU = ((shoulderColumn - mid(shoulderRow)) * geometry.columnMm) / H;
    parts.push({
      part: `clavicle_${side}`,
      shapes: [
        capsules(
          body(s * 0.012, 0.188, 0.006),
          body(s * 0.06, 0.182, 0.006),
          body(shoulderU - s * 0.008, 0.177, 0.006),
        ),
      ],
    });
    parts.push({
      part: `scapula_${side}`,
      shapes: [
        {
          kind: 'polygon',
          points: [
            corner(s * 0.045, 0.192),
            corner(shoulderU - s * 0.004, 0.19),
            corner(shoulderU - s * 0.01, 0.215),
            corner(s * 0.07, 0.29),
            corner(s * 0.05, 0.285),
          ],
        },
      ],
    });
    parts.push({
      part: `humerus_${side}`,
      shapes: [
        capsules(onTrack(tracks.humerus, bodyLevels.shoulder + 0.018, 0.016)),
        capsules(
          onTrack(tracks.humerus, bodyLevels.shoulder + 0.02, 0.011),
          onTrack(tracks.humerus, bodyLevels.elbow - 0.015, 0.01),
          onTrack(tracks.humerus, bodyLevels.elbow - 0.002, 0.014),
        ),
      ],
    });
    parts.push({
      part: `radius_${side}`,
      shapes: [
        capsules(
          onTrack(tracks.forearm, bodyLevels.elbow + 0.008, 0.007, s * 0.006),
          onTrack(tracks.forearm, bodyLevels.wrist - 0.003, 0.008, s * 0.006),
        ),
      ],
    });
    parts.push({
      part: `ulna_${side}`,
      shapes: [
        capsules(
          onTrack(tracks.forearm, bodyLevels.elbow + 0.003, 0.007, -s * 0.006),
          onTrack(tracks.forearm, bodyLevels.wrist - 0.003, 0.006, -s * 0.006),
        ),
      ],
    });
    parts.push({
      part: `hand_${side}`,
      shapes: [
        capsules(
          onTrack(tracks.hand, bodyLevels.wrist + 0.008, 0.013),
          onTrack(tracks.hand, 0.545, 0.018),
          onTrack(tracks.hand, bodyLevels.fingertip - 0.025, 0.013),
        ),
      ],
    });
    const neckStart = onTrack(tracks.femur, 0.515, 0.012);
    const headRow = rowOf(0.496);
    const headColumn = tracks.femur.a + tracks.femur.b * headRow - (s * 0.022 * H) / geometry.columnMm;
    parts.push({
      part: `femur_${side}`,
      shapes: [
        capsules({ row: headRow, column: headColumn, radiusMm: 0.014 * H }, neckStart),
        capsules(
          onTrack(tracks.femur, 0.5, 0.014, s * 0.004),
          onTrack(tracks.femur, 0.69, 0.011),
          onTrack(tracks.femur, bodyLevels.knee - 0.005, 0.016),
        ),
      ],
    });
    parts.push({
      part: `tibia_${side}`,
      shapes: [
        capsules(
          onTrack(tracks.tibia, bodyLevels.knee + 0.008, 0.016),
          onTrack(tracks.tibia, 0.76, 0.01),
          onTrack(tracks.tibia, bodyLevels.ankle - 0.01, 0.01),
        ),
      ],
    });
    parts.push({
      part: `fibula_${side}`,
      shapes: [
        capsules(
          onTrack(tracks.tibia, bodyLevels.knee + 0.02, 0.006, s * 0.022),
          onTrack(tracks.tibia, bodyLevels.ankle - 0.01, 0.005, s * 0.02),
        ),
      ],
    });
    const foot = onTrack(tracks.tibia, bodyLevels.ankle + 0.012, 0);
    parts.push({
      part: `foot_${side}`,
      shapes: [
        { kind: 'ellipse', row: foot.row, column: foot.column, radiusRowsMm: 0.022 * H, radiusColumnsMm: 0.02 * H },
      ],
    });
  }
  const order = view === 'anterior' ? [...anteriorOrder] : posteriorOrder;
  const rank = (part: BoneScanPartId): number => order.indexOf(regionOf(part));
  return parts.sort((a, b) => rank(a.part) - rank(b.part));
}

function insidePolygon(points: readonly (readonly [number, number])[], row: number, column: number): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [ri, ci] = points[i] ?? [0, 0];
    const [rj, cj] = points[j] ?? [0, 0];
    if (ri > row !== rj > row && column < ((cj - ci) * (row - ri)) / (rj - ri) + ci) inside = !inside;
  }
  return inside;
}

/** Visits the pixels whose centres lie inside a shape. */
function rasterise(shape: AtlasShapeInPixels, geometry: PixelGeometry, visit: (index: number) => void): void {
  const { columns, rows, rowMm, columnMm } = geometry;
  const box = (
    r0: number,
    r1: number,
    c0: number,
    c1: number,
    inside: (row: number, column: number) => boolean,
  ): void => {
    for (let row = Math.max(0, Math.floor(r0)); row <= Math.min(rows - 1, Math.ceil(r1)); row++) {
      for (let column = Math.max(0, Math.floor(c0)); column <= Math.min(columns - 1, Math.ceil(c1)); column++) {
        if (inside(row, column)) visit(row * columns + column);
      }
    }
  };
  if (shape.kind === 'ellipse') {
    const rr = shape.radiusRowsMm / rowMm;
    const rc = shape.radiusColumnsMm / columnMm;
    box(
      shape.row - rr,
      shape.row + rr,
      shape.column - rc,
      shape.column + rc,
      (row, column) => ((row - shape.row) / rr) ** 2 + ((column - shape.column) / rc) ** 2 <= 1,
    );
    return;
  }
  if (shape.kind === 'polygon') {
    const rowsOf = shape.points.map((p) => p[0]);
    const columnsOf = shape.points.map((p) => p[1]);
    box(Math.min(...rowsOf), Math.max(...rowsOf), Math.min(...columnsOf), Math.max(...columnsOf), (row, column) =>
      insidePolygon(shape.points, row, column),
    );
    return;
  }
  const points = shape.points;
  if (points.length === 1) {
    const p = points[0];
    if (p === undefined) return;
    rasterise(
      { kind: 'ellipse', row: p.row, column: p.column, radiusRowsMm: p.radiusMm, radiusColumnsMm: p.radiusMm },
      geometry,
      visit,
    );
    return;
  }
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (a === undefined || b === undefined) continue;
    const reach = Math.max(a.radiusMm, b.radiusMm);
    const ay = a.row * rowMm;
    const ax = a.column * columnMm;
    const dy = b.row * rowMm - ay;
    const dx = b.column * columnMm - ax;
    const lengthSq = dx * dx + dy * dy;
    box(
      (Math.min(a.row, b.row) * rowMm - reach) / rowMm,
      (Math.max(a.row, b.row) * rowMm + reach) / rowMm,
      (Math.min(a.column, b.column) * columnMm - reach) / columnMm,
      (Math.max(a.column, b.column) * columnMm + reach) / columnMm,
      (row, column) => {
        const py = row * rowMm - ay;
        const px = column * columnMm - ax;
        const t = lengthSq === 0 ? 0 : Math.min(1, Math.max(0, (px * dx + py * dy) / lengthSq));
        const r = a.radiusMm + t * (b.radiusMm - a.radiusMm);
        return (px - t * dx) ** 2 + (py - t * dy) ** 2 <= r * r;
      },
    );
  }
}

/** The atlas label map of a view: each pixel carries the label of the last part (in drawing order) over it. */
export function rasteriseAtlas(parts: readonly PlacedAtlasPart[], geometry: PixelGeometry): Uint8Array {
  const labels = new Uint8Array(geometry.columns * geometry.rows);
  for (const part of parts) {
    const label = boneScanPart(part.part).label;
    for (const shape of part.shapes) rasterise(shape, geometry, (index) => (labels[index] = label));
  }
  return labels;
}
