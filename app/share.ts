import type { MetaDescriptor } from "@remix-run/node";

/**
 * The Open Graph and share data of a public page, built in its loader from the public origin (so previews
 * on Zalo and Facebook show the right address) and turned into meta tags by the route's `meta`.
 */
export type ShareData = { url: string; title: string; description: string; image: string };

export function shareMeta(s: ShareData | undefined): MetaDescriptor[] {
  if (!s) return [];
  return [
    { name: "description", content: s.description },
    { property: "og:type", content: "website" },
    { property: "og:locale", content: "vi_VN" },
    { property: "og:title", content: s.title },
    { property: "og:description", content: s.description },
    { property: "og:url", content: s.url },
    { property: "og:image", content: s.image },
    { property: "og:image:width", content: "1200" },
    { property: "og:image:height", content: "630" },
    { name: "twitter:card", content: "summary_large_image" },
  ];
}

/** Shortens a description to what a preview shows, at a word boundary. */
export function previewText(text: string, max = 180): string {
  const plain = text.replace(/[#*_>`[\]()]/g, "").replace(/\s+/g, " ").trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : max)}…`;
}
