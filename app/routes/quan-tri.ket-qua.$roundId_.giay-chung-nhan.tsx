import { DocumentHeading } from "~/components/OfficialHeader";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDuration } from "~/format";
import { certificatesPage } from "~/organizer/organizer.server";
import { requireRole } from "~/account/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Giấy chứng nhận: ${data.round.title}` : "Giấy chứng nhận" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  return certificatesPage(user, Number(params.roundId));
}

/** One A4 landscape certificate per prize winner of the round, ready to print on certificate paper. */
export default function Certificates() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      {/* Only this page prints landscape; every other page keeps the A4 portrait of the stylesheet. */}
      <style>{"@page { size: A4 landscape; margin: 10mm; }"}</style>
      <div className="no-print">
        <p>
          <Link to={`/quan-tri/ket-qua/${d.round.id}`}>← Kết quả {d.round.title}</Link>
        </p>
        <h1>Giấy chứng nhận: {d.round.title}</h1>
        <p className="muted">
          {d.winners.length} người đoạt giải; mỗi giấy một trang A4 khổ ngang. Chọn “In” rồi “Lưu thành PDF” nếu cần gửi tệp.
          {d.round.phase !== "closed" ? " Vòng thi chưa đóng: danh sách có thể còn thay đổi." : ""}
        </p>
        {d.winners.length ? (
          <p className="actions">
            <button type="button" className="primary" onClick={() => window.print()}>
              In giấy chứng nhận
            </button>
          </p>
        ) : (
          <p className="notice">Vòng thi chưa có người đoạt giải.</p>
        )}
      </div>
      {d.winners.map((w) => (
        <article key={w.userId} className="certificate" aria-label={`Giấy chứng nhận của ${w.fullName}`}>
          <DocumentHeading agency={d.agency} unitName="Ban Tổ chức cuộc thi" />
          <h2 className="cert-title">GIẤY CHỨNG NHẬN</h2>
          <p className="cert-lead">Ban Tổ chức {d.contest.title.replace(/^Cuộc thi/u, "cuộc thi")} chứng nhận</p>
          <p className="cert-name">{w.fullName}</p>
          {w.unitName ? <p className="cert-line">Đơn vị: {w.unitName}</p> : null}
          <p className="cert-prize">Đã đạt {w.prize}</p>
          <p className="cert-line">
            {d.round.title}
            {w.score !== null ? ` — ${w.score}/${d.round.questionCount} câu đúng, thời gian ${formatDuration(w.durationMs ?? 0)}` : ""}
          </p>
          <div className="cert-foot">
            <p className="doc-date">
              <em>{d.dateLine}</em>
            </p>
            <div className="doc-sign">
              <p>
                <strong>TM. BAN TỔ CHỨC</strong>
              </p>
              <p>
                <strong>TRƯỞNG BAN</strong>
              </p>
              <p className="doc-sign-note">
                <em>(Ký, đóng dấu)</em>
              </p>
            </div>
          </div>
        </article>
      ))}
    </>
  );
}
