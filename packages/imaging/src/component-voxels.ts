/** The voxels of each labelled component, grouped (one pass, counting sort). */
import type { ComponentLabels } from './connected-components.js';

export interface ComponentVoxels {
  /** Voxels of component c are `indices[starts[c - 1]]` .. `indices[starts[c] - 1]`, in raster order. */
  readonly starts: Uint32Array;
  readonly indices: Uint32Array;
}

/** Groups the linear voxel indices of every component. */
export function groupComponentVoxels(components: ComponentLabels): ComponentVoxels {
  const { labels, count, foreground } = components;
  const starts = new Uint32Array(count + 1);
  // Indexed loops: a for-of over a typed array is several times slower here, and this may run over every voxel.
  if (foreground !== undefined) {
    const listed = foreground.length;
    for (let f = 0; f < listed; f++) {
      const label = labels[foreground[f] ?? 0] ?? 0;
      starts[label] = (starts[label] ?? 0) + 1;
    }
  } else {
    const length = labels.length;
    for (let n = 0; n < length; n++) {
      const label = labels[n] ?? 0;
      if (label !== 0) starts[label] = (starts[label] ?? 0) + 1;
    }
  }
  for (let c = 1; c <= count; c++) starts[c] = (starts[c] ?? 0) + (starts[c - 1] ?? 0);
  const indices = new Uint32Array(starts[count] ?? 0);
  const fill = starts.slice(0, count);
  if (foreground !== undefined) {
    const listed = foreground.length;
    for (let f = 0; f < listed; f++) {
      const n = foreground[f] ?? 0;
      const slot = (labels[n] ?? 0) - 1;
      const at = fill[slot] ?? 0;
      indices[at] = n;
      fill[slot] = at + 1;
    }
    return { starts, indices };
  }
  const length = labels.length;
  for (let n = 0; n < length; n++) {
    const label = labels[n] ?? 0;
    if (label === 0) continue;
    const at = fill[label - 1] ?? 0;
    indices[at] = n;
    fill[label - 1] = at + 1;
  }
  return { starts, indices };
}

/** The linear indices of component `label` (1-based); a view, not a copy. */
export function voxelsOfComponent(groups: ComponentVoxels, label: number): Uint32Array {
  return groups.indices.subarray(groups.starts[label - 1] ?? 0, groups.starts[label] ?? 0);
}
