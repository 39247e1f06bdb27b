/** Typed reads of element values from a parsed `dicom-parser` data set, shared by the image readers. */
import { BonemetError } from '@bonemet/core';
import type { DataSet } from 'dicom-parser';

/** Trimmed string value, or undefined when the element is absent or empty. */
export function text(ds: DataSet, tag: string): string | undefined {
  if (ds.elements[tag] === undefined) return undefined;
  const value = ds.string(tag);
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The numbers of a multi-valued DS or IS element; `invalid_input` when a value is not numeric. */
export function numbers(ds: DataSet, tag: string, keyword: string, source: string): number[] | undefined {
  const value = text(ds, tag);
  if (value === undefined) return undefined;
  const parts = value.split('\\').map((part) => Number(part.trim()));
  if (parts.some((n) => !Number.isFinite(n))) {
    throw new BonemetError('invalid_input', `${source}: ${keyword} ${tag} is not numeric: "${value}"`, {
      issues: [{ path: [keyword], message: `not numeric: "${value}"` }],
    });
  }
  return parts;
}

export function oneNumber(ds: DataSet, tag: string, keyword: string, source: string): number | undefined {
  return numbers(ds, tag, keyword, source)?.[0];
}

/** Numbers of an element with a binary VR (US, SS, UL, FL, FD); implicit VR files read as the dictionary VR. */
export function binaryNumber(ds: DataSet, tag: string, vr: 'US' | 'UL' | 'FD' | 'FL'): number | undefined {
  const element = ds.elements[tag];
  if (element === undefined || element.length === 0) return undefined;
  const actual = element.vr ?? vr;
  if (actual === 'US') return ds.uint16(tag);
  if (actual === 'SS') return ds.int16(tag);
  if (actual === 'UL') return ds.uint32(tag);
  if (actual === 'SL') return ds.int32(tag);
  if (actual === 'FD') return ds.double(tag);
  if (actual === 'FL') return ds.float(tag);
  const parsed = Number(ds.string(tag));
  return Number.isFinite(parsed) ? parsed : undefined;
}

export function fixedLength(values: number[] | undefined, count: number): number[] | undefined {
  return values?.length === count ? values : undefined;
}

/** The data sets of the items of a sequence element (none when absent). */
export function sequenceItems(ds: DataSet, tag: string): DataSet[] {
  return (ds.elements[tag]?.items ?? []).flatMap((item) => (item.dataSet === undefined ? [] : [item.dataSet]));
}
