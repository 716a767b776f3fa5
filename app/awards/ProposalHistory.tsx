import { formatDateTime } from "~/format";

/** A proposal's route so far (who moved it, where, why), folded: shown to the unit and to the organizer alike. */
export function ProposalHistory({ events }: { events: { at: number; to: string; level: string | null; by: string | null; reason: string | null }[] }) {
  if (!events.length) return null;
  return (
    <details>
      <summary>Quá trình xử lý</summary>
      <ol>
        {events.map((e, i) => (
          <li key={i}>
            {formatDateTime(e.at)}: {e.to} ({e.level}){e.by ? `, ${e.by}` : ""}
            {e.reason ? ` — ${e.reason}` : ""}
          </li>
        ))}
      </ol>
    </details>
  );
}
