import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/account/session.server";
import { certificates } from "~/awards/decisions.server";
import { idParam } from "~/awards/http.server";
import { MOTTO, NATIONAL_TITLE, certificateNoun, placeDate } from "~/core/awards/admin-text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `In ${certificateNoun(data?.awards[0]?.title).lower}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const movementId = idParam(params.movementId);
  return { movementId, ...certificates(user, movementId, idParam(params.decisionId, "Không tìm thấy quyết định.")) };
}

// A4 landscape, one awardee per sheet; on a pre-printed blank only the filled-in text prints, moved by the offsets.
const PRINT_CSS = `
.certificate { width: 297mm; height: 210mm; box-sizing: border-box; padding: 18mm 22mm; margin: 0 auto 1rem; background: #fff;
  border: 1px solid var(--line, #ccc); font-family: "Times New Roman", serif; color: #000; text-align: center; position: relative; overflow: hidden; }
.certificate .inner { position: relative; height: 100%; }
.certificate .nation { font-weight: bold; font-size: 15pt; margin: 0; }
.certificate .motto { font-weight: bold; text-decoration: underline; font-size: 15pt; margin: 0 0 8mm; }
.certificate .authority { font-size: 17pt; font-weight: bold; text-transform: uppercase; margin: 0 0 2mm; }
.certificate .form { font-size: 34pt; font-weight: bold; color: #b00000; margin: 4mm 0; text-transform: uppercase; }
.certificate .name { font-size: 24pt; font-weight: bold; margin: 4mm 0 2mm; }
.certificate .unit { font-size: 15pt; margin: 0 0 4mm; }
.certificate .why { font-size: 15pt; font-style: italic; margin: 0 18mm 6mm; }
.certificate .foot { position: absolute; bottom: 0; left: 0; right: 0; display: flex; justify-content: space-between; font-size: 12pt; text-align: center; }
.certificate .sign { width: 45%; }
.certificate.blank .printed { visibility: hidden; }
.cert-wrap { overflow-x: auto; }
/* On screen a whole sheet is shown at a glance; the print is full size. */
@media screen { .certificate { zoom: 0.55; } }
@media screen and (max-width: 700px) { .certificate { zoom: 0.3; } }
@media print {
  @page { size: A4 landscape; margin: 0; }
  body * { visibility: hidden; }
  .cert-print, .cert-print * { visibility: visible; }
  .cert-print { position: absolute; left: 0; top: 0; }
  .certificate { border: 0; margin: 0; page-break-after: always; break-after: page; }
  .certificate.blank .printed { visibility: hidden; }
}`;

export default function Certificates() {
  const d = useLoaderData<typeof loader>();
  const dateLine = placeDate(d.layout.place, d.decision.date);
  const noun = certificateNoun(d.awards[0]?.title);
  return (
    <article>
      <style>{PRINT_CSS}</style>
      <p>
        <Link to={`/quan-tri/khen-thuong/${d.movementId}`}>← Khen thưởng</Link>
      </p>
      <h1>In {noun.lower} theo Quyết định số {d.decision.number}</h1>
      <p className="muted">
        {d.awards.length} {noun.lower === "bằng khen" ? "bằng" : "giấy"}, khổ A4 ngang. Độ lệch so với phôi: ngang {d.layout.offsetX} mm, dọc {d.layout.offsetY} mm
        {d.layout.blank ? "; chỉ in phần chữ điền trên phôi in sẵn" : ""} (đổi trong phần cài đặt của trang Khen thưởng).
      </p>
      <p>
        <button type="button" className="primary" onClick={() => window.print()}>
          In {noun.lower}
        </button>
      </p>
      <div className="cert-wrap" tabIndex={0} role="region" aria-label={`Bản xem trước ${noun.lower}`}>
        <div className="cert-print">
          {d.awards.map((a) => (
            <section key={a.id} className={d.layout.blank ? "certificate blank" : "certificate"} aria-label={`${noun.title}: ${a.name}`}>
              <div className="inner" style={{ transform: `translate(${d.layout.offsetX}mm, ${d.layout.offsetY}mm)` }}>
                <p className="nation printed">{NATIONAL_TITLE}</p>
                <p className="motto printed">{MOTTO}</p>
                <p className="authority printed">
                  {d.decision.signerTitle} {d.decision.issuingBody}
                </p>
                <p className="form printed">{a.title.startsWith("Giấy khen") ? "Giấy khen" : a.title.startsWith("Bằng khen") ? "Bằng khen" : a.title}</p>
                <p className="printed">{a.target === "collective" ? "Tặng tập thể" : "Tặng"}</p>
                <p className="name">{a.name}</p>
                <p className="unit">{a.target === "individual" ? [a.position, a.unit].filter(Boolean).join(", ") : null}</p>
                <p className="why">{a.achievement}</p>
                <div className="foot">
                  <p className="sign">
                    Quyết định số {d.decision.number}
                    <br />
                    Số sổ vàng: ……
                  </p>
                  <p className="sign">
                    <em>{dateLine}</em>
                    <br />
                    <strong className="printed">{d.decision.signerTitle}</strong>
                    <br />
                    <br />
                    <br />
                    <strong>{d.decision.signerName}</strong>
                  </p>
                </div>
              </div>
            </section>
          ))}
        </div>
      </div>
    </article>
  );
}
