import { useState } from "react";

/** Copies a text in one tap; says so in words (read out by screen readers), and falls back to a selected field. */
export function CopyButton({ text, label, className = "secondary", testId }: { text: string; label: string; className?: string; testId?: string }) {
  const [state, setState] = useState<"idle" | "done" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("done");
    } catch {
      // Clipboard access can be refused (older Zalo in-app browsers): the text stays shown to copy by hand.
      setState("failed");
    }
  }
  return (
    <span className="copy-button">
      <button type="button" className={className} onClick={copy} data-testid={testId}>
        {label}
      </button>
      <span role="status" className="muted">
        {state === "done" ? " Đã sao chép." : state === "failed" ? " Không sao chép được; hãy chọn và sao chép đoạn chữ bên dưới." : ""}
      </span>
    </span>
  );
}
