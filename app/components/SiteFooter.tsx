import { Link } from "@remix-run/react";
import { telHref } from "~/core/quiz/contest-info";

export type FooterInfo = { contestId: number; organizerName: string; contactPhone: string; contactEmail: string } | null;

/** Every page ends with who runs the contest, how to reach them, and the rules. */
export function SiteFooter({ info }: { info: FooterInfo }) {
  if (!info) return null;
  const tel = telHref(info.contactPhone);
  return (
    <footer className="site-footer" data-testid="site-footer">
      {info.organizerName ? (
        <p>
          <span className="label">Ban Tổ chức:</span> {info.organizerName}
        </p>
      ) : null}
      {info.contactPhone ? (
        <p>
          <span className="label">Đường dây nóng:</span> {tel ? <a href={tel}>{info.contactPhone}</a> : info.contactPhone}
        </p>
      ) : null}
      {info.contactEmail ? (
        <p>
          <span className="label">Thư điện tử:</span> <a href={`mailto:${info.contactEmail}`}>{info.contactEmail}</a>
        </p>
      ) : null}
      <p>
        <Link to={`/the-le/${info.contestId}`}>Thể lệ cuộc thi</Link>
      </p>
    </footer>
  );
}
