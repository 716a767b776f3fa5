import { describe, expect, it } from "vitest";
import { clipLengthError, parseClipLength, parseVideoLink, type VideoProvider } from "../../app/core/initiatives/video-link";

type Good = [string, VideoProvider, string | null, string];
// [pasted link, provider, video id, dedupe key]
const good: Good[] = [
  ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", "youtube:dQw4w9WgXcQ"],
  ["https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s&list=PL123", "youtube", "dQw4w9WgXcQ", "youtube:dQw4w9WgXcQ"],
  ["https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", "youtube:dQw4w9WgXcQ"],
  ["https://youtu.be/dQw4w9WgXcQ?si=AbCdEf123", "youtube", "dQw4w9WgXcQ", "youtube:dQw4w9WgXcQ"],
  ["youtu.be/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", "youtube:dQw4w9WgXcQ"],
  ["https://www.youtube.com/shorts/aBcD_eF-123", "youtube", "aBcD_eF-123", "youtube:aBcD_eF-123"],
  ["https://www.youtube.com/embed/dQw4w9WgXcQ?start=10", "youtube", "dQw4w9WgXcQ", "youtube:dQw4w9WgXcQ"],
  ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", "youtube:dQw4w9WgXcQ"],
  ["https://www.youtube.com/live/dQw4w9WgXcQ?feature=share", "youtube", "dQw4w9WgXcQ", "youtube:dQw4w9WgXcQ"],
  ["https://www.facebook.com/watch/?v=1234567890123456", "facebook", "1234567890123456", "facebook:1234567890123456"],
  ["https://m.facebook.com/watch?v=1234567890123456&ref=sharing", "facebook", "1234567890123456", "facebook:1234567890123456"],
  ["https://www.facebook.com/ubndhuyenthangbinh/videos/1234567890123456/", "facebook", "1234567890123456", "facebook:1234567890123456"],
  ["https://www.facebook.com/ubnd.thangbinh/videos/sang-kien-mot-cua/1234567890123456", "facebook", "1234567890123456", "facebook:1234567890123456"],
  ["https://www.facebook.com/reel/987654321098765", "facebook", "987654321098765", "facebook:987654321098765"],
  ["https://web.facebook.com/video.php?v=1234567890123456", "facebook", "1234567890123456", "facebook:1234567890123456"],
  ["https://fb.watch/nQx7Y_2aBc/", "facebook", null, "facebook-short:nQx7Y_2aBc"],
  ["https://www.facebook.com/share/v/1AbCdEfGh2/", "facebook", null, "facebook-share:1AbCdEfGh2"],
  ["https://www.tiktok.com/@tuoitrethangbinh/video/7301234567890123456?is_from_webapp=1", "tiktok", "7301234567890123456", "tiktok:7301234567890123456"],
  ["https://m.tiktok.com/v/7301234567890123456.html", "tiktok", "7301234567890123456", "tiktok:7301234567890123456"],
  ["https://vm.tiktok.com/ZSLxYz123/", "tiktok", null, "tiktok-short:ZSLxYz123"],
  ["https://vimeo.com/76979871", "vimeo", "76979871", "vimeo:76979871"],
  ["https://vimeo.com/76979871/a1b2c3d4e5", "vimeo", "76979871", "vimeo:76979871"],
  ["https://player.vimeo.com/video/76979871?h=a1b2c3d4e5", "vimeo", "76979871", "vimeo:76979871"],
  ["https://vimeo.com/channels/staffpicks/76979871", "vimeo", "76979871", "vimeo:76979871"],
  ["https://drive.google.com/file/d/1AbCdEfGhIjKlMnOpQrStUvWxYz012345/view?usp=sharing", "drive", "1AbCdEfGhIjKlMnOpQrStUvWxYz012345", "drive:1AbCdEfGhIjKlMnOpQrStUvWxYz012345"],
  ["https://drive.google.com/open?id=1AbCdEfGhIjKlMnOpQrStUvWxYz012345", "drive", "1AbCdEfGhIjKlMnOpQrStUvWxYz012345", "drive:1AbCdEfGhIjKlMnOpQrStUvWxYz012345"],
  ["https://thangbinh.quangnam.gov.vn/Default.aspx?tabid=1234&ID=567&utm_source=zalo", "govvn", null, "web:thangbinh.quangnam.gov.vn/default.aspx?ID=567&tabid=1234"],
  ["http://www.cchc.quangnam.gov.vn/video/sang-kien-2023/", "govvn", null, "web:cchc.quangnam.gov.vn/video/sang-kien-2023"],
];

