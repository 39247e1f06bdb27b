/**
 * Where a stored-frame pixel appears on screen. A frame of `widthPx` columns and `heightPx` rows with
 * `pixelSpacingMm` = [between rows, between columns] (the DICOM Pixel Spacing order, PS3.3 C.7.6.2.1.1) is
 * shown at its physical aspect: the displayed width over the displayed height equals
 * (columns × column spacing) / (rows × row spacing). Hotspot coordinates are pixel indices (column x, row y)
 * of the stored frame with (0, 0) its top-left pixel, so a pixel's centre lies half a pixel in from its corner.
 */
export interface FrameGeometry {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly pixelSpacingMm: readonly [number, number];
}

export interface DisplaySize {
  readonly widthPx: number;
  readonly heightPx: number;
  /** Display pixels per stored column and per stored row. */
  readonly scaleX: number;
  readonly scaleY: number;
}

/** The display size of a frame drawn `displayHeightPx` tall at its physical aspect. */
export function displaySizeForHeight(frame: FrameGeometry, displayHeightPx: number): DisplaySize {
  const [rowSpacingMm, columnSpacingMm] = frame.pixelSpacingMm;
  const widthMm = frame.widthPx * columnSpacingMm;
  const heightMm = frame.heightPx * rowSpacingMm;
  const widthPx = (displayHeightPx * widthMm) / heightMm;
  return {
    widthPx,
    heightPx: displayHeightPx,
    scaleX: widthPx / frame.widthPx,
    scaleY: displayHeightPx / frame.heightPx,
  };
}

/** The display position of the centre of stored pixel (x, y). */
export function frameToDisplay(
  point: { readonly x: number; readonly y: number },
  size: DisplaySize,
): {
  x: number;
  y: number;
} {
  return { x: (point.x + 0.5) * size.scaleX, y: (point.y + 0.5) * size.scaleY };
}

/**
 * The stored pixel under a display position (the inverse of frameToDisplay), or undefined when the position
 * falls outside the frame.
 */
export function displayToFrame(
  point: { readonly x: number; readonly y: number },
  size: DisplaySize,
  frame: FrameGeometry,
): { x: number; y: number } | undefined {
  const x = point.x / size.scaleX - 0.5;
  const y = point.y / size.scaleY - 0.5;
  if (x < -0.5 || y < -0.5 || x >= frame.widthPx - 0.5 || y >= frame.heightPx - 0.5) return undefined;
  return { x: Math.min(frame.widthPx - 1, Math.max(0, x)), y: Math.min(frame.heightPx - 1, Math.max(0, y)) };
}

/** The display radius of a circle of `diameterMm` (the smaller display scale per mm, so it never overstates). */
export function displayRadiusOfDiameter(diameterMm: number, size: DisplaySize, frame: FrameGeometry): number {
  const [rowSpacingMm, columnSpacingMm] = frame.pixelSpacingMm;
  const pxPerMm = Math.min(size.scaleX / columnSpacingMm, size.scaleY / rowSpacingMm);
  return (diameterMm / 2) * pxPerMm;
}
