/** Which figure a participation page shows: the whole contest (when it counts that way) or one round. */
export function PeriodSelect({
  scope,
  rounds,
  roundId,
}: {
  scope: "contest" | "round";
  rounds: { id: number; title: string }[];
  roundId: number | null;
}) {
  return (
    <div className="field">
      <label htmlFor="v">Tính theo</label>
      <select id="v" name="v" defaultValue={roundId || ""}>
        {scope === "contest" ? <option value="">Toàn cuộc thi</option> : null}
        {rounds.map((r) => (
          <option key={r.id} value={r.id}>
            {r.title}
          </option>
        ))}
      </select>
    </div>
  );
}
