import { Link } from "@remix-run/react";
import { formatDateTime } from "~/format";

export type Place = {
  contestId: number;
  rank: number;
  sharedWith: number;
  ranked: number;
  prize: string | null;
  prizeTied: boolean;
  provisional: boolean;
};

/** "Hạng 3" or "Đồng hạng 3": ties keep the same place, as the contest rules rank them. */
export function placeText(rank: number, sharedWith: number): string {
  return sharedWith > 0 ? `Đồng hạng ${rank}` : `Hạng ${rank}`;
}

/** A participant's place and prize in a round, when the round's setting lets them see it. */
export function PlaceFacts({ place }: { place: Place }) {
  return (
    <div className="place">
      <dl className="facts">
        <dt>Thứ hạng của bạn</dt>
        <dd>
          <strong>{placeText(place.rank, place.sharedWith)}</strong> trong {place.ranked} người
          {place.sharedWith > 0 ? ` (cùng hạng với ${place.sharedWith} người khác)` : ""}
        </dd>
        <dt>Giải thưởng</dt>
        <dd>
          {place.prize ? <strong>{place.prize}</strong> : "Chưa đạt giải"}
          {place.prize && place.prizeTied ? " (có người đồng hạng ở ngưỡng giải; Ban Tổ chức sẽ xét và thông báo)" : ""}
        </dd>
      </dl>
      {place.provisional ? (
        <p className="muted">Thứ hạng tạm thời: vòng thi còn mở nên có thể thay đổi đến khi đóng.</p>
      ) : null}
      <p>
        <Link to={`/ket-qua-cuoc-thi/${place.contestId}`}>Xem danh sách đạt giải</Link>
      </p>
    </div>
  );
}

/** Says when the place will be shown, while the round's setting still hides it. */
export function RankPending({
  policy,
  closesAt,
  closed,
}: {
  policy: "live" | "after_close" | "withheld";
  closesAt: number;
  closed: boolean;
}) {
  if (policy === "withheld" || (policy === "after_close" && closed))
    return <p className="muted">Thứ hạng và giải thưởng sẽ được Ban Tổ chức công bố.</p>;
  if (policy === "after_close") return <p className="muted">Thứ hạng và giải thưởng được công bố sau khi vòng thi đóng ({formatDateTime(closesAt)}).</p>;
  return null;
}
