import { useState } from "react";
import { TaskProgress } from "~/components/TaskProgress";

/** The progress of an export in the worker, then the link to its file once it is ready. */
export function TaskDownload({ taskId, label, href }: { taskId: number; label: string; href?: string }) {
  const [ready, setReady] = useState(false);
  return (
    <div className="stack">
      <TaskProgress taskId={taskId} onDone={(task) => setReady(task.status === "done")} />
      {ready ? (
        <p>
          <a href={href ?? `/quan-tri/tep/${taskId}`} download>
            {label}
          </a>
        </p>
      ) : null}
    </div>
  );
}
