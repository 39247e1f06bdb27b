"""numpy/scipy peer of the PET pipeline benchmark (pipeline.mjs runs it with Debian's /usr/bin/python3).

The same steps as the TypeScript worker, written as a numpy/scipy user would write them:

  load <petDir> <liverX,liverY,liverZ> <loadRuns> <computeRuns> [<suvFile>]
      loading (pydicom, slices sorted along the slice normal, Rescale Slope/Intercept, SUVbw factor)
      then computing on the loaded volume; with <suvFile> (the TypeScript-loaded SUVbw, raw float32),
      also the largest difference between the two loaded volumes, after the measurements.
  compute <suvFile> <gridJson> <liverX,liverY,liverZ> <computeRuns>
      computing only, on the SUVbw volume of <suvFile>.

Computing: the 3 cm liver sphere at the given centre (voxel centres within 15 mm; mean, sample SD), the
PERCIST threshold 1.5 x mean + 2 x SD, scipy.ndimage.label with a 26-connectivity structure, the 0.5 ml
minimum volume, and per lesion SUVmax, SUVmean, MTV, TLG, centroid, and the IBSI global and local SUVpeak:
the mean over voxel centres within 6.2035 mm (scipy.ndimage.correlate with the sphere kernel, on the
lesion's bounding box widened by the kernel radius, divided by the number of voxels inside the image).

SUV conversion: only the path the phantom's Siemens-style series takes (Units BQML, Decay Correction
START, Series Time not after the acquisitions): SUVbw = value x weight[g] / (dose x 2^(-dt / half-life)),
dt from the injection to Series Date/Time. Anything else is refused rather than guessed.
Prints one JSON document on stdout.
"""

import json
import os
import statistics
import sys
import time
from datetime import datetime

import numpy as np
import pydicom
from scipy import ndimage

PEAK_RADIUS_MM = 6.2035
LIVER_RADIUS_MM = 15.0
MINIMUM_VOLUME_ML = 0.5


def max_rss_mib():
    # Peak RSS of this process's own address space (Linux VmHWM), not getrusage's ru_maxrss, which on
    # Linux carries the parent's RSS at fork time over into an exec'd child.
    with open('/proc/self/status') as status:
        for line in status:
            if line.startswith('VmHWM:'):
                return round(int(line.split()[1]) / 1024, 1)
    raise SystemExit('no VmHWM in /proc/self/status (Linux only)')


