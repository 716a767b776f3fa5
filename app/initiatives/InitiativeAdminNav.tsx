import { NavLink } from "@remix-run/react";

/** The three pages of the organizers' initiative area, for one round. */
export function InitiativeAdminNav({ roundId, rounds }: { roundId: number; rounds: { id: number; title: string }[] }) {
  const q = `?vong=${roundId}`;
  return (
    <>
      {rounds.length > 1 ? (
        <form method="get" className="inline-form">
          <label htmlFor="round-pick">Vòng thi</label>{" "}
          <select id="round-pick" name="vong" defaultValue={roundId}>
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>{" "}
          <button type="submit" className="secondary">
            Xem
          </button>
        </form>
      ) : null}
      <nav aria-label="Sáng kiến" className="sub-nav">
        <NavLink to={`/quan-tri/sang-kien${q}`} end>
          Bài dự thi
        </NavLink>
        <NavLink to={`/quan-tri/sang-kien/cai-dat${q}`}>Tiêu chí, giám khảo, cài đặt</NavLink>
        <NavLink to={`/quan-tri/sang-kien/xep-hang${q}`}>Xếp hạng, giải thưởng</NavLink>
      </nav>
    </>
  );
}
