import { describe, expect, it } from 'vitest';
import { formatNumber, formatQuantity, formatSignedNumber, formatUnit } from './format.js';

describe('formatNumber', () => {
  it('rounds to the given decimals and drops trailing zeros', () => {
    expect(formatNumber(80, 1)).toBe('80');
    expect(formatNumber(67.96, 1)).toBe('68');
    expect(formatNumber(2.395, 2)).toBe('2.4');
    expect(formatNumber(-0.0001, 2)).toBe('0');
  });
});

describe('formatSignedNumber', () => {
  it('writes the sign of a change', () => {
    expect(formatSignedNumber(0.6, 2)).toBe('+0.6');
    expect(formatSignedNumber(-0.25, 2)).toBe('−0.25');
    expect(formatSignedNumber(0.0001, 2)).toBe('0');
  });
});

describe('formatUnit and formatQuantity', () => {
  it('prints µmol/L for the ASCII input unit', () => {
    expect(formatUnit('umol/L')).toBe('µmol/L');
    expect(formatUnit('mg/dL')).toBe('mg/dL');
    expect(formatQuantity(88.4, 'umol/L', 1)).toBe('88.4 µmol/L');
  });
});
