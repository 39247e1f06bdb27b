/**
 * A Content-Type header value split into its media type and parameters (RFC 9110 §8.3.1): parameter names
 * are case-insensitive, values are tokens or quoted strings with backslash escapes, and a quoted value may
 * hold ";" or "=" (DICOMweb's `type="application/dicom"` is quoted).
 */
export interface MediaType {
  /** Lower-case `type/subtype`, e.g. `multipart/related`. */
  readonly type: string;
  /** Parameters by lower-case name; the first occurrence wins. */
  readonly parameters: ReadonlyMap<string, string>;
}

export function parseMediaType(header: string): MediaType {
  const semicolon = header.indexOf(';');
  const type = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  const parameters = new Map<string, string>();
  let position = semicolon < 0 ? header.length : semicolon + 1;
  while (position < header.length) {
    const equals = header.indexOf('=', position);
    const nextSemicolon = header.indexOf(';', position);
    if (equals < 0 || (nextSemicolon >= 0 && nextSemicolon < equals)) {
      // A parameter without "=": ignored (RFC 9110 gives it no meaning).
      position = nextSemicolon < 0 ? header.length : nextSemicolon + 1;
      continue;
    }
    const name = header.slice(position, equals).trim().toLowerCase();
    let index = equals + 1;
    while (header[index] === ' ' || header[index] === '\t') index++;
    let value = '';
    if (header[index] === '"') {
      index++;
      while (index < header.length && header[index] !== '"') {
        if (header[index] === '\\' && index + 1 < header.length) index++;
        value += header[index] ?? '';
        index++;
      }
      index++;
      const end = header.indexOf(';', index);
      position = end < 0 ? header.length : end + 1;
    } else {
      const end = header.indexOf(';', index);
      value = header.slice(index, end < 0 ? header.length : end).trim();
      position = end < 0 ? header.length : end + 1;
    }
    if (name !== '' && !parameters.has(name)) parameters.set(name, value);
  }
  return { type, parameters };
}
