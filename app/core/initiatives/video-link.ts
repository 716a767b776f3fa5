/**
 * Video links of initiative entries: parsed, normalized and keyed, so that the gallery can embed the
 * video (when the link names one) and the same video cannot be entered twice under two link shapes.
 * Pure: no I/O. Seed 003 lets entrants post on a video platform or on their own unit's website.
 */

export type VideoProvider = "youtube" | "facebook" | "tiktok" | "vimeo" | "drive" | "govvn";

export const VIDEO_PROVIDERS: readonly VideoProvider[] = ["youtube", "facebook", "tiktok", "vimeo", "drive", "govvn"];

export const providerNames: Record<VideoProvider, string> = {
  youtube: "YouTube",
  facebook: "Facebook",
  tiktok: "TikTok",
  vimeo: "Vimeo",
  drive: "Google Drive",
  govvn: "Trang thông tin điện tử của đơn vị (.gov.vn)",
};

export type VideoLinkPolicy = {
  providers: readonly VideoProvider[];
  /** Host suffixes accepted as a unit's own website. */
  govSuffixes: readonly string[];
};

export const DEFAULT_VIDEO_POLICY: VideoLinkPolicy = { providers: VIDEO_PROVIDERS, govSuffixes: [".gov.vn"] };

export type ParsedVideo = {
  provider: VideoProvider;
  /** The platform's id of the video, where the link carries one. */
  videoId: string | null;
  canonicalUrl: string;
  /** Two links to the same video share this key. */
  dedupeKey: string;
  /** What the gallery loads after the viewer presses play; null: the gallery links out instead. */
  embedUrl: string | null;
};

export type VideoLinkResult = { ok: true; video: ParsedVideo } | { ok: false; message: string };

export const videoLinkMessages = {
  empty: "Vui lòng nhập đường link video.",
  notUrl: "Đường link không hợp lệ. Hãy sao chép nguyên địa chỉ của video, ví dụ https://www.youtube.com/watch?v=…",
  scheme: "Đường link phải bắt đầu bằng http:// hoặc https://.",
  youtube: "Đường link YouTube phải trỏ tới một video cụ thể (không phải kênh, danh sách phát hay trang tìm kiếm).",
  facebook: "Đường link Facebook phải trỏ tới một video hoặc reel cụ thể.",
  tiktok: "Đường link TikTok phải trỏ tới một video cụ thể.",
  vimeo: "Đường link Vimeo phải trỏ tới một video cụ thể.",
  drive: "Đường link Google Drive phải trỏ tới một tệp video (không phải thư mục), và tệp cần được chia sẻ công khai.",
  govvn: "Đường link trang của đơn vị phải trỏ tới trang đăng video, không phải trang chủ.",
  credentials: "Đường link không được chứa tên đăng nhập hay mật khẩu.",
} as const;

function refused(provider: VideoProvider | null, policy: VideoLinkPolicy): string {
  const names = policy.providers.map((p) => providerNames[p]).join(", ");
  const what = provider ? `Ban Tổ chức không nhận video từ ${providerNames[provider]} trong vòng thi này.` : "Trang này không nằm trong danh sách nơi đăng video được chấp nhận.";
  return `${what} Nơi đăng video được nhận: ${names}.`;
}

const YT_ID = /^[A-Za-z0-9_-]{11}$/;
const DIGITS = /^\d{5,25}$/;

function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/\.$/, "");
}

function stripPrefix(host: string, prefixes: string[]): string {
  for (const p of prefixes) if (host.startsWith(p)) return host.slice(p.length);
  return host;
}

