/** A list of awards as a history (hồ sơ thành tích): year, form, decision number and date, issuer. */
export function AwardsList({ awards, showName = false }: { awards: { id: number; year: number; title: string; name: string; number: string; date: string; issuingBody: string; achievement: string }[]; showName?: boolean }) {
  if (awards.length === 0) return <p>Chưa có khen thưởng nào được ghi nhận trên hệ thống.</p>;
  return (
    <ul>
      {awards.map((a) => (
        <li key={a.id}>
          <strong>
            {a.year}: {a.title}
          </strong>
          {showName ? ` — ${a.name}` : ""}
          <br />
          Quyết định số {a.number} ngày {a.date.split("-").reverse().join("/")} của {a.issuingBody}. {a.achievement}
        </li>
      ))}
    </ul>
  );
}
