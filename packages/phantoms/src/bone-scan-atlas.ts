/**
 * Parametric 2-D atlas of the skeleton and the body for the whole-body bone-scan phantom, in body
 * coordinates: x in mm towards the patient's left from the midline, y in mm down from the vertex, as seen
 * from the front (anterior view). Every length is a fraction of body height H, from segment proportions of
 * Drillis and Contini (Winter, Biomechanics and Motor Control of Human Movement, 4th ed., 2009, Fig. 4.1:
 * shoulder 0.818 H, elbow 0.630 H, wrist 0.485 H, fingertip 0.377 H, hip 0.530 H, knee 0.285 H, ankle
 * 0.039 H above the floor; shoulder width 0.259 H, hip width 0.191 H), rounded and adjusted for a
 * recognisable scintigram; spine levels split by the usual vertebral heights (cervical 7 short, thoracic
 * 12, lumbar 5 tall). Female and male habitus differ in shoulder width (men wider), pelvic width (women
 * wider), chest width and body thickness, which is what changes a planar scan.
 *
 * Each shape carries a depth (0 = front surface of the body, 1 = back surface) and the body thickness
 * there, from which the renderer computes the attenuation towards each camera head.
 */
import type { BoneScanPartId } from '@bonemet/bonescan';

export interface AtlasPoint {
  readonly x: number;
  readonly y: number;
  /** Half width of the bone (or limb) at this point, mm. */
  readonly r: number;
  /** 0 = front surface, 1 = back surface. */
  readonly depth: number;
}

/** How intensity varies across a shape: uniform, a solid rod or ellipsoid seen side on, or a thin shell (calvarium). */
export type AtlasProfile = 'flat' | 'rod' | 'shell';

export type AtlasShape =
  | {
      readonly kind: 'polyline';
      readonly points: readonly AtlasPoint[];
      readonly profile: 'flat' | 'rod';
      readonly thicknessMm: number;
    }
  | {
      readonly kind: 'ellipse';
      readonly cx: number;
      readonly cy: number;
      readonly rx: number;
      readonly ry: number;
      /** Rotation of the x semi-axis towards +y, radians. */
      readonly angleRad: number;
      readonly profile: AtlasProfile;
      readonly depth: number;
      readonly thicknessMm: number;
    }
  | {
      readonly kind: 'polygon';
      readonly points: readonly (readonly [number, number])[];
      readonly depth: number;
      readonly thicknessMm: number;
    }
  | {
      /** A body section symmetric about x = cx: half width by level, elliptical cross-section. */
      readonly kind: 'slab';
      readonly cx: number;
      readonly levels: readonly (readonly [y: number, halfWidth: number])[];
      readonly depth: number;
      readonly thicknessMm: number;
    };

export interface AtlasBone {
  readonly part: BoneScanPartId;
  readonly shapes: readonly AtlasShape[];
}

export interface BoneScanHabitus {
  readonly sex: 'F' | 'M';
  readonly heightCm: number;
  /** Abduction of each arm from the side of the body, degrees (0 = arms at the sides). */
  readonly armAbductionDeg: number;
}

export type AtlasSide = 'left' | 'right';

export interface BoneScanAtlas {
  readonly heightMm: number;
  readonly bones: readonly AtlasBone[];
  /** Body outline; a shape's value is the tissue thickness along the ray (thicknessMm × profile). */
  readonly body: readonly AtlasShape[];
  readonly kidneys: readonly AtlasShape[];
  readonly bladder: AtlasShape;
  /** Each rib's centre line by number (1–12) and side, for findings placed along a rib. */
  readonly ribs: readonly {
    readonly number: number;
    readonly side: AtlasSide;
    readonly points: readonly AtlasPoint[];
  }[];
  readonly landmarks: {
    /** Antecubital fossa (front of the elbow) of each arm: the usual injection site. */
    readonly antecubital: Readonly<Record<AtlasSide, AtlasPoint>>;
    /** Medial tibial plateau of each knee. */
    readonly medialKnee: Readonly<Record<AtlasSide, AtlasPoint>>;
    /** Humeral head (gleno-humeral joint) of each shoulder. */
    readonly shoulder: Readonly<Record<AtlasSide, AtlasPoint>>;
    /** Facet joints L4–L5 and L5–S1 of each side. */
    readonly lowerLumbarFacets: readonly { readonly side: AtlasSide; readonly point: AtlasPoint }[];
  };
}

