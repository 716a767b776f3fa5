import { useEffect, useRef } from "react";

/**
 * The answer to a button, shown beside that button: on a phone the top of a long page is out of sight, so a
 * confirmation or a refusal printed there is never seen. The note is brought into view when a new answer arrives.
 */
export function ActionNote({ result }: { result: { ok: boolean; message: string } | null | undefined }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!result) return;
    // After the frame's layout, so that what the same answer changed above the note does not push it out again.
    const frame = requestAnimationFrame(() => ref.current?.scrollIntoView({ block: "nearest" }));
    return () => cancelAnimationFrame(frame);
  }, [result]);
  if (!result) return null;
  return (
    <p ref={ref} className={result.ok ? "notice ok-notice action-note" : "notice error action-note"} role="status">
      {result.message}
    </p>
  );
}