def current_rss_mib():
    with open('/proc/self/statm') as statm:
        return round(int(statm.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20, 1)


BASELINE_RSS_MIB = current_rss_mib()


def dicom_datetime(date, time_text):
    text = str(time_text)
    whole, _, fraction = text.partition('.')
    whole = whole.ljust(6, '0')
    stamp = datetime.strptime(str(date) + whole, '%Y%m%d%H%M%S')
    return stamp.timestamp() + (float('0.' + fraction) if fraction else 0.0)


def suvbw_factor(first, acquisition_times):
    if first.Units != 'BQML' or first.DecayCorrection != 'START':
        raise SystemExit(f'peer handles Units BQML with Decay Correction START only, not {first.Units}/{first.DecayCorrection}')
    series_time = dicom_datetime(first.SeriesDate, first.SeriesTime)
    if series_time > min(acquisition_times):
        raise SystemExit('peer: Series Time after the acquisitions (post-processed series) is not handled')
    info = first.RadiopharmaceuticalInformationSequence[0]
    if 'RadiopharmaceuticalStartDateTime' in info:
        start_text = str(info.RadiopharmaceuticalStartDateTime)
        start = dicom_datetime(start_text[:8], start_text[8:])
    else:
        start = dicom_datetime(first.SeriesDate, info.RadiopharmaceuticalStartTime)
    half_life = float(info.RadionuclideHalfLife)
    dose = float(info.RadionuclideTotalDose) * 2.0 ** (-(series_time - start) / half_life)
    return float(first.PatientWeight) * 1000.0 / dose


def load(pet_dir):
    datasets = [pydicom.dcmread(os.path.join(pet_dir, name)) for name in sorted(os.listdir(pet_dir))]
    if any(ds.Modality != 'PT' for ds in datasets):
        raise SystemExit('peer: not a PET series')
    orientation = np.array(datasets[0].ImageOrientationPatient, dtype=np.float64)
    normal = np.cross(orientation[:3], orientation[3:])
    datasets.sort(key=lambda ds: float(np.dot(normal, np.array(ds.ImagePositionPatient, dtype=np.float64))))
    acquisition_times = [dicom_datetime(ds.AcquisitionDate, ds.AcquisitionTime) for ds in datasets]
    factor = suvbw_factor(datasets[0], acquisition_times)
    rows, columns = int(datasets[0].Rows), int(datasets[0].Columns)
    suv = np.empty((len(datasets), rows, columns), dtype=np.float32)
    for k, ds in enumerate(datasets):
        # As the TypeScript reader does: rescale in double, store float32, scale by the factor in double.
        rescaled = (ds.pixel_array * float(ds.RescaleSlope) + float(ds.get('RescaleIntercept', 0))).astype(np.float32)
        suv[k] = rescaled.astype(np.float64) * factor
    positions = [np.array(ds.ImagePositionPatient, dtype=np.float64) for ds in datasets]
    spacing_row, spacing_column = (float(v) for v in datasets[0].PixelSpacing)
    spacing = (spacing_column, spacing_row, float(np.dot(normal, positions[1] - positions[0])))
    grid = {
        'dimensions': [columns, rows, len(datasets)],
        'spacingMm': list(spacing),
        'originMm': [float(v) for v in positions[0]],
        'directions': [list(orientation[:3]), list(orientation[3:]), list(normal)],
    }
    return suv, grid, factor


def require_axial(grid):
    expected = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    if not np.allclose(np.array(grid['directions'], dtype=np.float64), expected, atol=1e-6):
        raise SystemExit('peer handles axial images (identity directions) only')


def sphere_kernel(radius_mm, spacing):
    sx, sy, sz = spacing
    reach = [int(np.floor(radius_mm / s)) for s in (sz, sy, sx)]
    dk, dj, di = np.ogrid[-reach[0]:reach[0] + 1, -reach[1]:reach[1] + 1, -reach[2]:reach[2] + 1]
    inside = (di * sx) ** 2 + (dj * sy) ** 2 + (dk * sz) ** 2 <= radius_mm * radius_mm * (1 + 1e-9)
    return inside.astype(np.float64), reach


def float32_at_or_above(threshold):
    """The smallest float32 >= threshold, so that a float32 comparison equals the exact one."""
    candidate = np.float32(threshold)
    if float(candidate) < threshold:
        candidate = np.nextafter(candidate, np.float32(np.inf))
    return candidate


def liver_reference(suv, grid, centre_mm):
    sx, sy, sz = grid['spacingMm']
    ci, cj, ck = ((centre_mm[a] - grid['originMm'][a]) / grid['spacingMm'][a] for a in range(3))
    r = LIVER_RADIUS_MM
    lo = [int(np.ceil(c - r / s - 1e-9)) for c, s in ((ci, sx), (cj, sy), (ck, sz))]
    hi = [int(np.floor(c + r / s + 1e-9)) for c, s in ((ci, sx), (cj, sy), (ck, sz))]
    k, j, i = np.ogrid[lo[2]:hi[2] + 1, lo[1]:hi[1] + 1, lo[0]:hi[0] + 1]
    inside = ((i - ci) * sx) ** 2 + ((j - cj) * sy) ** 2 + ((k - ck) * sz) ** 2 <= r * r * (1 + 1e-9)
    values = suv[lo[2]:hi[2] + 1, lo[1]:hi[1] + 1, lo[0]:hi[0] + 1][inside].astype(np.float64)
    return float(values.mean()), float(values.std(ddof=1)), int(values.size)


def compute(suv, grid, liver_centre_mm, timings):
    t = [time.perf_counter()]
    nz, ny, nx = suv.shape
    sx, sy, sz = grid['spacingMm']
    voxel_ml = sx * sy * sz / 1000.0
    liver_mean, liver_sd, liver_count = liver_reference(suv, grid, liver_centre_mm)
    threshold = 1.5 * liver_mean + 2.0 * liver_sd
    t.append(time.perf_counter())
    mask = suv >= float32_at_or_above(threshold)
    t.append(time.perf_counter())
    labels, count = ndimage.label(mask, structure=np.ones((3, 3, 3), dtype=bool))
    t.append(time.perf_counter())
    objects = ndimage.find_objects(labels)
    t.append(time.perf_counter())
    kernel, reach = sphere_kernel(PEAK_RADIUS_MM, grid['spacingMm'])
    full_count = float(kernel.sum())
    lesions = []
    below_minimum = 0
    peak_s = 0.0
    for label, box in enumerate(objects, start=1):
        if box is None:
            continue
        inside = labels[box] == label
        voxel_count = int(inside.sum())
        if voxel_count * voxel_ml < MINIMUM_VOLUME_ML:
            below_minimum += 1
            continue
        values = suv[box][inside]
        suvmax = float(values.max())
        suvmean = float(values.sum(dtype=np.float64)) / voxel_count
        kk, jj, ii = np.nonzero(inside)
        centroid_index = (ii.mean() + box[2].start, jj.mean() + box[1].start, kk.mean() + box[0].start)
        centroid_mm = [grid['originMm'][a] + centroid_index[a] * grid['spacingMm'][a] for a in range(3)]
        p0 = time.perf_counter()
        # Bounding box widened by the kernel radius, clipped to the image: centres in the lesion then see
        # their whole neighbourhood, or the image border, which the division by `counts` accounts for.
        wide = tuple(
            slice(max(0, b.start - rad), min(n, b.stop + rad)) for b, rad, n in zip(box, reach, (nz, ny, nx))
        )
        block = suv[wide].astype(np.float64)
        sums = ndimage.correlate(block, kernel, mode='constant', cval=0.0)
        clipped = any(w.start > b.start - rad or w.stop < b.stop + rad for w, b, rad in zip(wide, box, reach))
        if clipped:
            counts = ndimage.correlate(np.ones_like(block), kernel, mode='constant', cval=0.0)
            means = sums / counts
        else:
            means = sums / full_count
        inner = tuple(slice(b.start - w.start, b.stop - w.start) for b, w in zip(box, wide))
        lesion_means = means[inner]
        peak_global = float(lesion_means[inside].max())
        at_max = inside & (suv[box] == np.float32(suvmax))
        peak_local = float(lesion_means[at_max].max())
        peak_s += time.perf_counter() - p0
        mtv_ml = voxel_count * voxel_ml
        lesions.append({
            'voxelCount': voxel_count,
            'suvmax': suvmax,
            'suvpeakGlobal': peak_global,
            'suvpeakLocal': peak_local,
            'suvmean': suvmean,
            'mtvMl': mtv_ml,
            'tlg': suvmean * mtv_ml,
            'centroidMm': centroid_mm,
        })
    lesions.sort(key=lambda lesion: -lesion['suvmax'])
    t.append(time.perf_counter())
    for name, s in zip(('liverReference', 'thresholdMask', 'label26', 'findObjects'), range(4)):
        timings.setdefault(name, []).append((t[s + 1] - t[s]) * 1000)
    timings.setdefault('perLesionStatistics', []).append((t[5] - t[4] - peak_s) * 1000)
    timings.setdefault('suvpeakGlobalAndLocal', []).append(peak_s * 1000)
    return {
        'liver': {'suvbwMean': liver_mean, 'suvbwSd': liver_sd, 'voxelCount': liver_count},
        'thresholdSuvbw': threshold,
        'belowMinimumVolume': below_minimum,
        'peakSphereVoxelCount': int(full_count),
        'lesions': lesions,
    }


def measure_compute(suv, grid, liver_centre_mm, runs):
    require_axial(grid)
    times = []
    timings = {}
    result = None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = compute(suv, grid, liver_centre_mm, timings)
        times.append((time.perf_counter() - t0) * 1000)
    return {
        'runs': runs,
        'runsMs': [round(x, 1) for x in times],
        'medianMs': round(statistics.median(times), 1),
        'minMs': round(min(times), 1),
        'firstRunMs': round(times[0], 1),
        'breakdownMedianMs': {name: round(statistics.median(v), 2) for name, v in timings.items()},
        'result': result,
    }


def parse_triple(text):
    values = [float(v) for v in text.split(',')]
    if len(values) != 3:
        raise SystemExit(f'not x,y,z: {text}')
    return values


def run_load(pet_dir, liver_text, load_runs_text, compute_runs_text, suv_file=None):
    times = []
    suv = grid = factor = None
    for _ in range(int(load_runs_text)):
        suv = None
        t0 = time.perf_counter()
        suv, grid, factor = load(pet_dir)
        times.append((time.perf_counter() - t0) * 1000)
    after_load = max_rss_mib()
    before_compute = current_rss_mib()
    compute_result = measure_compute(suv, grid, parse_triple(liver_text), int(compute_runs_text))
    process_max = max_rss_mib()
    difference = None
    if suv_file is not None:
        other = np.fromfile(suv_file, dtype=np.float32).reshape(suv.shape)
        difference = float(np.max(np.abs(other.astype(np.float64) - suv.astype(np.float64))))
    return {
        'baselineRssMib': BASELINE_RSS_MIB,
        'load': {
            'runs': len(times),
            'runsMs': [round(x, 1) for x in times],
            'medianMs': round(statistics.median(times), 1),
            'minMs': round(min(times), 1),
            'maxRssMib': after_load,
            'suvFactor': factor,
            'maxAbsDifferenceFromTypeScriptSuvbw': difference,
        },
        'beforeComputeRssMib': before_compute,
        'compute': compute_result,
        'processMaxRssMib': process_max,
    }


def run_compute(suv_file, grid_file, liver_text, compute_runs_text):
    with open(grid_file) as handle:
        grid = json.load(handle)
    nx, ny, nz = grid['dimensions']
    suv = np.fromfile(suv_file, dtype=np.float32).reshape((nz, ny, nx))
    before_compute = current_rss_mib()
    compute_result = measure_compute(suv, grid, parse_triple(liver_text), int(compute_runs_text))
    return {
        'baselineRssMib': BASELINE_RSS_MIB,
        'beforeComputeRssMib': before_compute,
        'compute': compute_result,
        'processMaxRssMib': max_rss_mib(),
    }


def main(argv):
    if len(argv) < 2 or argv[1] not in ('load', 'compute'):
        sys.stderr.write('usage: pipeline_peer.py load|compute ...\n')
        return 2
    output = run_load(*argv[2:]) if argv[1] == 'load' else run_compute(*argv[2:])
    output['versions'] = {
        'python': sys.version.split()[0],
        'numpy': np.__version__,
        'scipy': __import__('scipy').__version__,
        'pydicom': pydicom.__version__,
    }
    sys.stdout.write(json.dumps(output) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
