/**
 * What the browser keeps of an attempt until the server has it: each answer with its seq and whether the
 * server acknowledged it, the prediction, and whether the person asked to submit. localStorage survives a
 * reload, a closed tab and a dropped network.
 */
export type OutboxEntry = { choice: number; seq: number; synced: boolean };
export type Outbox = {
  answers: Record<number, OutboxEntry>;
  prediction: { value: number | null; synced: boolean } | null;
  submitRequested: boolean;
  timedOut?: boolean;
};

const key = (attemptId: number) => `cuocthi:attempt:${attemptId}`;

export function emptyOutbox(): Outbox {
  return { answers: {}, prediction: null, submitRequested: false };
}

export function loadOutbox(attemptId: number): Outbox {
  try {
    const raw = window.localStorage.getItem(key(attemptId));
    if (!raw) return emptyOutbox();
    const parsed = JSON.parse(raw) as Outbox;
    return { ...emptyOutbox(), ...parsed };
  } catch {
    return emptyOutbox();
  }
}

export function storeOutbox(attemptId: number, outbox: Outbox): void {
  try {
    window.localStorage.setItem(key(attemptId), JSON.stringify(outbox));
  } catch {
    // Storage full or disabled (private mode): the answer still goes to the server while online.
  }
}

export function clearOutbox(attemptId: number): void {
  try {
    window.localStorage.removeItem(key(attemptId));
  } catch {
    // ignore
  }
}

export function unsyncedAnswers(outbox: Outbox) {
  return Object.entries(outbox.answers)
    .filter(([, e]) => !e.synced)
    .map(([position, e]) => ({ position: Number(position), choice: e.choice, seq: e.seq }));
}

/** The answers to show: the server's, overridden by what this browser chose and has not yet sent. */
export function mergeAnswers(server: Record<number, number>, outbox: Outbox): Record<number, number> {
  const merged: Record<number, number> = { ...server };
  for (const [position, entry] of Object.entries(outbox.answers)) {
    if (!entry.synced) merged[Number(position)] = entry.choice;
  }
  return merged;
}
