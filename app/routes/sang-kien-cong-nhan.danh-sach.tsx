import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { scopeText } from "~/core/initiative-register/rules";
import { getDb } from "~/db.server";
import { formatIsoDate } from "~/initiative-register/RequestForm";
import { publicRegister } from "~/initiative-register/register.server";
import { registerFilterSchema } from "~/initiative-register/schemas";

export const meta: MetaFunction = () => [{ title: "Sáng kiến đã được công nhận" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const f = registerFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { year: f.year ?? null, items: publicRegister(getDb(), { year: f.year }) };
}

export default function PublicRegister() {
  const { items, year } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Sáng kiến đã được công nhận</h1>
      <p className="muted">
        Các sáng kiến được Hội đồng sáng kiến công nhận và tác giả đồng ý công khai. Xem thêm <Link to="/thu-vien-sang-kien">thư viện bài dự thi sáng kiến</Link>.
      </p>
      <Form method="get" className="inline">
        <label htmlFor="year">Năm</label> <input id="year" name="year" inputMode="numeric" defaultValue={year ?? ""} size={6} />{" "}
        <button type="submit" className="secondary">
          Lọc
        </button>
      </Form>
      {items.length === 0 ? <p className="muted">Chưa có sáng kiến nào được công khai.</p> : null}
      <ul className="plain">
        {items.map((r) => (
          <li key={r.id} className="card">
            <h2>{r.title}</h2>
            <p>
              {r.unitName} · {r.field}
            </p>
            <p>
              Quyết định {r.decisionNumber} ngày {formatIsoDate(r.decisionDate)} · phạm vi {r.decidedScope ? scopeText[r.decidedScope] : ""} · {r.appliedUnits} đơn vị khác áp dụng
            </p>
            <p>
              <Link to={`/sang-kien-cong-nhan/ap-dung/${r.id}`}>Đơn vị tôi áp dụng sáng kiến này</Link>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