const sideSign: Readonly<Record<AtlasSide, number>> = { left: 1, right: -1 };
const sides: readonly AtlasSide[] = ['right', 'left'];

/** Rotates point (x, y) about (px, py) by `angleRad` (positive turns +x towards +y). */
function rotateAbout(x: number, y: number, px: number, py: number, angleRad: number): [number, number] {
  const c = Math.cos(angleRad);
  const s = Math.sin(angleRad);
  const dx = x - px;
  const dy = y - py;
  return [px + c * dx - s * dy, py + s * dx + c * dy];
}

/** Spine levels (top and bottom of each vertebral body, fractions of H) and half widths. */
function vertebrae(): {
  name: 'cervical_spine' | 'thoracic_spine' | 'lumbar_spine';
  top: number;
  bottom: number;
  halfWidth: number;
}[] {
  const out: ReturnType<typeof vertebrae> = [];
  const segment = (
    name: 'cervical_spine' | 'thoracic_spine' | 'lumbar_spine',
    count: number,
    from: number,
    to: number,
    widthFrom: number,
    widthTo: number,
  ): void => {
    for (let i = 0; i < count; i++) {
      const t = count === 1 ? 0 : i / (count - 1);
      out.push({
        name,
        top: from + ((to - from) * i) / count,
        bottom: from + ((to - from) * (i + 1)) / count,
        halfWidth: widthFrom + (widthTo - widthFrom) * t,
      });
    }
  };
  segment('cervical_spine', 7, 0.112, 0.178, 0.0095, 0.0105);
  segment('thoracic_spine', 12, 0.178, 0.345, 0.0105, 0.0145);
  segment('lumbar_spine', 5, 0.345, 0.445, 0.0155, 0.0175);
  return out;
}

/** Half widths of the rib cage at ribs 1–12 (fractions of H), before the sex factor. */
const ribHalfWidths = [0.045, 0.062, 0.074, 0.083, 0.089, 0.093, 0.095, 0.095, 0.093, 0.089, 0.075, 0.06];

