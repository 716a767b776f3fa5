import { useEffect, useState } from "react";
import { CopyButton } from "~/components/CopyButton";

/**
 * Share a page: on a phone the system share sheet (Web Share API: Zalo, Messenger, SMS…), a Facebook
 * sharer link, and copying the address (what a Zalo group message needs). Only links to the two sites:
 * no script of theirs runs here.
 */
export function ShareLinks({ url, title, label = "Chia sẻ", idPrefix }: { url: string; title: string; label?: string; idPrefix: string }) {
  // The share sheet exists only in the browser, so it appears after hydration (same markup on both sides first).
  const [canShare, setCanShare] = useState(false);
  useEffect(() => setCanShare(typeof navigator !== "undefined" && typeof navigator.share === "function"), []);
  return (
    <div className="share-links" role="group" aria-labelledby={`${idPrefix}-share`}>
      <span id={`${idPrefix}-share`} className="share-label">
        {label}:
      </span>
      {canShare ? (
        <button type="button" className="secondary" onClick={() => navigator.share({ title, url }).catch(() => undefined)}>
          Chia sẻ qua Zalo, Messenger…
        </button>
      ) : null}
      <a className="share-fb" href={`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`} target="_blank" rel="noopener noreferrer">
        Facebook<span className="sr-only"> (mở cửa sổ mới)</span>
      </a>
      <CopyButton text={url} label="Sao chép liên kết" testId={`${idPrefix}-copy`} />
    </div>
  );
}
