/**
 * Whole-body views from one DICOM file: NM Image Storage (one frame per view, or one view per file) or a
 * Secondary Capture of a whole-body scan (one view, or two views side by side).
 */
import { BonemetError } from '@bonemet/core';
import {
  nmImageStorageSopClassUid,
  readDicomFile,
  readNmAttributes,
  type DicomImageDataset,
  type NmAttributes,
} from '@bonemet/dicom';
import { acquisitionFromHeader } from './acquisition-from-header.js';
import { orientView } from './orient-view.js';
import { cropColumns, detectSideBySide } from './split-side-by-side.js';
import { viewFromCode, viewFromText } from './view-codes.js';
import type { ViewName, WholeBodyAcquisition, WholeBodyView } from './whole-body-scan.js';

/** Secondary Capture Image Storage (PS3.4 Table B.5-1). */
const secondaryCaptureSopClassUid = '1.2.840.10008.5.1.4.1.1.7';

/** NM Image Type value 3 (PS3.3 C.8.4.6.1.1) for images that are not planar whole-body or static views. */
const nonPlanarImageTypes = new Set(['TOMO', 'GATED TOMO', 'RECON TOMO', 'RECON GATED TOMO', 'DYNAMIC', 'GATED']);

export interface DicomWholeBodyOptions {
  /** Views in frame (or, for a side-by-side capture, left-to-right) order, for objects that do not name them. */
  readonly views?: readonly ViewName[];
  /** Pixel spacing [row, column] mm when the object has none (captures often lack Pixel Spacing). */
  readonly pixelSpacingMm?: readonly [number, number];
}

export interface DicomWholeBodyResult {
  readonly views: WholeBodyView[];
  readonly acquisition: WholeBodyAcquisition;
  readonly warnings: string[];
}

function rescaled(image: DicomImageDataset): Float32Array {
  const out = new Float32Array(image.storedPixels.length);
  for (let i = 0; i < out.length; i++)
    out[i] = (image.storedPixels[i] ?? 0) * image.rescaleSlope + image.rescaleIntercept;
  return out;
}

function requireSpacing(image: DicomImageDataset, options: DicomWholeBodyOptions): readonly [number, number] {
  const spacing = image.pixelSpacingMm ?? options.pixelSpacingMm;
  if (spacing === undefined || !(spacing[0] > 0 && spacing[1] > 0)) {
    throw new BonemetError('missing_data', `${image.source}: Pixel Spacing (0028,0030) is missing or not positive`, {
      issues: [
        {
          path: ['PixelSpacing'],
          message: 'no positive pixel spacing: sizes and count densities cannot be computed',
          hint: 'pass pixelSpacingMm [row, column] from the acquisition protocol',
        },
      ],
    });
  }
  return spacing;
}

function noView(source: string, where: string): BonemetError {
  const message = `${where} has no View Code Sequence (0054,0220) naming an anterior or posterior projection: anterior cannot be told from posterior`;
  return new BonemetError('missing_data', `${source}: ${message}`, {
    issues: [{ path: ['DetectorInformationSequence', 'ViewCodeSequence'], message, hint: 'pass views in frame order' }],
  });
}

function readNm(image: DicomImageDataset, nm: NmAttributes, options: DicomWholeBodyOptions): WholeBodyView[] {
  const frames = image.frames ?? [image];
  const spacing = requireSpacing(image, options);
  const byDetector = nm.frameIncrementPointer.includes('x00540020') || nm.detectorVector !== undefined;
  return frames.map((frame, index): WholeBodyView => {
    const detectorNumber = byDetector ? nm.detectorVector?.[index] : undefined;
    const detector = detectorNumber === undefined ? undefined : nm.detectors[detectorNumber - 1];
    if (detectorNumber !== undefined && detector === undefined) {
      const message = `Detector Vector (0054,0020) names detector ${detectorNumber} for frame ${index + 1}, but the Detector Information Sequence has ${nm.detectors.length} items`;
      throw new BonemetError('malformed_input', `${image.source}: ${message}`, {
        issues: [{ path: ['DetectorVector', index], message }],
      });
    }
    const code = detector?.viewCode ?? (frames.length === 1 ? (nm.viewCode ?? nm.detectors[0]?.viewCode) : undefined);
    const fromCode = code === undefined ? undefined : viewFromCode(code);
    const fromText = frames.length === 1 ? viewFromText(nm.viewTexts) : undefined;
    const fromCaller = options.views?.[index];
    const view = fromCode ?? fromText ?? fromCaller;
    if (view === undefined) throw noView(image.source, frames.length === 1 ? 'the image' : `frame ${index + 1}`);
    const iop = detector?.imageOrientationPatient ?? nm.imageOrientationPatient;
    const oriented = orientView(rescaled(frame), image.rows, image.columns, view, {
      ...(iop === undefined ? {} : { imageOrientationPatient: iop }),
      ...(nm.patientOrientation === undefined ? {} : { patientOrientation: nm.patientOrientation }),
    });
    return {
      view,
      counts: oriented.counts,
      columns: image.columns,
      rows: image.rows,
      pixelSpacingMm: spacing,
      orientation: oriented.orientation,
      sourceKind: 'nm',
      countsAreCalibrated: true,
      viewBasis: fromCode !== undefined ? 'view-code' : fromText !== undefined ? 'text' : 'caller',
      // Counts Accumulated is for the whole object; it is one view's only when there is one frame.
      ...(frames.length === 1 && nm.countsAccumulated !== undefined
        ? { declaredTotalCounts: nm.countsAccumulated }
        : {}),
      source: frame.source,
    };
  });
}

