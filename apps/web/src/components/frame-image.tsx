import type { MouseEvent, ReactElement } from 'react';
import type { AnalysisImage } from '../api/analysis-schemas.js';
import { displaySizeForHeight, displayToFrame, frameToDisplay } from '../viewer/frame-geometry.js';

/** A marker at a stored-frame pixel (column x, row y), drawn as a circle of `radiusPx` display pixels. */
export interface FrameMarker {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly radiusPx: number;
  readonly className: string;
  readonly label: string;
}

/**
 * One rendered frame of an analysis (the server windows it; this draws it at its physical aspect) with
 * markers scaled from stored-frame pixels to the displayed size. In `adding` mode a click gives the stored
 * pixel under the pointer.
 */
export function FrameImage({
  image,
  displayHeightPx,
  markers,
  highlighted,
  onHighlight,
  onSelect,
  adding = false,
  onAdd,
  caption,
}: {
  readonly image: AnalysisImage;
  readonly displayHeightPx: number;
  readonly markers: readonly FrameMarker[];
  readonly highlighted?: string | undefined;
  readonly onHighlight?: ((id: string | undefined) => void) | undefined;
  readonly onSelect?: ((id: string) => void) | undefined;
  readonly adding?: boolean;
  readonly onAdd?: ((point: { x: number; y: number }) => void) | undefined;
  readonly caption?: string | undefined;
}): ReactElement {
  const size = displaySizeForHeight(image, displayHeightPx);
  const click = (event: MouseEvent<SVGSVGElement>): void => {
    if (!adding || onAdd === undefined) return;
    const box = event.currentTarget.getBoundingClientRect();
    // The drawn box may be scaled by the page (print, zoom): measure in the SVG's own units.
    const displayX = ((event.clientX - box.left) * size.widthPx) / box.width;
    const displayY = ((event.clientY - box.top) * size.heightPx) / box.height;
    const point = displayToFrame({ x: displayX, y: displayY }, size, image);
    if (point !== undefined) onAdd(point);
  };
  return (
    <figure className="frame-image" data-testid={`frame-${image.name}`}>
      <figcaption>{caption ?? image.title}</figcaption>
      <svg
        width={size.widthPx}
        height={size.heightPx}
        viewBox={`0 0 ${String(size.widthPx)} ${String(size.heightPx)}`}
        className={adding ? 'frame adding' : 'frame'}
        role="group"
        aria-label={`${image.title}${adding ? ': click to add a hotspot' : ''}`}
        onClick={click}
      >
        <image href={image.url} x={0} y={0} width={size.widthPx} height={size.heightPx} preserveAspectRatio="none" />
        {markers.map((marker) => {
          const centre = frameToDisplay(marker, size);
          const active = highlighted === marker.id;
          return (
            <circle
              key={marker.id}
              cx={centre.x}
              cy={centre.y}
              r={Math.max(4, marker.radiusPx) + (active ? 3 : 0)}
              className={`${marker.className}${active ? ' active' : ''}`}
              data-marker={marker.id}
              role={onSelect === undefined ? undefined : 'button'}
              tabIndex={onSelect === undefined ? undefined : 0}
              aria-label={marker.label}
              aria-pressed={onSelect === undefined ? undefined : active}
              onMouseEnter={() => onHighlight?.(marker.id)}
              onMouseLeave={() => onHighlight?.(undefined)}
              onClick={(event) => {
                if (adding) return;
                event.stopPropagation();
                onSelect?.(marker.id);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onSelect?.(marker.id);
                }
              }}
            >
              <title>{marker.label}</title>
            </circle>
          );
        })}
      </svg>
    </figure>
  );
}
