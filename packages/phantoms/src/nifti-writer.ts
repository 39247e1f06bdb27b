/**
 * Writes a label volume as a single-file NIfTI-1 (.nii) image (nifti1.h): 348-byte little-endian header,
 * 4-byte empty extension flag, voxels from offset 352, x fastest. The sform maps voxel indices to RAS+ mm;
 * the phantom's grid is axial LPS, so x and y change sign.
 */
import type { PhantomGeometry } from './anatomy.js';

const headerBytes = 348;
const voxelOffset = 352;

export function encodeNiftiLabels(
  labels: Uint8Array | Uint16Array,
  geometry: PhantomGeometry,
  description: string,
): Uint8Array {
  const [nx, ny, nz] = geometry.dimensions;
  if (labels.length !== nx * ny * nz) throw new RangeError(`${labels.length} labels for ${nx}×${ny}×${nz}`);
  const [sx, sy, sz] = geometry.spacingMm;
  const [x0, y0, z0] = geometry.originMm;
  const bytesPerVoxel = labels instanceof Uint8Array ? 1 : 2;
  const out = new Uint8Array(voxelOffset + labels.length * bytesPerVoxel);
  const view = new DataView(out.buffer);
  view.setInt32(0, headerBytes, true);
  [3, nx, ny, nz, 1, 1, 1, 1].forEach((dim, index) => view.setInt16(40 + 2 * index, dim, true));
  view.setInt16(70, bytesPerVoxel === 1 ? 2 : 512, true); // datatype: uint8 (2) or uint16 (512)
  view.setInt16(72, 8 * bytesPerVoxel, true); // bitpix
  [1, sx, sy, sz, 0, 0, 0, 0].forEach((pixdim, index) => view.setFloat32(76 + 4 * index, pixdim, true));
  view.setFloat32(108, voxelOffset, true);
  view.setFloat32(112, 1, true); // scl_slope
  view.setFloat32(116, 0, true); // scl_inter
  view.setUint8(123, 2); // xyzt_units: mm
  const text = description.slice(0, 79);
  for (let n = 0; n < text.length; n++) out[148 + n] = text.charCodeAt(n) & 0x7f;
  view.setInt16(254, 1, true); // sform_code: scanner anatomical
  const rows = [
    [-sx, 0, 0, -x0],
    [0, -sy, 0, -y0],
    [0, 0, sz, z0],
  ];
  rows.forEach((row, r) => row.forEach((value, c) => view.setFloat32(280 + 16 * r + 4 * c, value, true)));
  out.set([0x6e, 0x2b, 0x31, 0x00], 344); // "n+1\0"
  for (let n = 0; n < labels.length; n++) {
    if (bytesPerVoxel === 1) view.setUint8(voxelOffset + n, labels[n] ?? 0);
    else view.setUint16(voxelOffset + 2 * n, labels[n] ?? 0, true);
  }
  return out;
}