/** The atlas of one habitus, in mm. */
export function boneScanAtlas(habitus: BoneScanHabitus): BoneScanAtlas {
  const H = habitus.heightCm * 10;
  const male = habitus.sex === 'M';
  const shoulder = male ? 0.118 : 0.106;
  const pelvisFactor = male ? 0.94 : 1.06;
  const chestFactor = male ? 1.05 : 0.96;
  const boneFactor = male ? 1.1 : 1;
  const thick = (mm: number): number => mm * (H / 1700) * (male ? 1.1 : 1);
  const trunkMm = thick(210);
  const pt = (x: number, y: number, r: number, depth: number): AtlasPoint => ({
    x: x * H,
    y: y * H,
    r: r * H * boneFactor,
    depth,
  });
  const polyline = (points: AtlasPoint[], thicknessMm: number, profile: 'flat' | 'rod' = 'rod'): AtlasShape => ({
    kind: 'polyline',
    points,
    profile,
    thicknessMm,
  });
  const levels = vertebrae();
  const levelBottom = (name: string, index: number): number =>
    levels.filter((v) => v.name === name)[index]?.bottom ?? 0;
  const thoracicCentre = (rib: number): number => {
    const v = levels.filter((l) => l.name === 'thoracic_spine')[rib - 1];
    return v === undefined ? 0 : (v.top + v.bottom) / 2;
  };

  const bones: AtlasBone[] = [];
  bones.push({
    part: 'skull',
    shapes: [
      {
        kind: 'ellipse',
        cx: 0,
        cy: 0.062 * H,
        rx: 0.046 * H,
        ry: 0.062 * H,
        angleRad: 0,
        profile: 'shell',
        depth: 0.5,
        thicknessMm: thick(190),
      },
    ],
  });
  bones.push({
    part: 'mandible',
    shapes: [
      polyline(
        [
          pt(-0.029, 0.098, 0.005, 0.3),
          pt(-0.025, 0.119, 0.005, 0.2),
          pt(0, 0.129, 0.006, 0.1),
          pt(0.025, 0.119, 0.005, 0.2),
          pt(0.029, 0.098, 0.005, 0.3),
        ],
        thick(150),
      ),
    ],
  });
  for (const name of ['cervical_spine', 'thoracic_spine', 'lumbar_spine'] as const) {
    const depth = name === 'cervical_spine' ? 0.6 : name === 'thoracic_spine' ? 0.75 : 0.68;
    const thickness = name === 'cervical_spine' ? thick(120) : trunkMm;
    bones.push({
      part: name,
      shapes: levels
        .filter((v) => v.name === name)
        .map((v): AtlasShape => ({
          kind: 'ellipse',
          cx: 0,
          cy: ((v.top + v.bottom) / 2) * H,
          rx: v.halfWidth * H * boneFactor,
          // A disc space of about a fifth of the level between vertebral bodies.
          ry: 0.41 * (v.bottom - v.top) * H,
          angleRad: 0,
          profile: 'rod',
          depth,
          thicknessMm: thickness,
        })),
    });
  }
  const sacrumTop = levelBottom('lumbar_spine', 4);
  bones.push({
    part: 'sacrum',
    shapes: [
      {
        kind: 'polygon',
        points: [
          [-0.03 * H * pelvisFactor, (sacrumTop + 0.002) * H],
          [0.03 * H * pelvisFactor, (sacrumTop + 0.002) * H],
          [0.012 * H, 0.51 * H],
          [-0.012 * H, 0.51 * H],
        ],
        depth: 0.82,
        thicknessMm: trunkMm,
      },
    ],
  });
  const pelvisShapes: AtlasShape[] = [];
  for (const side of sides) {
    const s = sideSign[side] * pelvisFactor;
    const wing: [number, number][] = [
      [0.031, 0.442],
      [0.058, 0.403],
      [0.084, 0.408],
      [0.089, 0.44],
      [0.076, 0.474],
      [0.064, 0.49],
      [0.042, 0.482],
      [0.033, 0.462],
    ];
    pelvisShapes.push({
      kind: 'polygon',
      points: wing.map(([x, y]) => [s * x * H, y * H] as const),
      depth: 0.65,
      thicknessMm: trunkMm,
    });
    pelvisShapes.push(
      polyline(
        [pt(s * 0.062, 0.494, 0.009, 0.45), pt(s * 0.032, 0.508, 0.008, 0.3), pt(s * 0.006, 0.514, 0.008, 0.2)],
        trunkMm,
      ),
    );
    pelvisShapes.push(
      polyline(
        [pt(s * 0.06, 0.5, 0.009, 0.6), pt(s * 0.052, 0.529, 0.009, 0.6), pt(s * 0.03, 0.526, 0.007, 0.5)],
        trunkMm,
      ),
    );
  }
  bones.push({ part: 'pelvis', shapes: pelvisShapes });
  bones.push({
    part: 'sternum',
    shapes: [
      polyline(
        [pt(0, 0.19, 0.014, 0.05), pt(0, 0.214, 0.012, 0.05), pt(0, 0.3, 0.009, 0.05), pt(0, 0.316, 0.005, 0.05)],
        trunkMm,
      ),
    ],
  });

  const ribs: BoneScanAtlas['ribs'][number][] = [];
  const ribShapes: AtlasShape[] = [];
  for (const side of sides) {
    const s = sideSign[side];
    ribHalfWidths.forEach((halfWidth, index) => {
      const number = index + 1;
      const w = halfWidth * chestFactor;
      const y = thoracicCentre(number);
      const r = 0.0033;
      // Posterior arc from the costovertebral joint, lateral arc, then the anterior arc running down and in
      // towards the costal cartilage (cartilage does not take up the tracer). Ribs 11 and 12 float.
      const points =
        number <= 10
          ? [
              pt(s * 0.013, y, r, 0.9),
              pt(s * 0.55 * w, y + 0.006, r, 0.88),
              pt(s * w, y + 0.028, r, 0.5),
              pt(s * 0.75 * w, y + 0.06, r, 0.15),
              pt(s * 0.4 * w, y + 0.075, r, 0.05),
            ]
          : [pt(s * 0.013, y, r, 0.9), pt(s * 0.55 * w, y + 0.008, r, 0.88), pt(s * 0.9 * w, y + 0.035, r, 0.7)];
      ribs.push({ number, side, points });
      ribShapes.push(polyline(points, trunkMm));
    });
  }
  bones.push({ part: 'ribs', shapes: ribShapes });

  const armMm = thick(90);
  const legMm = thick(140);
  const pivotY = 0.198;
  const limbBones: AtlasBone[] = [];
  const armBody: AtlasShape[] = [];
  const antecubital: Partial<Record<AtlasSide, AtlasPoint>> = {};
  const medialKnee: Partial<Record<AtlasSide, AtlasPoint>> = {};
  const shoulderJoint: Partial<Record<AtlasSide, AtlasPoint>> = {};
  for (const side of sides) {
    const s = sideSign[side];
    const S = shoulder;
    // Abduction turns the arm about the shoulder, away from the trunk.
    const abduct = (p: AtlasPoint): AtlasPoint => {
      const [x, y] = rotateAbout(p.x, p.y, s * S * H, pivotY * H, (-s * habitus.armAbductionDeg * Math.PI) / 180);
      return { ...p, x, y };
    };
    const arm = (points: AtlasPoint[]): AtlasShape => polyline(points.map(abduct), armMm);
    limbBones.push({
      part: `clavicle_${side}`,
      shapes: [
        polyline(
          [pt(s * 0.012, 0.189, 0.005, 0.08), pt(s * 0.06, 0.183, 0.005, 0.1), pt(s * 0.95 * S, 0.177, 0.005, 0.2)],
          trunkMm,
        ),
      ],
    });
    limbBones.push({
      part: `scapula_${side}`,
      shapes: [
        {
          kind: 'polygon',
          points: (
            [
              [0.04, 0.19],
              [0.07, 0.184],
              [S, 0.193],
              [S - 0.008, 0.214],
              [0.072, 0.298],
              [0.056, 0.314],
              [0.042, 0.25],
            ] as const
          ).map(([x, y]) => [s * x * H * (x > 0.06 ? chestFactor : 1), y * H] as const),
          depth: 0.87,
          thicknessMm: trunkMm,
        },
      ],
    });
    const head = abduct(pt(s * (S - 0.004), 0.2, 0.015, 0.5));
    shoulderJoint[side] = head;
    limbBones.push({
      part: `humerus_${side}`,
      shapes: [
        {
          kind: 'ellipse',
          cx: head.x,
          cy: head.y,
          rx: head.r,
          ry: head.r,
          angleRad: 0,
          profile: 'rod',
          depth: 0.5,
          thicknessMm: armMm,
        },
        arm([
          pt(s * (S - 0.003), 0.205, 0.0105, 0.5),
          pt(s * (S + 0.006), 0.352, 0.009, 0.5),
          pt(s * (S + 0.008), 0.369, 0.0135, 0.5),
        ]),
      ],
    });
    limbBones.push({
      part: `radius_${side}`,
      shapes: [arm([pt(s * (S + 0.014), 0.377, 0.0065, 0.45), pt(s * (S + 0.017), 0.512, 0.008, 0.45)])],
    });
    limbBones.push({
      part: `ulna_${side}`,
      shapes: [arm([pt(s * (S + 0.001), 0.372, 0.0075, 0.55), pt(s * (S + 0.006), 0.512, 0.006, 0.55)])],
    });
    const wrist = abduct(pt(s * (S + 0.011), 0.524, 0.011, 0.5));
    const palm = abduct(pt(s * (S + 0.012), 0.565, 0.02, 0.5));
    limbBones.push({
      part: `hand_${side}`,
      shapes: [
        {
          kind: 'ellipse',
          cx: wrist.x,
          cy: wrist.y,
          rx: wrist.r,
          ry: wrist.r * 0.8,
          angleRad: 0,
          profile: 'rod',
          depth: 0.5,
          thicknessMm: armMm,
        },
        arm([pt(s * (S + 0.012), 0.535, 0.016, 0.5), pt(s * (S + 0.013), 0.6, 0.012, 0.5)]),
      ],
    });
    antecubital[side] = abduct(pt(s * (S + 0.007), 0.362, 0.02, 0.2));
    armBody.push(
      arm([
        pt(s * (S - 0.004), 0.2, 0.026, 0.5),
        pt(s * (S + 0.008), 0.37, 0.022, 0.5),
        pt(s * (S + 0.013), 0.52, 0.017, 0.5),
      ]),
    );
    armBody.push({
      kind: 'ellipse',
      cx: palm.x,
      cy: palm.y,
      rx: palm.r,
      ry: 0.045 * H,
      angleRad: 0,
      profile: 'rod',
      depth: 0.5,
      thicknessMm: thick(40),
    });

    const p = pelvisFactor;
    const femoralHead = pt(s * 0.056 * p, 0.488, 0.0135, 0.5);
    limbBones.push({
      part: `femur_${side}`,
      shapes: [
        {
          kind: 'ellipse',
          cx: femoralHead.x,
          cy: femoralHead.y,
          rx: femoralHead.r,
          ry: femoralHead.r,
          angleRad: 0,
          profile: 'rod',
          depth: 0.5,
          thicknessMm: trunkMm,
        },
        polyline([pt(s * 0.058 * p, 0.49, 0.0085, 0.5), pt(s * 0.086 * p, 0.5, 0.011, 0.5)], trunkMm),
        polyline(
          [
            pt(s * 0.083 * p, 0.5, 0.013, 0.5),
            pt(s * 0.079 * p, 0.53, 0.0105, 0.5),
            pt(s * 0.054, 0.69, 0.0095, 0.5),
            pt(s * 0.05, 0.711, 0.0175, 0.45),
          ],
          legMm,
        ),
      ],
    });
    medialKnee[side] = pt(s * 0.043, 0.724, 0.01, 0.45);
    limbBones.push({
      part: `tibia_${side}`,
      shapes: [
        polyline(
          [
            pt(s * 0.05, 0.723, 0.0165, 0.4),
            pt(s * 0.046, 0.745, 0.0105, 0.35),
            pt(s * 0.042, 0.94, 0.0085, 0.35),
            pt(s * 0.04, 0.956, 0.0105, 0.4),
          ],
          thick(110),
        ),
      ],
    });
    limbBones.push({
      part: `fibula_${side}`,
      shapes: [
        polyline(
          [pt(s * 0.065, 0.736, 0.0055, 0.55), pt(s * 0.058, 0.948, 0.0055, 0.55), pt(s * 0.056, 0.963, 0.0065, 0.55)],
          thick(110),
        ),
      ],
    });
    limbBones.push({
      part: `foot_${side}`,
      shapes: [
        {
          kind: 'ellipse',
          cx: s * 0.046 * H,
          cy: 0.977 * H,
          rx: 0.021 * H,
          ry: 0.024 * H,
          angleRad: 0,
          profile: 'rod',
          depth: 0.5,
          thicknessMm: thick(90),
        },
      ],
    });
  }
  bones.push(...limbBones);

  const lumbarFacetYs = [levelBottom('lumbar_spine', 3), levelBottom('lumbar_spine', 4)];
  const lowerLumbarFacets = lumbarFacetYs.flatMap((y) =>
    sides.map((side) => ({ side, point: pt(sideSign[side] * 0.012, y, 0.006, 0.8) })),
  );

  const S = shoulder;
  const body: AtlasShape[] = [
    {
      kind: 'ellipse',
      cx: 0,
      cy: 0.064 * H,
      rx: 0.052 * H,
      ry: 0.068 * H,
      angleRad: 0,
      profile: 'rod',
      depth: 0.5,
      thicknessMm: thick(190),
    },
    polyline([pt(0, 0.12, 0.03, 0.5), pt(0, 0.185, 0.034, 0.5)], thick(120)),
    {
      kind: 'slab',
      cx: 0,
      levels: [
        [0.178 * H, (S - 0.03) * H],
        [0.19 * H, (S - 0.004) * H],
        [0.215 * H, (S + 0.004) * H],
        [0.28 * H, 0.104 * chestFactor * H],
        [0.35 * H, 0.1 * chestFactor * H],
        [0.41 * H, 0.092 * H],
        [0.47 * H, 0.1 * pelvisFactor * H],
        [0.515 * H, 0.098 * pelvisFactor * H],
        [0.53 * H, 0.06 * H],
      ],
      depth: 0.5,
      thicknessMm: trunkMm,
    },
    ...sides.flatMap((side): AtlasShape[] => {
      const s = sideSign[side];
      return [
        polyline(
          [
            pt(s * 0.056 * pelvisFactor, 0.5, 0.05 / (male ? 1.1 : 1), 0.5),
            pt(s * 0.05, 0.71, 0.033 / (male ? 1.1 : 1), 0.5),
            pt(s * 0.043, 0.95, 0.022 / (male ? 1.1 : 1), 0.5),
          ],
          legMm,
        ),
        {
          kind: 'ellipse',
          cx: s * 0.046 * H,
          cy: 0.975 * H,
          rx: 0.028 * H,
          ry: 0.03 * H,
          angleRad: 0,
          profile: 'rod',
          depth: 0.5,
          thicknessMm: thick(90),
        },
      ];
    }),
    ...armBody,
  ];
  const kidneys = sides.map((side): AtlasShape => ({
    kind: 'ellipse',
    cx: sideSign[side] * 0.045 * H,
    cy: 0.362 * H,
    rx: 0.018 * H,
    ry: 0.034 * H,
    // Upper poles lie more medial than lower poles.
    angleRad: sideSign[side] * -0.25,
    profile: 'rod',
    depth: 0.72,
    thicknessMm: trunkMm,
  }));
  const bladder: AtlasShape = {
    kind: 'ellipse',
    cx: 0,
    cy: 0.487 * H,
    rx: 0.028 * H,
    ry: 0.021 * H,
    angleRad: 0,
    profile: 'rod',
    depth: 0.35,
    thicknessMm: trunkMm,
  };
  const both = <T>(record: Partial<Record<AtlasSide, T>>): Record<AtlasSide, T> => {
    const { left, right } = record;
    if (left === undefined || right === undefined) throw new RangeError('atlas landmark missing');
    return { left, right };
  };
  return {
    heightMm: H,
    bones,
    body,
    kidneys,
    bladder,
    ribs,
    landmarks: {
      antecubital: both(antecubital),
      medialKnee: both(medialKnee),
      shoulder: both(shoulderJoint),
      lowerLumbarFacets,
    },
  };
}
