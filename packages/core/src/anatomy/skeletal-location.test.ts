import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rejectedPaths } from '../testing.js';
import { parseInput } from '../validation.js';
import { boneIds, partIds } from './bones.js';
import { lateralities } from './laterality.js';
import { lesionTypeSchema } from './lesion-type.js';
import { ribNumbers, spinalSegmentOfLevel, vertebralLevels } from './levels.js';
import { skeletalLocationSchema } from './skeletal-location.js';

describe('levels', () => {
  it('lists C1–C7, T1–T12, L1–L5, S1–S5 in order', () => {
    expect(vertebralLevels).toHaveLength(7 + 12 + 5 + 5);
    expect(vertebralLevels[0]).toBe('C1');
    expect(vertebralLevels[7]).toBe('T1');
    expect(vertebralLevels[19]).toBe('L1');
    expect(vertebralLevels[24]).toBe('S1');
    expect(vertebralLevels[28]).toBe('S5');
    expect(ribNumbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('names the segment of each level at both ends of each segment', () => {
    expect(spinalSegmentOfLevel('C1')).toBe('cervical');
    expect(spinalSegmentOfLevel('C7')).toBe('cervical');
    expect(spinalSegmentOfLevel('T1')).toBe('thoracic');
    expect(spinalSegmentOfLevel('T12')).toBe('thoracic');
    expect(spinalSegmentOfLevel('L1')).toBe('lumbar');
    expect(spinalSegmentOfLevel('L5')).toBe('lumbar');
    expect(spinalSegmentOfLevel('S1')).toBe('sacral');
    expect(spinalSegmentOfLevel('S5')).toBe('sacral');
  });

  it('has the four lateralities and three lesion types', () => {
    expect(lateralities).toEqual(['left', 'right', 'bilateral', 'midline']);
    expect(lesionTypeSchema.options).toEqual(['lytic', 'blastic', 'mixed']);
    expect(lesionTypeSchema.safeParse('sclerotic').success).toBe(false);
  });
});

describe('skeletalLocationSchema accepts', () => {
  it.each([
    { bone: 'vertebra', level: 'T7', part: 'body' },
    { bone: 'femur', laterality: 'left', part: 'neck' },
    { bone: 'rib', level: 5, laterality: 'right' },
    { bone: 'sternum', part: 'manubrium' },
    { bone: 'sternum', laterality: 'midline' },
    { bone: 'sacrum' },
    { bone: 'vertebra', level: 'S1', part: 'body' },
    { bone: 'vertebra', level: 'C2', part: 'dens' },
    { bone: 'vertebra', level: 'C1', part: 'posterior_elements' },
    { bone: 'rib', level: 1, laterality: 'left', part: 'head' },
    { bone: 'rib', level: 12, laterality: 'left' },
    { bone: 'acetabulum', laterality: 'right' },
  ])('%o', (location) => {
    expect(parseInput(skeletalLocationSchema, location, 'skeletal location')).toEqual(location);
  });
});

describe('skeletalLocationSchema rejects, naming the field', () => {
  it.each([
    // level
    [{ bone: 'vertebra' }, ['level']],
    [{ bone: 'vertebra', level: 5 }, ['level']],
    [{ bone: 'vertebra', level: 'T13' }, ['level']],
    [{ bone: 'vertebra', level: 'C0' }, ['level']],
    [{ bone: 'rib', laterality: 'left' }, ['level']],
    [{ bone: 'rib', level: 'T7', laterality: 'left' }, ['level']],
    [{ bone: 'rib', level: 0, laterality: 'left' }, ['level']],
    [{ bone: 'rib', level: 13, laterality: 'left' }, ['level']],
    [{ bone: 'rib', level: 5.5, laterality: 'left' }, ['level']],
    [{ bone: 'rib', level: '5', laterality: 'left' }, ['level']],
    [{ bone: 'femur', level: 3, laterality: 'left' }, ['level']],
    [{ bone: 'sacrum', level: 'S1' }, ['level']],
    // laterality
    [{ bone: 'femur' }, ['laterality']],
    [{ bone: 'femur', laterality: 'bilateral' }, ['laterality']],
    [{ bone: 'femur', laterality: 'midline' }, ['laterality']],
    [{ bone: 'rib', level: 5 }, ['laterality']],
    [{ bone: 'sternum', laterality: 'left' }, ['laterality']],
    [{ bone: 'vertebra', level: 'T7', laterality: 'right' }, ['laterality']],
    [{ bone: 'skull', laterality: 'bilateral' }, ['laterality']],
    [{ bone: 'femur', laterality: 'L' }, ['laterality']],
    // part
    [{ bone: 'sternum', part: 'neck' }, ['part']],
    [{ bone: 'femur', laterality: 'left', part: 'dens' }, ['part']],
    [{ bone: 'vertebra', level: 'C1', part: 'body' }, ['part']],
    [{ bone: 'vertebra', level: 'C3', part: 'dens' }, ['part']],
    [{ bone: 'vertebra', level: 'C2', part: 'superior_articular_process' }, ['part']],
    [{ bone: 'vertebra', level: 'S1', part: 'pedicle' }, ['part']],
    [{ bone: 'coccyx', part: 'body' }, ['part']],
    [{ bone: 'femur', laterality: 'left', part: 'femoral neck' }, ['part']],
    // bone and shape
    [{ bone: 'hip' }, ['bone']],
    [{ level: 'T7' }, ['bone']],
    [{ bone: 'sternum', side: 'left' }, ['side']],
    [{ bone: 'femur', laterality: 'left', level: 'T7', part: 'dens' }, ['level', 'part']],
  ] as const)('%o at %o', (location, paths) => {
    expect(rejectedPaths(skeletalLocationSchema, location)).toEqual(paths);
  });

  it('says what to do in its messages', () => {
    const messages = (value: unknown): string[] => {
      const result = skeletalLocationSchema.safeParse(value);
      return result.success ? [] : result.error.issues.map((issue) => issue.message);
    };
    expect(messages({ bone: 'femur', laterality: 'bilateral' })).toEqual([
      'one lesion is on one side: use left or right (a finding on both sides is two lesions)',
    ]);
    expect(messages({ bone: 'vertebra', level: 'C1', part: 'body' })).toEqual([
      'C1 has no part "body"; its parts are: posterior_elements, transverse_process',
    ]);
    expect(messages({ bone: 'sacrum', level: 'S2' })[0]).toContain('use bone "vertebra" with level S1–S5');
    expect(messages({ bone: 'patella', laterality: 'left', part: 'shaft' })).toEqual([
      'the patella takes no part: remove "part"',
    ]);
    expect(messages({ bone: 'femur', laterality: 'left', part: 'femoral neck' })).toEqual([
      'unknown part "femoral neck": use a part of the bone as listed in this field\'s description',
    ]);
    expect(messages({ bone: 'femur', laterality: 'left', part: 'dens' })).toEqual([
      'the femur has no part "dens"; its parts are: head, neck, trochanteric, subtrochanteric, shaft, distal',
    ]);
  });
});

describe('every combination', () => {
  const levelOptions = [undefined, ...vertebralLevels, ...ribNumbers];
  const lateralityOptions = [undefined, ...lateralities];
  const partOptions = [undefined, ...partIds];
  const fieldPaths = new Set<PropertyKey | undefined>(['level', 'laterality', 'part']);

  function* combinations(): Generator<Record<string, unknown>> {
    for (const bone of boneIds)
      for (const level of levelOptions)
        for (const laterality of lateralityOptions)
          for (const part of partOptions) {
            const location: Record<string, unknown> = { bone };
            if (level !== undefined) location.level = level;
            if (laterality !== undefined) location.laterality = laterality;
            if (part !== undefined) location.part = part;
            yield location;
          }
  }

  it('accepts exactly the anatomically valid ones and names a field for every rejection', () => {
    let accepted = 0;
    const unlocated: Record<string, unknown>[] = [];
    for (const location of combinations()) {
      const result = skeletalLocationSchema.safeParse(location);
      if (result.success) accepted += 1;
      else if (!result.error.issues.every((issue) => fieldPaths.has(issue.path[0]))) unlocated.push(location);
    }
    expect(unlocated).toEqual([]);
    // Hand count: (parts + 1 for the whole bone) × 2 side options (axial: none or midline; paired: left
    // or right), summed over bones.
    // skull (7+1)·2 = 16, facial bones (3+1)·2 = 8, mandible (3+1)·2 = 8,
    // vertebra: C1 (2+1) + C2 (8+1) + C3–L5 22·(8+1) + S1–S5 5·(1+1) = 3 + 9 + 198 + 10 = 220, ·2 = 440,
    // sacrum (1+1)·2 = 4, coccyx 1·2 = 2, rib 12·(5+1)·2 = 144, sternum (3+1)·2 = 8,
    // clavicle 8, scapula (5+1)·2 = 12, humerus (4+1)·2 = 10, radius 8, ulna 8, hand 8,
    // ilium 8, ischium 8, pubis (4+1)·2 = 10, acetabulum 10, femur (6+1)·2 = 14, patella 2,
    // tibia 8, fibula 8, foot (4+1)·2 = 10.
    // 16+8+8+440+4+2+144+8+8+12+10+8+8+8+8+8+10+10+14+2+8+8+10 = 762 without sides on axial bones.
    // Parts of axial bones that have sides add left and right (2 each): skull parietal, temporal, mastoid (3);
    // facial maxilla, zygoma (2); mandible ramus, condyle (2); sacral ala (1); vertebra C1 transverse process
    // (1), C2 pedicle, lamina, transverse and inferior articular processes (4), C3–L5 pedicle, lamina,
    // transverse, superior and inferior articular processes 22·5 = 110: (3+2+2+1+1+4+110)·2 = 246.
    // 762 + 246 = 1008
    expect(accepted).toBe(1008);
  });
});

describe('JSON Schema', () => {
  it('describes every field', () => {
    const schema = z.toJSONSchema(skeletalLocationSchema) as {
      properties: Record<string, { description?: string }>;
      additionalProperties: boolean;
    };
    expect(schema.additionalProperties).toBe(false);
    for (const field of ['bone', 'level', 'laterality', 'part']) {
      expect(schema.properties[field]?.description?.length ?? 0).toBeGreaterThan(20);
    }
  });
});

describe('sides of axial parts', () => {
  it('accepts a side on a part that has one and shows it', () => {
    expect(
      skeletalLocationSchema.safeParse({ bone: 'vertebra', level: 'T7', part: 'pedicle', laterality: 'right' }).success,
    ).toBe(true);
    expect(skeletalLocationSchema.safeParse({ bone: 'sacrum', part: 'ala', laterality: 'left' }).success).toBe(true);
  });

  it('refuses a side on an axial bone without a sided part, naming the parts that have sides', () => {
    const body = skeletalLocationSchema.safeParse({ bone: 'vertebra', level: 'T7', part: 'body', laterality: 'right' });
    expect(body.success).toBe(false);
    expect(body.error?.issues[0]?.path).toEqual(['laterality']);
    expect(body.error?.issues[0]?.message).toContain('pedicle');
    const sternum = skeletalLocationSchema.safeParse({ bone: 'sternum', laterality: 'left' });
    expect(sternum.error?.issues[0]?.message).toBe('the sternum is an axial bone: omit laterality or use midline');
  });
});
