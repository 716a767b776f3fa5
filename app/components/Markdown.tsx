import ReactMarkdown from "react-markdown";

/** Organizer-written Markdown: raw HTML in it is not rendered, so it shows as text. */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml={false} disallowedElements={["img", "script", "iframe"]} unwrapDisallowed>
        {children}
      </ReactMarkdown>
    </div>
  );
}
