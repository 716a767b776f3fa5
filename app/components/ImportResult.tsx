import { Form } from "@remix-run/react";

type ImportError = { row: number; column: string; message: string };
type Preview = { taskId: number; kind: "units" | "roster"; unitName?: string; count: number; sample: string[][]; note: string };

const headers = {
  units: ["Mã", "Tên", "Mã đơn vị cấp trên", "Loại", "Biên chế"],
  roster: ["Họ tên", "Ngày sinh", "Số điện thoại", "CCCD", "Chức vụ"],
};

/** What an import action answers: every error by row and column, or a preview to confirm. */
export function ImportResult({ result, confirmIntent }: { result: { ok: boolean; message: string; errors?: ImportError[]; preview?: Preview } | undefined; confirmIntent: string }) {
  if (!result) return null;
  return (
    <div className="import-result">
      <p className={result.ok ? "notice" : "notice error"} role={result.ok ? "status" : "alert"}>
        {result.message}
      </p>
      {result.errors?.length ? (
        <ul className="import-errors">
          {result.errors.slice(0, 200).map((e, i) => (
            <li key={i}>
              Dòng {e.row}, cột “{e.column}”: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {result.preview ? (
        <>
          <p>
            {result.preview.count} dòng. {result.preview.note}
          </p>
          <div className="table-wrap">
            <table className="data">
              <caption className="sr-only">Xem trước 10 dòng đầu</caption>
              <thead>
                <tr>
                  {headers[result.preview.kind].map((h) => (
                    <th scope="col" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.preview.sample.map((r, i) => (
                  <tr key={i}>
                    {r.map((c, j) => (
                      <td key={j}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Form method="post">
            <input type="hidden" name="intent" value={confirmIntent} />
            <input type="hidden" name="taskId" value={result.preview.taskId} />
            <button type="submit" className="primary">
              Xác nhận nhập {result.preview.count} dòng
            </button>
          </Form>
        </>
      ) : null}
    </div>
  );
}
