import { z } from "zod";

/**
 * The body of one answer save; `seq` is the answer time on the server's clock, as the browser estimates it,
 * so it is a safe integer of milliseconds (the server also refuses one far ahead of its own clock).
 */
export const answerSaveSchema = z.object({
  position: z.number().int().min(0).max(500),
  choice: z.number().int().min(0).max(9),
  seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});

export const predictionSchema = z.object({
  prediction: z.number().int().min(0).max(10_000_000).nullable(),
});

export const submitSchema = z.object({
  answers: z.array(answerSaveSchema).max(500).default([]),
  prediction: z.number().int().min(0).max(10_000_000).nullable().optional(),
  // Sent by the browser's countdown at zero, so the attempt is recorded as timed out, not handed in.
  reason: z.enum(["manual", "timeout"]).default("manual"),
});

export type AnswerSave = z.infer<typeof answerSaveSchema>;
export type SubmitBody = z.input<typeof submitSchema>;

/** What the browser holds during an attempt: never the key. */
export type AttemptView = {
  id: number;
  roundId: number;
  roundTitle: string;
  attemptNo: number;
  startedAt: number;
  deadlineAt: number;
  submittedAt: number | null;
  serverNow: number;
  predictionPrompt: string | null;
  prediction: number | null;
  questions: { position: number; stem: string; options: string[] }[];
  answers: Record<number, number>;
};
