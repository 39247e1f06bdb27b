/**
 * The output of the patient response timeline (`buildTimeline`, and `bonemet response --json`, which adds the
 * disclaimer, the citations of each criterion and the files it wrote), as a schema to publish as JSON Schema
 * (`response-timeline-result`). The tests parse real outputs with it, so it cannot drift from the code.
 */
import { isoDateSchema } from '@bonemet/core';
import { z } from 'zod';
import { therapyLineSchema, timelineStudySchema } from './timeline.js';

const nullableNumber = z.number().nullable();

export const citationOutputSchema = z
  .strictObject({
    id: z.string().describe('Stable key, e.g. wahl-2009'),
    short: z.string().describe('Short form shown next to a result'),
    reference: z.string().describe('Full reference'),
    url: z.string().optional().describe('DOI, PMID/PMC or official URL'),
  })
  .describe('A published source');

export const timelineAssessmentOutputSchema = z
  .strictObject({
    percist: z
      .strictObject({
        vsBaseline: z
          .enum(['CMR', 'PMR', 'SMD', 'PMD', 'not_evaluable'])
          .describe('PERCIST 1.0 category against the baseline'),
        vsNadirProgression: z.boolean().describe('Whether the follow-up shows PMD against the nadir'),
        nadirDate: isoDateSchema.describe('Date of the nadir the follow-up is read against'),
        progression: z
          .enum(['none', 'confirmed', 'confirmed_by_later_scan', 'awaiting_confirmation', 'not_confirmed'])
          .describe('Progression at this follow-up and whether it is confirmed'),
      })
      .optional()
      .describe('PERCIST 1.0 series reading'),
    recist: z
      .strictObject({
        category: z.enum(['CR', 'PR', 'SD', 'PD', 'NE']).describe('RECIST 1.1 category'),
        percentFromBaseline: nullableNumber.describe('Change of the sum of diameters from baseline, %'),
        percentFromNadir: nullableNumber.describe('Change of the sum of diameters from the nadir, %'),
        nadirDate: isoDateSchema.describe('Date of the nadir'),
      })
      .optional()
      .describe('RECIST 1.1 bone rules'),
    mda: z
      .strictObject({
        category: z.enum(['CR', 'PR', 'SD', 'PD', 'not_evaluable']).describe('MD Anderson category'),
        decidingRules: z.array(z.string().describe('A rule')).describe('The rule that decided each row'),
      })
      .optional()
      .describe('MD Anderson bone criteria'),
    boneScan: z
      .strictObject({
        status: z
          .enum([
            'no_progression',
            'progression',
            'progression_not_confirmed_possible_flare',
            'progression_confirmed',
            'flare_not_confirmed',
          ])
          .describe('Flare-aware bone-scan progression status'),
        rule: z.string().nullable().describe('The rule applied, when one fired'),
      })
      .optional()
      .describe('Bone-scan progression with flare'),
  })
  .describe('The assessment of each criterion at one date');

const progressionEventSchema = z
  .strictObject({
    date: isoDateSchema.describe('Date of the first scan showing the progression'),
    confirmedOn: isoDateSchema.describe('Date of the scan that confirmed it'),
    criterion: z
      .enum(['PERCIST 1.0', 'RECIST 1.1', 'MDA', 'bone scan (flare-aware)'])
      .describe('The criterion that found it'),
    rule: z.string().describe('The rule that fired'),
  })
  .describe('A progression found by one criterion');

export const lesionTrajectoryOutputSchema = z
  .strictObject({
    trackId: z.string().describe('Tracking identifier'),
    label: z.string().describe('Short label'),
    modality: z.enum(['PT', 'NM']).describe('PT (PET) or NM (bone scan)'),
    measure: z.enum(['SULpeak', 'intensity ratio']).describe('The measure followed'),
    unit: z.enum(['g/ml', 'ratio']).describe('Its unit'),
    points: z
      .array(
        z
          .strictObject({
            date: isoDateSchema.describe('Study date'),
            value: nullableNumber.describe('The measure; null when the lesion is not seen'),
          })
          .describe('The lesion at one study'),
      )
      .describe('One point per study of the modality from the first observation on'),
  })
  .describe("A tracked lesion's measure over time");

export const timelineResultSchema = z
  .strictObject({
    patientId: z.string().describe('Patient pseudonym'),
    studies: z.array(timelineStudySchema).describe('Studies in date order'),
    therapyLines: z.array(therapyLineSchema).describe('Therapy lines by start date'),
    points: z
      .array(
        z
          .strictObject({
            date: isoDateSchema.describe('Date of the time point'),
            studyIds: z.array(z.string().describe('Study id')).describe('Studies of that date'),
            therapyLine: z.int().nullable().describe('Therapy line in effect on that date'),
            assessment: timelineAssessmentOutputSchema,
          })
          .describe('One assessed time point'),
      )
      .describe('Assessed time points in date order'),
    progressionEvents: z.array(progressionEventSchema).describe('Every progression found, earliest first'),
    confirmedProgression: progressionEventSchema.nullable().describe("The patient's confirmed progression"),
    timeToProgression: z
      .strictObject({
        days: z.int().describe('Days from the start date to the progression'),
        fromDate: isoDateSchema.describe('Start date'),
        from: z.string().describe('What the start date is'),
        rule: z.string().describe('How it was counted'),
      })
      .nullable()
      .describe('Time to progression; null when not reached'),
    assumptions: z.array(z.string().describe('An assumption')).describe('Conventions the result rests on'),
    lesionTrajectories: z.array(lesionTrajectoryOutputSchema).describe('Tracked lesions over time'),
  })
  .describe('A patient response timeline: the assessment per time point and the progression');

/** `bonemet response --json`: the timeline with the disclaimer, the citations and the files written. */
export const timelineReportSchema = timelineResultSchema
  .extend({
    disclaimer: z.string().describe('Research use, not a medical device'),
    citations: z
      .strictObject({
        'PERCIST 1.0': z.array(citationOutputSchema).optional().describe('Sources of PERCIST 1.0'),
        'RECIST 1.1': z.array(citationOutputSchema).optional().describe('Sources of the RECIST 1.1 bone rules'),
        MDA: z.array(citationOutputSchema).optional().describe('Sources of the MD Anderson criteria'),
        'bone scan (flare-aware)': z
          .array(citationOutputSchema)
          .optional()
          .describe('Sources of bone-scan progression with flare'),
      })
      .describe('Sources of each criterion present'),
    outputs: z
      .array(
        z
          .strictObject({
            kind: z.enum(['lesion-trajectory-plot', 'subtraction-image']).describe('What the file shows'),
            file: z.string().describe('Path of the file written'),
            description: z.string().describe('What it shows, in words'),
          })
          .describe('A file written with --out'),
      )
      .optional()
      .describe('Files written with --out'),
  })
  .describe('bonemet response --json output');
