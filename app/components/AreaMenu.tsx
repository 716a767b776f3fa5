import { Link, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

export type Areas = { organizer: boolean; unitHead: boolean; judge: boolean; index: boolean };

/**
 * The header's links to the work areas. On a wide screen they sit in the bar; on a phone (up to 7 links for
 * an organizer who also heads a unit) they fold behind a "Menu" button that opens them as a list, while the
 * inbox with its unread count stays in the bar. Escape closes the list and gives focus back to the button;
 * following a link closes it. Without JavaScript the list is simply shown (the noscript rule below).
 */
export function AreaMenu({ areas, unread }: { areas: Areas; unread: number }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const location = useLocation();
  useEffect(() => setOpen(false), [location.pathname, location.search]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  const links: [string, string][] = [
    ...(areas.organizer ? ([["/quan-tri", "Ban Tổ chức"]] as [string, string][]) : []),
    ...(areas.unitHead ? ([["/don-vi", "Đơn vị"]] as [string, string][]) : []),
    ...(areas.judge ? ([["/giam-khao", "Giám khảo"]] as [string, string][]) : []),
    ["/thi-dua", "Thi đua"],
    ...(areas.index ? ([["/chi-so-cchc", "Chỉ số CCHC"]] as [string, string][]) : []),
    ["/sang-kien-cong-nhan", "Sổ sáng kiến"],
  ];
  return (
    <>
      <div className="header-tools">
        <Link to="/thong-bao" className="inbox-link" aria-label={unread ? `Thông báo: ${unread} chưa đọc` : "Thông báo"}>
          Thông báo{unread ? <span className="badge"> {unread}</span> : null}
        </Link>
        <button ref={button} type="button" className="menu-button" aria-expanded={open} aria-controls="khu-vuc" onClick={() => setOpen((o) => !o)}>
          {open ? "Đóng" : "Menu"}
          <span className="sr-only"> khu vực làm việc</span>
        </button>
      </div>
      <nav id="khu-vuc" aria-label="Khu vực làm việc" className={`areas${open ? " open" : ""}`}>
        <noscript>
          <style>{".site-header .areas { display: block; } .menu-button { display: none; }"}</style>
        </noscript>
        <ul>
          {links.map(([to, label]) => (
            <li key={to}>
              <Link to={to} prefetch="none">
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
