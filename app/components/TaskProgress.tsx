import { useEffect, useState } from "react";

type Task = {
  id: number;
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  total: number;
  result: Record<string, unknown> | null;
  error: string | null;
};

const statusText = { queued: "Đang chờ xử lý…", running: "Đang xử lý…", done: "Đã xong.", failed: "Không thành công." } as const;

/** A progress bar for a worker's task; calls onDone once with the finished task. */
export function TaskProgress({ taskId, onDone }: { taskId: number; onDone?: (task: Task) => void }) {
  const [task, setTask] = useState<Task | null>(null);
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const res = await fetch(`/tac-vu/${taskId}`, { credentials: "same-origin" });
        if (res.ok) {
          const t = (await res.json()) as Task;
          if (stopped) return;
          setTask(t);
          if (t.status === "done" || t.status === "failed") {
            onDone?.(t);
            return;
          }
        }
      } catch {
        // The network dropped: try again on the next tick.
      }
      if (!stopped) setTimeout(poll, 700);
    };
    void poll();
    return () => {
      stopped = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [taskId]);
  const pct = task && task.total > 0 ? Math.round((task.progress / task.total) * 100) : 0;
  return (
    <div className="task-progress">
      <label htmlFor={`task-${taskId}`}>{task ? statusText[task.status] : "Đang chờ xử lý…"}</label>
      <progress id={`task-${taskId}`} max={100} value={task?.status === "done" ? 100 : pct}>
        {pct}%
      </progress>
      {task?.status === "failed" && task.error ? (
        <p className="form-error" role="alert">
          {task.error}
        </p>
      ) : null}
    </div>
  );
}