function segments(url: URL): string[] {
  return url.pathname.split("/").filter(Boolean).map((s) => decodeURIComponentSafe(s));
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function youtube(url: URL, host: string): VideoLinkResult | null {
  const base = stripPrefix(host, ["www.", "m.", "music."]);
  let id: string | null = null;
  if (base === "youtu.be") {
    id = segments(url)[0] ?? null;
  } else if (base === "youtube.com" || base === "youtube-nocookie.com") {
    const seg = segments(url);
    if (seg[0] === "watch") id = url.searchParams.get("v");
    else if (["shorts", "embed", "live", "v", "e"].includes(seg[0] ?? "")) id = seg[1] ?? null;
    else if (seg[0] === "attribution_link") {
      const inner = url.searchParams.get("u");
      id = inner ? new URL(inner, "https://www.youtube.com").searchParams.get("v") : null;
    }
  } else {
    return null;
  }
  if (!id || !YT_ID.test(id)) return { ok: false, message: videoLinkMessages.youtube };
  return {
    ok: true,
    video: {
      provider: "youtube",
      videoId: id,
      canonicalUrl: `https://www.youtube.com/watch?v=${id}`,
      dedupeKey: `youtube:${id}`,
      embedUrl: `https://www.youtube-nocookie.com/embed/${id}?autoplay=1&rel=0`,
    },
  };
}

function facebook(url: URL, host: string): VideoLinkResult | null {
  if (host === "fb.watch" || host === "www.fb.watch") {
    const code = segments(url)[0];
    if (!code || !/^[A-Za-z0-9_-]{4,20}$/.test(code)) return { ok: false, message: videoLinkMessages.facebook };
    return {
      ok: true,
      video: { provider: "facebook", videoId: null, canonicalUrl: `https://fb.watch/${code}/`, dedupeKey: `facebook-short:${code}`, embedUrl: null },
    };
  }
  const base = stripPrefix(host, ["www.", "m.", "web.", "mobile.", "mbasic."]);
  if (base !== "facebook.com" && base !== "fb.com") return null;
  const seg = segments(url);
  let id: string | null = null;
  let shape: "video" | "reel" = "video";
  if (seg[0] === "watch" || seg[0] === "video.php") id = url.searchParams.get("v");
  else if (seg[0] === "reel" || seg[0] === "reels") {
    id = seg[1] ?? null;
    shape = "reel";
  } else if (seg[0] === "share" && (seg[1] === "v" || seg[1] === "r") && seg[2] && /^[A-Za-z0-9_-]{6,30}$/.test(seg[2])) {
    const canonicalUrl = `https://www.facebook.com/share/${seg[1]}/${seg[2]}/`;
    return { ok: true, video: { provider: "facebook", videoId: null, canonicalUrl, dedupeKey: `facebook-share:${seg[2]}`, embedUrl: null } };
  } else {
    const at = seg.indexOf("videos");
    if (at >= 0) id = seg.slice(at + 1).reverse().find((s) => DIGITS.test(s)) ?? null;
  }
  if (!id || !DIGITS.test(id)) return { ok: false, message: videoLinkMessages.facebook };
  const canonicalUrl = shape === "reel" ? `https://www.facebook.com/reel/${id}` : `https://www.facebook.com/watch/?v=${id}`;
  return {
    ok: true,
    video: {
      provider: "facebook",
      videoId: id,
      canonicalUrl,
      dedupeKey: `facebook:${id}`,
      embedUrl: `https://www.facebook.com/plugins/video.php?href=${encodeURIComponent(canonicalUrl)}&show_text=false&autoplay=true`,
    },
  };
}

function tiktok(url: URL, host: string): VideoLinkResult | null {
  const base = stripPrefix(host, ["www.", "m."]);
  if (base === "vm.tiktok.com" || base === "vt.tiktok.com" || (base === "tiktok.com" && segments(url)[0] === "t")) {
    const seg = segments(url);
    const code = base === "tiktok.com" ? seg[1] : seg[0];
    if (!code || !/^[A-Za-z0-9]{5,20}$/.test(code)) return { ok: false, message: videoLinkMessages.tiktok };
    return {
      ok: true,
      video: { provider: "tiktok", videoId: null, canonicalUrl: `https://vm.tiktok.com/${code}/`, dedupeKey: `tiktok-short:${code}`, embedUrl: null },
    };
  }
  if (base !== "tiktok.com") return null;
  const seg = segments(url);
  let id: string | null = null;
  let user: string | null = null;
  if (seg[0]?.startsWith("@") && seg[1] === "video") {
    user = seg[0];
    id = seg[2] ?? null;
  } else if (seg[0] === "v") id = (seg[1] ?? "").replace(/\.html$/, "");
  else if (seg[0] === "embed") id = seg[1] === "v2" ? (seg[2] ?? null) : (seg[1] ?? null);
  if (!id || !DIGITS.test(id)) return { ok: false, message: videoLinkMessages.tiktok };
  return {
    ok: true,
    video: {
      provider: "tiktok",
      videoId: id,
      canonicalUrl: user ? `https://www.tiktok.com/${user}/video/${id}` : `https://www.tiktok.com/video/${id}`,
      dedupeKey: `tiktok:${id}`,
      embedUrl: `https://www.tiktok.com/embed/v2/${id}`,
    },
  };
}

function vimeo(url: URL, host: string): VideoLinkResult | null {
  const base = stripPrefix(host, ["www."]);
  if (base !== "vimeo.com" && base !== "player.vimeo.com") return null;
  const seg = segments(url);
  let id: string | null = null;
  let hash: string | null = url.searchParams.get("h");
  if (base === "player.vimeo.com") id = seg[0] === "video" ? (seg[1] ?? null) : null;
  else {
    const at = seg.findIndex((s) => /^\d+$/.test(s));
    if (at >= 0) {
      id = seg[at];
      if (!hash && seg[at + 1] && /^[0-9a-f]{6,20}$/i.test(seg[at + 1])) hash = seg[at + 1];
    }
  }
  if (!id || !/^\d{6,12}$/.test(id)) return { ok: false, message: videoLinkMessages.vimeo };
  const h = hash && /^[0-9a-f]{6,20}$/i.test(hash) ? hash.toLowerCase() : null;
  return {
    ok: true,
    video: {
      provider: "vimeo",
      videoId: id,
      canonicalUrl: h ? `https://vimeo.com/${id}/${h}` : `https://vimeo.com/${id}`,
      dedupeKey: `vimeo:${id}`,
      embedUrl: `https://player.vimeo.com/video/${id}?autoplay=1&dnt=1${h ? `&h=${h}` : ""}`,
    },
  };
}

function drive(url: URL, host: string): VideoLinkResult | null {
  if (host !== "drive.google.com" && host !== "docs.google.com") return null;
  const seg = segments(url);
  let id: string | null = null;
  if (seg[0] === "file" && seg[1] === "d") id = seg[2] ?? null;
  else if (seg[0] === "open" || seg[0] === "uc") id = url.searchParams.get("id");
  if (!id || !/^[A-Za-z0-9_-]{20,80}$/.test(id)) return { ok: false, message: videoLinkMessages.drive };
  return {
    ok: true,
    video: {
      provider: "drive",
      videoId: id,
      canonicalUrl: `https://drive.google.com/file/d/${id}/view`,
      dedupeKey: `drive:${id}`,
      embedUrl: `https://drive.google.com/file/d/${id}/preview`,
    },
  };
}

const TRACKING = /^(utm_[a-z]+|fbclid|gclid|zarsrc|zarsrc|_gl|ref|refid)$/i;

function govSite(url: URL, host: string, policy: VideoLinkPolicy): VideoLinkResult | null {
  const base = stripPrefix(host, ["www."]);
  const matches = policy.govSuffixes.some((suffix) => {
    const s = suffix.toLowerCase().replace(/^\.?/, ".");
    return base.endsWith(s) && base.length > s.length;
  });
  if (!matches) return null;
  const path = url.pathname.replace(/\/+$/, "");
  if (!path && [...url.searchParams.keys()].length === 0) return { ok: false, message: videoLinkMessages.govvn };
  const params = [...url.searchParams.entries()].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => a.localeCompare(b));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : "";
  const canonicalUrl = `https://${base}${path || "/"}${query}`;
  return {
    ok: true,
    video: { provider: "govvn", videoId: null, canonicalUrl, dedupeKey: `web:${base}${path.toLowerCase()}${query}`, embedUrl: null },
  };
}