function readCapture(
  image: DicomImageDataset,
  nm: NmAttributes,
  options: DicomWholeBodyOptions,
  warnings: string[],
): WholeBodyView[] {
  const spacing = requireSpacing(image, options);
  const values = rescaled(image);
  const layout = detectSideBySide(values, image.rows, image.columns);
  if (!layout.confident) warnings.push(`${image.source}: unsure of the layout: ${layout.reason}`);
  const parts =
    layout.layout === 'side-by-side' && layout.splitColumn !== undefined
      ? [
          { from: 0, to: layout.splitColumn },
          { from: layout.splitColumn, to: image.columns },
        ]
      : [{ from: 0, to: image.columns }];
  const textView = parts.length === 1 ? viewFromText(nm.viewTexts) : undefined;
  return parts.map(({ from, to }, index): WholeBodyView => {
    const fromCaller = options.views?.[index];
    // Side by side, whole-body displays put the anterior view on the left (EANM 2016 figures).
    const assumed: ViewName = parts.length === 2 && index === 1 ? 'posterior' : 'anterior';
    const view = fromCaller ?? textView ?? assumed;
    if (fromCaller === undefined && textView === undefined) {
      warnings.push(
        `${image.source}: the capture does not name its view${parts.length === 2 ? 's' : ''}; ${parts.length === 2 ? `${index === 0 ? 'left' : 'right'} half` : 'the image'} taken as ${view} by display convention`,
      );
    }
    const columns = to - from;
    const part = parts.length === 1 ? values : cropColumns(values, image.rows, image.columns, from, to);
    const oriented = orientView(part, image.rows, columns, view, {
      ...(nm.patientOrientation === undefined ? {} : { patientOrientation: nm.patientOrientation }),
    });
    return {
      view,
      counts: oriented.counts,
      columns,
      rows: image.rows,
      pixelSpacingMm: spacing,
      orientation: oriented.orientation,
      sourceKind: 'secondary-capture',
      countsAreCalibrated: false,
      viewBasis: fromCaller !== undefined ? 'caller' : textView !== undefined ? 'text' : 'layout-assumed',
      ...(parts.length === 1 && nm.countsAccumulated !== undefined
        ? { declaredTotalCounts: nm.countsAccumulated }
        : {}),
      source: parts.length === 1 ? image.source : `${image.source} ${index === 0 ? 'left' : 'right'} half`,
    };
  });
}

/**
 * Reads the whole-body views of one DICOM Part 10 file. Throws `BonemetError`: `invalid_input` (not NM),
 * `unsupported` (another SOP class, a tomographic or dynamic NM object), `missing_data` (no view code on an
 * NM object, no pixel spacing), `malformed_input` (truncated or not DICOM).
 */
export function readDicomWholeBody(
  bytes: Uint8Array,
  source: string,
  options: DicomWholeBodyOptions = {},
): DicomWholeBodyResult {
  const image = readDicomFile(bytes, source);
  const nm = readNmAttributes(bytes, source);
  const isNm = nm.sopClassUid === nmImageStorageSopClassUid;
  const isCapture = nm.sopClassUid === secondaryCaptureSopClassUid;
  if (!isNm && !isCapture) {
    const message = `SOP Class ${nm.sopClassUid || 'absent'} is not NM Image Storage (${nmImageStorageSopClassUid}) or Secondary Capture (${secondaryCaptureSopClassUid})`;
    throw new BonemetError('unsupported', `${source}: ${message}`, { issues: [{ path: ['SOPClassUID'], message }] });
  }
  const allowedModalities = isNm ? ['NM'] : ['NM', 'OT'];
  if (!allowedModalities.includes(image.modality)) {
    const message = `Modality is ${image.modality}: a bone scan is NM${isCapture ? ' (or OT for a capture)' : ''}`;
    throw new BonemetError('invalid_input', `${source}: ${message}`, { issues: [{ path: ['Modality'], message }] });
  }
  const imageKind = nm.imageType[2];
  if (isNm && imageKind !== undefined && nonPlanarImageTypes.has(imageKind)) {
    const message = `Image Type value 3 is ${imageKind}: not a planar whole-body view`;
    throw new BonemetError('unsupported', `${source}: ${message}`, { issues: [{ path: ['ImageType'], message }] });
  }
  const warnings: string[] = [];
  if (isNm && imageKind === 'STATIC') warnings.push(`${source}: a STATIC (spot) view, not a whole-body sweep`);
  const views = isNm ? readNm(image, nm, options) : readCapture(image, nm, options, warnings);
  return { views, acquisition: acquisitionFromHeader(nm, warnings), warnings };
}
