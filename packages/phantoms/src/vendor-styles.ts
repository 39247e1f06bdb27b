/**
 * How each vendor style writes the SUV-relevant PET header, after the vendors' conformance statements as
 * summarised in the IBSI SUV manual (Vácha et al., oncoray/suv_computation) and the QIBA vendor-neutral
 * SUV pseudo-code (2018-06-26):
 * - Siemens: Units BQML, Decay Correction START, Series Time = scan start; Radiopharmaceutical Start
 *   DateTime and Time; private (0071,1022) decay-correction DateTime, creator "SIEMENS MED PT".
 * - GE: Units BQML, START; Series Time is when the series was produced (after the scan, as for a
 *   post-processed series), so the scan start must come from the private (0009,100D) scan DateTime,
 *   creator "GEMS_PETD_01"; Radiopharmaceutical Start Time only.
 * - Philips: Units CNTS with (7053,1000) SUV Scale Factor and (7053,1009) Activity Concentration Scale
 *   Factor, creator "Philips PET Private Group"; Radiopharmaceutical Start Time only.
 * Manufacturer names carry "(SYNTHETIC)" so that no file can pass for a scanner's output.
 */
export const vendorStyles = ['siemens', 'ge', 'philips'] as const;
export type VendorStyle = (typeof vendorStyles)[number];

export interface VendorStyleDefinition {
  readonly manufacturer: string;
  readonly units: 'BQML' | 'CNTS';
  readonly correctedImage: readonly string[];
  /** Whether Radiopharmaceutical Start DateTime (0018,1078) is written besides Start Time (0018,1072). */
  readonly writesStartDateTime: boolean;
  /** Series Time after the scan (GE post-processing), seconds after the last bed ends; 0 = scan start. */
  readonly seriesTimeAfterScanS: number;
}

export const vendorStyleDefinitions: Readonly<Record<VendorStyle, VendorStyleDefinition>> = Object.freeze({
  siemens: {
    manufacturer: 'SIEMENS (SYNTHETIC)',
    units: 'BQML',
    correctedImage: ['NORM', 'DTIM', 'ATTN', 'SCAT', 'DECY', 'RAN'],
    writesStartDateTime: true,
    seriesTimeAfterScanS: 0,
  },
  ge: {
    manufacturer: 'GE MEDICAL SYSTEMS (SYNTHETIC)',
    units: 'BQML',
    correctedImage: ['DECY', 'ATTN', 'SCAT', 'DTIM', 'RAN', 'RADL', 'DCAL', 'NORM'],
    writesStartDateTime: false,
    seriesTimeAfterScanS: 300,
  },
  philips: {
    manufacturer: 'Philips Medical Systems (SYNTHETIC)',
    units: 'CNTS',
    correctedImage: ['DECY', 'ATTN', 'SCAT', 'RAN', 'NORM', 'DTIM'],
    writesStartDateTime: false,
    seriesTimeAfterScanS: 0,
  },
});

/**
 * Philips counts per Bq/ml: an arbitrary calibration, deliberately not 1, so that a reader that ignores
 * the Philips scale factors gives visibly wrong SUVs. (7053,1009) = 1 / this, in Bq/ml per count.
 */
export const philipsCountsPerBqMl = 4;
