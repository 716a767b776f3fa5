import { Link } from "@remix-run/react";

/** The movement editor's trail: the movements list, then any pages between, then this page (not a link). */
export function EditorCrumbs({ between = [], current }: { between?: { to: string; label: string }[]; current: string }) {
  return (
    <nav aria-label="Đường dẫn" className="crumbs">
      <ol>
        <li>
          <Link to="/quan-tri/thi-dua">Phong trào thi đua</Link>
        </li>
        {between.map((b) => (
          <li key={b.to}>
            <Link to={b.to}>{b.label}</Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}

/** What the editor's last action said: a plain message (a removal, a refusal) or the saved form's confirmation. */
export function EditorNotice({ result, saved }: { result: { kind: string; ok?: boolean; message?: string } | undefined; saved: string | null }) {
  return result?.kind === "message" ? (
    <p role={result.ok ? "status" : "alert"} className={result.ok ? "notice ok-notice" : "notice error"}>
      {result.message}
    </p>
  ) : saved ? (
    <p role="status" className="notice ok-notice">
      {saved}
    </p>
  ) : null;
}