/** Parses a pasted video link; anything outside the policy is refused with a Vietnamese sentence. */
export function parseVideoLink(input: string, policy: VideoLinkPolicy = DEFAULT_VIDEO_POLICY): VideoLinkResult {
  const text = input.trim();
  if (!text) return { ok: false, message: videoLinkMessages.empty };
  if (/\s/.test(text)) return { ok: false, message: videoLinkMessages.notUrl };
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text.replace(/^\/\//, "")}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: videoLinkMessages.notUrl };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: videoLinkMessages.scheme };
  if (url.username || url.password) return { ok: false, message: videoLinkMessages.credentials };
  const host = hostOf(url);
  if (!host.includes(".")) return { ok: false, message: videoLinkMessages.notUrl };
  const parsers: [VideoProvider, (u: URL, h: string) => VideoLinkResult | null][] = [
    ["youtube", youtube],
    ["facebook", facebook],
    ["tiktok", tiktok],
    ["vimeo", vimeo],
    ["drive", drive],
    ["govvn", (u, h) => govSite(u, h, { ...policy, govSuffixes: policy.govSuffixes.length ? policy.govSuffixes : [".gov.vn"] })],
  ];
  for (const [provider, parse] of parsers) {
    const result = parse(url, host);
    if (!result) continue;
    if (!policy.providers.includes(provider)) return { ok: false, message: refused(provider, policy) };
    return result;
  }
  return { ok: false, message: refused(null, policy) };
}

/** The longest clip seed 003 allows: 5 minutes. */
export const MAX_VIDEO_SECONDS = 300;

/** "m:ss" or "mm:ss" to seconds; null when it is not such a length. */
export function parseClipLength(input: string): number | null {
  const m = /^\s*(\d{1,2}):([0-5]\d)\s*$/.exec(input);
  if (!m) return null;
  return Number(m[1]) * 60 + Number(m[2]);
}

export function formatClipLength(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

export function clipLengthError(input: string): string | null {
  const s = parseClipLength(input);
  if (s === null) return "Nhập độ dài video theo dạng phút:giây, ví dụ 4:30.";
  if (s <= 0) return "Độ dài video phải lớn hơn 0.";
  if (s > MAX_VIDEO_SECONDS) return "Video dự thi không quá 5 phút (5:00).";
  return null;
}
