/**
 * The header of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, mẫu văn bản): the agency on
 * the left, the national motto on the right, each underlined, then the place and date line in italics.
 */
export function OfficialHeader({ agency, unitName, dateLine }: { agency: string | null; unitName: string; dateLine: string }) {
  return (
    <>
      <DocumentHeading agency={agency} unitName={unitName} />
      <p className="doc-date">
        <em>{dateLine}</em>
      </p>
    </>
  );
}

/** The two columns alone: the issuing body (and the body above it) left, Quốc hiệu and tiêu ngữ right. */
export function DocumentHeading({ agency, unitName }: { agency: string | null; unitName: string }) {
  return (
    <div className="doc-header">
      <div className="doc-agency">
        {agency ? <p>{agency}</p> : null}
        <p>
          <strong>{unitName.toLocaleUpperCase("vi")}</strong>
        </p>
        <hr />
      </div>
      <div className="doc-nation">
        <p>
          <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
        </p>
        <p>
          <strong>Độc lập - Tự do - Hạnh phúc</strong>
        </p>
        <hr />
      </div>
    </div>
  );
}
