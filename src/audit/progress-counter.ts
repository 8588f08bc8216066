/** What a pass has read so far, reported to the progress display (counts only, never an id). */
export interface ReadProgress {
  bytes: number;
  files: number;
  patients: number;
}

export type ProgressSink = (delta: Partial<ReadProgress>) => void;

export const noProgress: ProgressSink = () => undefined;
