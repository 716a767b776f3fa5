import { useState } from "react";
import { TaskProgress } from "~/components/TaskProgress";

/**
 * The progress of an export in the worker, then the link to its file once it is ready. labelOf names the link
 * from the finished task's result (for example with the count the worker wrote), without a reload.
 */
export function TaskDownload({ taskId, label, labelOf, href }: { taskId: number; label: string; labelOf?: (result: Record<string, unknown> | null) => string; href?: string }) {
  const [ready, setReady] = useState(false);
  const [text, setText] = useState(label);
  return (
    <div className="stack">
      <TaskProgress
        taskId={taskId}
        onDone={(task) => {
          if (task.status === "done" && labelOf) setText(labelOf(task.result));
          setReady(task.status === "done");
        }}
      />
      {ready ? (
        <p>
          <a href={href ?? `/quan-tri/tep/${taskId}`} download>
            {text}
          </a>
        </p>
      ) : null}
    </div>
  );
}
