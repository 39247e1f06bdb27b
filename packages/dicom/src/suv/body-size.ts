/**
 * Body-size formulas behind the SUV normalisations. Weight in kg, height in m unless named otherwise.
 * LBM and IBW formulas are defined for male and female only; "O" (other) is handled by each caller.
 */

export type BinarySex = 'M' | 'F';

/** Body mass index, kg/m². */
function bmiKgM2(weightKg: number, heightM: number): number {
  return weightKg / (heightM * heightM);
}

/**
 * Lean body mass by Janmahasatian et al., Clin Pharmacokinet 2005;44:1051 (the SUL recommended by
 * Tahari/Wahl JNM 2014 and EANM 2015): M 9270·W/(6680 + 216·BMI), F 9270·W/(8780 + 244·BMI).
 */
export function leanBodyMassJanmahasatianKg(sex: BinarySex, weightKg: number, heightM: number): number {
  const bmi = bmiKgM2(weightKg, heightM);
  return sex === 'M' ? (9270 * weightKg) / (6680 + 216 * bmi) : (9270 * weightKg) / (8780 + 244 * bmi);
}

/**
 * Lean body mass by James (1976) as used by PERCIST 1.0 and DICOM SUV Type LBMJAMES128:
 * M 1.10·W − 128·(W/H)², F 1.07·W − 148·(W/H)², with H in cm.
 */
export function leanBodyMassJames128Kg(sex: BinarySex, weightKg: number, heightM: number): number {
  const ratio = (weightKg / (heightM * 100)) ** 2;
  return sex === 'M' ? 1.1 * weightKg - 128 * ratio : 1.07 * weightKg - 148 * ratio;
}

/**
 * The lean body mass DICOM calls SUV Type "LBM" (James with male coefficient 120; the one
 * calculate-suv names "suvlbm"), H in cm. Used only to undo GML images stored with that SUV type.
 */
export function leanBodyMassDicomLbmKg(sex: BinarySex, weightKg: number, heightM: number): number {
  const ratio = (weightKg / (heightM * 100)) ** 2;
  return sex === 'M' ? 1.1 * weightKg - 120 * ratio : 1.07 * weightKg - 148 * ratio;
}

/**
 * Ideal body weight by Sugawara (as in MITK PETSUVCalculation): M 48.0 + 1.06·(H_cm − 152),
 * F 45.5 + 0.91·(H_cm − 152), kg.
 */
export function idealBodyWeightKg(sex: BinarySex, heightM: number): number {
  const heightCm = heightM * 100;
  return sex === 'M' ? 48.0 + 1.06 * (heightCm - 152) : 45.5 + 0.91 * (heightCm - 152);
}

/**
 * IBW for sex "O": the mean of the male and female values. The IBSI SUV reference object DRO_2_2
 * (Units GML, SUV Type IBW, sex O) returns to SUVbw 4.00/1.00/0.20 only with this convention.
 */
export function idealBodyWeightSexOtherKg(heightM: number): number {
  return (idealBodyWeightKg('M', heightM) + idealBodyWeightKg('F', heightM)) / 2;
}

/** Body surface area by Du Bois & Du Bois (1916): 0.007184·W^0.425·H_cm^0.725, in cm². */
export function bodySurfaceAreaDuBoisCm2(weightKg: number, heightM: number): number {
  return 0.007184 * weightKg ** 0.425 * (heightM * 100) ** 0.725 * 1e4;
}
