import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Autosave of a self-assessment: every change of a row is kept in localStorage with a rising seq until the
 * server acknowledges it, and resent on reconnect or reload, so nothing typed is lost on a dropped network.
 */
export type RowDraft = { declared: string | null; notApplicable: boolean; entered: string; explanation: string; links: string[] };
type Pending = RowDraft & { seq: number };
type Store = Record<number, Pending>;
export type SaveState = { state: "idle" | "saving" | "saved" | "offline" | "error"; message?: string; selfScore?: number | null };

const storageKey = (setId: number, unitId: number) => `cuocthi:index:${setId}:${unitId}`;

function load(key: string): Store {
  try {
    return JSON.parse(window.localStorage.getItem(key) ?? "{}") as Store;
  } catch {
    return {};
  }
}
function store(key: string, s: Store) {
  try {
    window.localStorage.setItem(key, JSON.stringify(s));
  } catch {
    // Storage disabled: saves still go to the server while online.
  }
}

export function useRowAutosave(setId: number, unitId: number, serverSeq: Record<number, number>) {
  const key = storageKey(setId, unitId);
  const [states, setStates] = useState<Record<number, SaveState>>({});
  const [pending, setPending] = useState<Store>({});
  const timers = useRef<Record<number, ReturnType<typeof setTimeout>>>({});
  const seqs = useRef<Record<number, number>>({ ...serverSeq });

  const send = useCallback(
    async (rowId: number, p: Pending) => {
      setStates((s) => ({ ...s, [rowId]: { state: "saving" } }));
      try {
        const res = await fetch("/chi-so-cchc/luu", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ setId, unitId, rowId, ...p, entered: p.entered === "" ? null : p.entered }),
        });
        const body = (await res.json()) as { ok: boolean; message?: string; selfScore?: number | null };
        const all = load(key);
        if (res.ok && body.ok) {
          if (all[rowId]?.seq === p.seq) delete all[rowId];
          store(key, all);
          setPending({ ...all });
          setStates((s) => ({ ...s, [rowId]: { state: "saved", selfScore: body.selfScore } }));
        } else if (res.status === 401) {
          // Signed out (the session ended): the text stays in this browser and goes again after the next login.
          setStates((s) => ({ ...s, [rowId]: { state: "error", message: body.message ?? "Phiên đăng nhập đã hết." } }));
        } else if (res.status >= 400 && res.status < 500) {
          // Refused: the server will never take this version; keep the text on screen, say why.
          if (all[rowId]?.seq === p.seq) delete all[rowId];
          store(key, all);
          setPending({ ...all });
          setStates((s) => ({ ...s, [rowId]: { state: "error", message: body.message ?? "Không lưu được." } }));
        } else setStates((s) => ({ ...s, [rowId]: { state: "offline" } }));
      } catch {
        setStates((s) => ({ ...s, [rowId]: { state: "offline" } }));
      }
    },
    [key, setId, unitId],
  );

  const flush = useCallback(() => {
    const all = load(key);
    for (const [rowId, p] of Object.entries(all)) void send(Number(rowId), p);
  }, [key, send]);

  useEffect(() => {
    const all = load(key);
    for (const [rowId, p] of Object.entries(all)) seqs.current[Number(rowId)] = Math.max(seqs.current[Number(rowId)] ?? 0, p.seq);
    setPending(all);
    flush();
    const online = () => flush();
    window.addEventListener("online", online);
    const retry = setInterval(() => {
      if (Object.keys(load(key)).length) flush();
    }, 15_000);
    return () => {
      window.removeEventListener("online", online);
      clearInterval(retry);
    };
  }, [key, flush]);

  const change = useCallback(
    (rowId: number, draft: RowDraft) => {
      const seq = (seqs.current[rowId] ?? 0) + 1;
      seqs.current[rowId] = seq;
      const all = load(key);
      all[rowId] = { ...draft, seq };
      store(key, all);
      setPending({ ...all });
      setStates((s) => ({ ...s, [rowId]: { state: "saving" } }));
      clearTimeout(timers.current[rowId]);
      timers.current[rowId] = setTimeout(() => void send(rowId, all[rowId]), 700);
    },
    [key, send],
  );

  return { states, pending, change };
}
