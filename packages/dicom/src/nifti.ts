/**
 * A small NIfTI-1 reader (single-file .nii, optionally gzip-compressed .nii.gz) for masks from other
 * tools, such as the IBSI SUV reference objects.
 *
 * Format (NIfTI-1, nifti1.h): a 348-byte header, little- or big-endian (sizeof_hdr = 348 tells which),
 * with dim[8] (int16 at 40), datatype (int16 at 70), pixdim[8] (float32 at 76), vox_offset (float32 at
 * 108), scl_slope/scl_inter (float32 at 112/116), qform_code/sform_code (int16 at 252/254), quatern
 * b,c,d and offsets (float32 at 256-276), srow_x/y/z (float32 at 280-324) and magic "n+1" at 344. The
 * voxel data follow at vox_offset, x fastest. World coordinates are RAS+ mm; DICOM patient coordinates
 * are LPS, so x and y change sign.
 */
import { gunzipSync } from 'node:zlib';
import { BonemetError } from '@bonemet/core';
import type { Vector3 } from './volume.js';

export interface NiftiImage {
  /** [nx, ny, nz]. */
  readonly dimensions: Vector3;
  /** Voxel values after scl_slope/scl_inter, x fastest. */
  readonly voxels: Float32Array;
  /** Voxel index (i, j, k) → LPS mm, as a 3×4 row-major affine. */
  readonly indexToLpsMm: readonly [readonly number[], readonly number[], readonly number[]];
}

function malformed(message: string): BonemetError {
  return new BonemetError('malformed_input', `NIfTI: ${message}`, { issues: [{ path: [], message }] });
}

const datatypeBytes: Readonly<Record<number, number>> = { 2: 1, 4: 2, 8: 4, 16: 4, 64: 8, 256: 1, 512: 2, 768: 4 };

/** Reads a .nii or .nii.gz file's bytes. */
export function readNifti(bytes: Uint8Array): NiftiImage {
  let data = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      data = gunzipSync(bytes);
    } catch (cause) {
      throw new BonemetError('malformed_input', 'NIfTI: the gzip stream is truncated or corrupt', { cause });
    }
  }
  if (data.length < 348) throw malformed('shorter than the 348-byte header');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const little = view.getInt32(0, true) === 348;
  if (!little && view.getInt32(0, false) !== 348) throw malformed('sizeof_hdr is not 348 (not NIfTI-1)');
  const magic = String.fromCharCode(data[344] ?? 0, data[345] ?? 0, data[346] ?? 0);
  if (magic !== 'n+1') throw malformed(`magic "${magic}" is not "n+1" (only single-file NIfTI-1 is read)`);
  const i16 = (offset: number): number => view.getInt16(offset, little);
  const f32 = (offset: number): number => view.getFloat32(offset, little);
  const rank = i16(40);
  if (rank < 3 || rank > 4 || (rank === 4 && i16(48) > 1))
    throw malformed(`dim[0] = ${rank}: only 3-D images are read`);
  const dimensions: Vector3 = [i16(42), i16(44), i16(46)];
  const datatype = i16(70);
  const bytesPerVoxel = datatypeBytes[datatype];
  if (bytesPerVoxel === undefined) {
    throw new BonemetError('unsupported', `NIfTI: datatype ${datatype} is not read`, {
      issues: [{ path: ['datatype'], message: 'unsupported datatype' }],
    });
  }
  const voxOffset = Math.floor(f32(108));
  const count = dimensions[0] * dimensions[1] * dimensions[2];
  if (voxOffset + count * bytesPerVoxel > data.length) throw malformed('the voxel data are truncated');
  const rawSlope = f32(112);
  const slope = rawSlope === 0 || !Number.isFinite(rawSlope) ? 1 : rawSlope;
  const intercept = Number.isFinite(f32(116)) ? f32(116) : 0;
  const voxels = new Float32Array(count);
  const read: (offset: number) => number = {
    2: (o: number) => view.getUint8(o),
    4: (o: number) => view.getInt16(o, little),
    8: (o: number) => view.getInt32(o, little),
    16: (o: number) => view.getFloat32(o, little),
    64: (o: number) => view.getFloat64(o, little),
    256: (o: number) => view.getInt8(o),
    512: (o: number) => view.getUint16(o, little),
    768: (o: number) => view.getUint32(o, little),
  }[datatype as 2];
  for (let n = 0; n < count; n++) voxels[n] = read(voxOffset + n * bytesPerVoxel) * slope + intercept;

  let ras: number[][];
  if (i16(254) > 0) {
    ras = [0, 1, 2].map((row) => [0, 1, 2, 3].map((col) => f32(280 + row * 16 + col * 4)));
  } else if (i16(252) > 0) {
    // Quaternion form (nifti1.h, method 2).
    const b = f32(256);
    const c = f32(260);
    const d = f32(264);
    const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
    const qfac = f32(76) < 0 ? -1 : 1;
    const [dx, dy, dz] = [f32(80), f32(84), f32(88) * qfac];
    const r = [
      [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
      [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
      [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
    ];
    const offsets = [f32(268), f32(272), f32(276)];
    ras = r.map((row, n) => [(row[0] ?? 0) * dx, (row[1] ?? 0) * dy, (row[2] ?? 0) * dz, offsets[n] ?? 0]);
  } else {
    throw new BonemetError(
      'unsupported',
      'NIfTI: neither sform nor qform is set; the mask cannot be placed in patient space',
      {
        issues: [{ path: ['sform_code'], message: 'no spatial transform' }],
      },
    );
  }
  const [x = [], y = [], z = []] = ras;
  return { dimensions, voxels, indexToLpsMm: [x.map((v) => -v), y.map((v) => -v), z] };
}
