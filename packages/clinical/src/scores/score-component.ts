/** One scored item of a points-based score: what was assessed, what was found, and the points it gave. */
export interface ScoreComponent {
  /** The item as the source table names it, e.g. `Site`, `Vertebral body collapse`. */
  readonly item: string;
  /** The finding scored, in words, e.g. `Lower limb`. */
  readonly finding: string;
  readonly points: number;
}

/** Sum of the points of every component. */
export function sumPoints(components: readonly ScoreComponent[]): number {
  return components.reduce((total, component) => total + component.points, 0);
}

/** One line per component for a result's details: `Site: Lower limb (2 points)`. */
export function describeComponents(components: readonly ScoreComponent[]): string[] {
  return components.map(
    (component) =>
      `${component.item}: ${component.finding} (${component.points} point${component.points === 1 ? '' : 's'})`,
  );
}
