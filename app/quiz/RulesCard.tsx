import { Link } from "@remix-run/react";
import { telHref } from "~/core/quiz/contest-info";
import { Markdown } from "../components/Markdown";

type Rules = {
  id: number;
  rulesMd: string;
  organizerName: string;
  contactPhone: string;
  contactEmail: string;
  prizes: { round: string; summary: string }[];
  outline: string[];
};

function RulesBody({ rules }: { rules: Rules }) {
  const tel = telHref(rules.contactPhone);
  return (
    <>
      <Markdown>{rules.rulesMd}</Markdown>
      {rules.prizes.length ? (
        <>
          <h3>Giải thưởng</h3>
          <ul>
            {rules.prizes.map((p) => (
              <li key={p.round}>
                {p.round}: {p.summary}.
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {rules.organizerName || rules.contactPhone || rules.contactEmail ? (
        <>
          <h3>Ban Tổ chức và liên hệ</h3>
          <dl className="facts">
            {rules.organizerName ? (
              <>
                <dt>Đơn vị tổ chức</dt>
                <dd>{rules.organizerName}</dd>
              </>
            ) : null}
            {rules.contactPhone ? (
              <>
                <dt>Đường dây nóng</dt>
                <dd>{tel ? <a href={tel}>{rules.contactPhone}</a> : rules.contactPhone}</dd>
              </>
            ) : null}
            {rules.contactEmail ? (
              <>
                <dt>Thư điện tử</dt>
                <dd>
                  <a href={`mailto:${rules.contactEmail}`}>{rules.contactEmail}</a>
                </dd>
              </>
            ) : null}
          </dl>
        </>
      ) : null}
    </>
  );
}

/**
 * The rules folded to a summary: a heading, a line of what is inside, and a "Xem thể lệ" toggle, so the
 * folded card never looks empty. `open` shows everything (the rules page).
 */
export function RulesCard({ rules, open = false }: { rules: Rules; open?: boolean }) {
  return (
    <section className="card contest-rules" aria-labelledby={`the-le-${rules.id}`} id="the-le">
      <h2 id={`the-le-${rules.id}`}>Thể lệ cuộc thi</h2>
      {rules.outline.length ? <p className="hint">Gồm: {rules.outline.join(" · ")}.</p> : null}
      {open ? (
        <RulesBody rules={rules} />
      ) : (
        <details>
          <summary>Xem thể lệ</summary>
          <RulesBody rules={rules} />
          <p>
            <Link to={`/the-le/${rules.id}`}>Mở thể lệ thành trang riêng (để in hoặc chia sẻ)</Link>
          </p>
        </details>
      )}
    </section>
  );
}

/** A short notice above a contest (the demo says it replays the 2023 contest). */
export function ContestNotice({ text }: { text: string }) {
  if (!text) return null;
  return (
    <p className="notice contest-notice" role="note" data-testid="contest-notice">
      {text}
    </p>
  );
}