const bad: [string, RegExp][] = [
  ["", /nhập đường link/],
  ["không phải link", /không hợp lệ/],
  ["javascript:alert(1)", /http/],
  ["ftp://files.gov.vn/video.mp4", /http/],
  ["https://www.youtube.com/@ubndthangbinh", /video cụ thể/],
  ["https://www.youtube.com/playlist?list=PL1234567890", /video cụ thể/],
  ["https://www.youtube.com/watch?v=short", /video cụ thể/],
  ["https://www.facebook.com/ubndhuyenthangbinh", /Facebook/],
  ["https://www.tiktok.com/@tuoitrethangbinh", /TikTok/],
  ["https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOpQrStUvWxYz012345", /thư mục/],
  ["https://thangbinh.quangnam.gov.vn/", /trang chủ/],
  ["https://www.dropbox.com/s/abc/video.mp4", /không nằm trong danh sách/],
  ["https://zalo.me/video/123", /không nằm trong danh sách/],
  ["https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", /không nằm trong danh sách/],
  ["https://gov.vn/video", /không nằm trong danh sách/],
  ["https://fakegov.vn/video/1", /không nằm trong danh sách/],
  ["https://user:pass@www.youtube.com/watch?v=dQw4w9WgXcQ", /mật khẩu/],
];

describe("parsing a pasted video link", () => {
  it.each(good)("%s is %s", (link, provider, videoId, key) => {
    const r = parseVideoLink(link);
    expect(r.ok, r.ok ? "" : r.message).toBe(true);
    if (!r.ok) return;
    expect(r.video.provider).toBe(provider);
    expect(r.video.videoId).toBe(videoId);
    expect(r.video.dedupeKey).toBe(key);
    expect(r.video.canonicalUrl).toMatch(/^https:\/\//);
  });

  it.each(bad)("%s is refused with a Vietnamese message", (link, message) => {
    const r = parseVideoLink(link);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("gives every link shape of one video the same key and canonical link", () => {
    const links = ["https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/shorts/dQw4w9WgXcQ", "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=1m"];
    const parsed = links.map((l) => parseVideoLink(l));
    expect(new Set(parsed.map((p) => (p.ok ? p.video.canonicalUrl : p.message)))).toEqual(new Set(["https://www.youtube.com/watch?v=dQw4w9WgXcQ"]));
  });

  it("embeds YouTube from youtube-nocookie and links out where the link names no video id", () => {
    const yt = parseVideoLink("https://youtu.be/dQw4w9WgXcQ");
    expect(yt.ok && yt.video.embedUrl).toMatch(/^https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ/);
    const gov = parseVideoLink("https://cchc.quangnam.gov.vn/video/1");
    expect(gov.ok && gov.video.embedUrl).toBeNull();
  });

  it("follows the round's list: a provider left out is refused by name", () => {
    const r = parseVideoLink("https://vimeo.com/76979871", { providers: ["youtube", "govvn"], govSuffixes: [".quangnam.gov.vn"] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/không nhận video từ Vimeo/);
    expect(parseVideoLink("https://hanoi.gov.vn/video/1", { providers: ["govvn"], govSuffixes: [".quangnam.gov.vn"] }).ok).toBe(false);
    expect(parseVideoLink("https://thangbinh.quangnam.gov.vn/video/1", { providers: ["govvn"], govSuffixes: [".quangnam.gov.vn"] }).ok).toBe(true);
  });
});

describe("the declared clip length", () => {
  it.each([
    ["4:30", 270, null],
    ["05:00", 300, null],
    ["0:45", 45, null],
    ["5:01", 301, /không quá 5 phút/],
    ["12:00", 720, /không quá 5 phút/],
    ["0:00", 0, /lớn hơn 0/],
    ["4:75", null, /phút:giây/],
    ["270", null, /phút:giây/],
  ] as const)("%s", (text, seconds, error) => {
    expect(parseClipLength(text)).toBe(seconds);
    const e = clipLengthError(text);
    if (error === null) expect(e).toBeNull();
    else expect(e).toMatch(error);
  });
});
