import { useCallback, useEffect, useRef, useState } from "react";

type Item = { source: "register" | "archive"; title: string; unit: string; year: number | null; state: string; percent: number };
type Status = { kind: "idle" } | { kind: "checking" } | { kind: "done"; items: Item[] } | { kind: "error"; message: string };

const DEBOUNCE_MS = 600;
const MIN_CHARS = 12;
const SOURCE = { register: "Sổ sáng kiến", archive: "Kho sáng kiến" } as const;

/**
 * The duplicate-idea check while the author writes (before the first save): a debounced POST of the title
 * and summary to the resource route; a short, polite announcement and the closest initiatives below it.
 * `watch` names the fields read from the enclosing form.
 */
export function useLiveSimilar(watch: string[]) {
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const inflight = useRef<AbortController>();
  const last = useRef("");

  const check = useCallback(async (form: HTMLFormElement) => {
    const value = (name: string) => String(new FormData(form).get(name) ?? "").trim();
    const title = value(watch[0]);
    const summary = watch.slice(1).map(value).filter(Boolean).join("\n");
    const key = `${title}\n${summary}`;
    if (key === last.current) return;
    last.current = key;
    inflight.current?.abort();
    if (key.trim().length < MIN_CHARS) return setStatus({ kind: "idle" });
    const ctl = new AbortController();
    inflight.current = ctl;
    setStatus({ kind: "checking" });
    try {
      const res = await fetch("/sang-kien-cong-nhan/tuong-tu", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ title, summary }), signal: ctl.signal });
      const body = (await res.json()) as { items: Item[]; error: string | null };
      if (ctl.signal.aborted) return;
      setStatus(body.error ? { kind: "error", message: body.error } : { kind: "done", items: body.items });
    } catch (err) {
      if (ctl.signal.aborted) return;
      last.current = "";
      setStatus({ kind: "error", message: "Chưa kiểm tra được trùng lặp (mất kết nối). Hệ thống vẫn kiểm tra khi lưu đơn." });
      void err;
    }
  }, [watch]);

  const onInput = useCallback(
    (e: React.FormEvent<HTMLFormElement>) => {
      const target = e.target as HTMLInputElement;
      if (!watch.includes(target.name)) return;
      const form = e.currentTarget;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void check(form), DEBOUNCE_MS);
    },
    [check, watch],
  );
  useEffect(() => () => {
    clearTimeout(timer.current);
    inflight.current?.abort();
  }, []);
  return { status, onInput };
}

export function LiveSimilarPanel({ status }: { status: Status }) {
  const items = status.kind === "done" ? status.items : [];
  const said =
    status.kind === "checking"
      ? "Đang tìm sáng kiến có nội dung gần giống…"
      : status.kind === "error"
        ? status.message
        : status.kind === "done"
          ? items.length
            ? `Có ${items.length} sáng kiến có nội dung gần giống (gần nhất trước). Nếu trùng ý tưởng, hãy nêu rõ điểm mới trong đơn.`
            : "Chưa thấy sáng kiến nào có nội dung gần giống."
          : "";
  return (
    <div className="live-similar" aria-labelledby="live-similar-h">
      <p id="live-similar-h" className="muted small">
        Kiểm tra trùng lặp: khi bạn nhập tên và nội dung, hệ thống tìm sáng kiến gần giống trong sổ và kho sáng kiến.
      </p>
      <p role="status" aria-live="polite" className={status.kind === "error" ? "form-error" : status.kind === "done" && items.length ? "" : "muted"}>
        {said}
      </p>
      {items.length ? (
        <ul className="plain-list" data-testid="live-similar">
          {items.map((s, i) => (
            <li key={`${s.source}-${i}`}>
              <strong>{s.title}</strong>
              <br />
              <span className="muted">
                {SOURCE[s.source]} · {s.unit}
                {s.year ? ` · năm ${s.year}` : ""} · {s.state} · trùng {s.percent}% từ ngữ
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
