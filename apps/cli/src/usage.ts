import { BonemetError } from '@bonemet/core';

export const USAGE = `bonemet: bone metastases of breast cancer, scores and treatment options with their sources.
Research use, not a medical device.

Usage:
  bonemet assess <patient.json|-> [--json]        recommendation report for one patient state
  bonemet score --list [--json]                   list the calculators (scores, laboratory and drug rules)
  bonemet score <name> --input <file|-> [--json]  run one calculator on a JSON input
  bonemet score <name> --help                     the fields of a calculator's input
  bonemet schema <name>                           print a JSON Schema (patient-state, response-timeline, ...)
  bonemet pet suv <dir|file|url> [--mask <file>]  PET SUV conversion; SUV statistics in a NIfTI or DICOM SEG mask
  bonemet pet quantify <dir|file|url> [--json]    PET lesions: SUVmax, SUVpeak, SUVmean, MTV, TLG, osseous
  bonemet pet compare <baseline> <follow-up>      PERCIST and EORTC response from two time points
  bonemet bonescan analyze <files...> [--edits f] bone scan: count QC, skeleton, superscan, hotspots, BSI
                                [--overlay f.png] the same with a PNG of the regions and hotspots
  bonemet bonescan phantom --n <k> --seed <n> --out <dir>  synthetic bone scans as NM DICOM with truth
  bonemet response <file|-> [--json] [--out dir]  response per time point, progression, TTP, lesion plot
  bonemet track <earlier> <later> [--json]        bone scans or PET/CT: alignment, lesion states, subtraction (--out)
  bonemet --help | --version

Input is JSON, from a file or from standard input ("-"). Invalid input exits with status 2 and lists
every problem by field path on standard error; nothing is written to standard output.`;

/** A command-line usage mistake: reported like invalid input (exit status 2). */
export function usageError(message: string): BonemetError {
  return new BonemetError('invalid_input', message, {
    issues: [{ path: [], message, hint: 'run `bonemet --help` for usage' }],
  });
}
