import { z } from 'zod';
import { boneDefinitions, boneIds, bonePartIds, findPart, isBoneId, isPartId, partIds } from './bones.js';
import { lateralitySchema } from './laterality.js';
import { isRibNumber, isVertebralLevel, vertebralLevels } from './levels.js';

const levelSchema = z.union(
  [
    z.enum(vertebralLevels),
    z
      .int({ error: 'a rib level is a whole number 1–12' })
      .min(1, { error: 'a rib level is 1–12' })
      .max(12, { error: 'a rib level is 1–12' }),
  ],
  { error: 'level is a vertebral level C1–C7, T1–T12, L1–L5, S1–S5 (vertebra) or a rib number 1–12 (rib)' },
);

/**
 * Where a lesion is in the skeleton, as the user writes it:
 * `{ "bone": "vertebra", "level": "T7", "part": "body" }`, `{ "bone": "femur", "laterality": "left",
 * "part": "neck" }`, `{ "bone": "rib", "level": 5, "laterality": "right" }`, `{ "bone": "sternum" }`.
 *
 * Rules (each broken rule is reported at its field): `level` is required for a vertebra (C1–S5; S1–S5 are
 * the sacral segments) and a rib (1–12) and forbidden elsewhere; `laterality` is required for a paired
 * bone and must be left or right (one lesion is on one side); an axial bone takes no laterality or
 * `midline`, or left/right with a part that has sides (a pedicle, the sacral ala); `part` must be one of that bone's parts (for a vertebra, of that level's parts).
 */
export const skeletalLocationSchema = z
  .strictObject({
    bone: z
      .enum(boneIds)
      .describe(
        'Bone the lesion is on: skull, facial_bones, mandible, vertebra (with level), sacrum (whole, no level), coccyx, rib (with level), sternum, clavicle, scapula, humerus, radius, ulna, hand, ilium, ischium, pubis, acetabulum, femur, patella, tibia, fibula, foot',
      ),
    level: levelSchema
      .optional()
      .describe(
        'Vertebral level C1–C7, T1–T12, L1–L5 or sacral segment S1–S5 for a vertebra; rib number 1–12 for a rib; absent for every other bone',
      ),
    laterality: lateralitySchema
      .optional()
      .describe(
        'Side: left or right, required for a paired bone (rib, clavicle, scapula, limb bones, hand, foot, ilium, ischium, pubis, acetabulum, patella); for an axial bone absent or midline, or left/right with a part that has sides (vertebral pedicle, lamina, transverse and articular processes; sacral ala; parietal, temporal, mastoid; maxilla, zygoma; mandibular ramus and condyle)',
      ),
    part: z
      .enum(partIds, {
        error: (issue) =>
          `unknown part ${JSON.stringify(issue.input)}: use a part of the bone as listed in this field's description`,
      })
      .optional()
      .describe(
        "Part of the bone, from that bone's own list, e.g. vertebra: body, pedicle, lamina, spinous_process, transverse_process, superior_articular_process, inferior_articular_process, posterior_elements, dens (C2); femur: head, neck, trochanteric, subtrochanteric, shaft, distal; rib: head, neck, tubercle, angle, shaft; absent for the whole bone",
      ),
  })
  .superRefine((location, context) => {
    // Fields that failed their own schema were reported already; check only combinations here.
    const { bone, level, laterality, part } = location;
    if (!isBoneId(bone)) return;
    const definition = boneDefinitions[bone];
    const report = (path: 'level' | 'laterality' | 'part', message: string): void => {
      context.addIssue({ code: 'custom', path: [path], message });
    };

    const levelIsValid = isVertebralLevel(level) || isRibNumber(level);
    switch (definition.levelKind) {
      case 'vertebral':
        if (level === undefined) report('level', 'level is required for a vertebra: C1–C7, T1–T12, L1–L5 or S1–S5');
        else if (levelIsValid && !isVertebralLevel(level))
          report('level', "a vertebra's level is C1–C7, T1–T12, L1–L5 or S1–S5, not a number");
        break;
      case 'rib':
        if (level === undefined) report('level', 'level is required for a rib: its number 1–12');
        else if (levelIsValid && !isRibNumber(level)) report('level', "a rib's level is its number 1–12");
        break;
      case 'none':
        if (level !== undefined)
          report(
            'level',
            bone === 'sacrum'
              ? 'the sacrum as a whole takes no level; for a sacral segment use bone "vertebra" with level S1–S5'
              : `level applies only to a vertebra or a rib, not to the ${definition.name}`,
          );
        break;
    }

    if (definition.paired) {
      if (laterality === undefined)
        report('laterality', `laterality is required for the ${definition.name}: left or right`);
      else if (laterality === 'bilateral')
        report('laterality', 'one lesion is on one side: use left or right (a finding on both sides is two lesions)');
      else if (laterality === 'midline')
        report('laterality', `the ${definition.name} is a paired bone: use left or right, not midline`);
    } else if (laterality === 'bilateral') {
      report('laterality', 'one lesion is on one side: use left or right (a finding on both sides is two lesions)');
    } else if (laterality === 'left' || laterality === 'right') {
      // An axial bone has no side, but some of its parts do (a pedicle, the sacral ala).
      const sided = part !== undefined && isPartId(part) && findPart(bone, part)?.sided === true;
      if (!sided) {
        const sidedParts = definition.parts.filter((p) => p.sided === true).map((p) => p.id);
        report(
          'laterality',
          sidedParts.length === 0
            ? `the ${definition.name} is an axial bone: omit laterality or use midline`
            : `the ${definition.name} is an axial bone: left or right only with a part that has sides (${sidedParts.join(', ')})`,
        );
      }
    }

    if (part !== undefined && isPartId(part)) {
      const allowed = bonePartIds(bone, isVertebralLevel(level) ? level : undefined);
      if (!allowed.includes(part)) {
        const where = bone === 'vertebra' && isVertebralLevel(level) ? level : `the ${definition.name}`;
        report(
          'part',
          allowed.length === 0
            ? `${where} takes no part: remove "part"`
            : `${where} has no part "${part}"; its parts are: ${allowed.join(', ')}`,
        );
      }
    }
  })
  .describe('Skeletal location of a lesion or treatment site: bone, with level, side and part where they apply');

export type SkeletalLocation = z.output<typeof skeletalLocationSchema>;
