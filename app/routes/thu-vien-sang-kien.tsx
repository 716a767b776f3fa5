import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { VideoFacade } from "~/initiatives/Initiative";
import { THEME_SLUGS, THEMES, themeName } from "~/core/initiatives/initiatives";
import { getDb } from "~/db.server";
import { castVote, gallery } from "~/initiatives/initiatives.server";
import { getCurrentUser, requireUser } from "~/account/session.server";
import { ShareLinks } from "~/components/ShareLinks";
import { publicOrigin } from "~/public-url.server";
import { shareMeta } from "~/share";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: "Thư viện sáng kiến cải cách hành chính" }, ...shareMeta(data?.share)];

const filterSchema = z.object({
  "chu-de": z.enum(THEME_SLUGS).optional().catch(undefined),
  "don-vi": z.coerce.number().int().positive().optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getCurrentUser(request);
  const f = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const g = gallery(getDb(), { theme: f["chu-de"], unitId: f["don-vi"] }, user?.id ?? null);
  const origin = publicOrigin(request);
  const share = {
    url: `${origin}/thu-vien-sang-kien`,
    title: "Thư viện sáng kiến cải cách hành chính",
    description: `${g.entries.length} sáng kiến, giải pháp cải cách hành chính của các đơn vị: xem video và bình chọn sáng kiến bạn thích.`,
    image: `${origin}/og-image.png`,
  };
  return { signedIn: user !== null, theme: f["chu-de"] ?? "", unitId: f["don-vi"] ?? null, ...g, share };
}

const voteSchema = z.object({ intent: z.enum(["vote", "unvote"]), entryId: z.coerce.number().int().positive() });

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const parsed = voteSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ entryId: null, error: "Yêu cầu không hợp lệ." }, { status: 400 });
  const r = castVote(getDb(), user, parsed.data.entryId, parsed.data.intent, Date.now());
  if (!r.ok) return data({ entryId: parsed.data.entryId, error: r.message }, { status: r.status });
  return { entryId: parsed.data.entryId, error: null };
}

export default function Gallery() {
  const { signedIn, theme, unitId, units, entries, share } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>Thư viện sáng kiến cải cách hành chính</h1>
      <ShareLinks url={share.url} title={share.title} label="Chia sẻ thư viện" idPrefix="gallery" />
      <Form method="get" className="card filters-form">
        <div className="field">
          <label htmlFor="f-theme">Chủ đề</label>
          <select id="f-theme" name="chu-de" defaultValue={theme}>
            <option value="">Tất cả chủ đề</option>
            {THEMES.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-unit">Đơn vị</label>
          <select id="f-unit" name="don-vi" defaultValue={unitId ?? ""}>
            <option value="">Tất cả đơn vị</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          Lọc
        </button>
      </Form>
      {entries.length === 0 ? <p className="muted">Chưa có sáng kiến nào được đăng.</p> : null}
      <ul className="plain">
        {entries.map((e) => (
          <li key={e.id} id={`sang-kien-${e.id}`} className="card" aria-labelledby={`g-${e.id}`}>
            <h2 id={`g-${e.id}`}>{e.title}</h2>
            <p className="muted">
              {e.unitName}
              {e.authors.length ? ` · ${e.authors.join(", ")}` : ""} · {themeName(e.theme)}
            </p>
            {e.result ? (
              <p className="result">
                {e.result.prize ? <strong>{e.result.prize}</strong> : null} Hạng {e.result.rank} · {e.result.final.toLocaleString("vi-VN")} điểm
              </p>
            ) : null}
            <VideoFacade title={e.title} embedUrl={e.embedUrl} videoUrl={e.videoUrl} provider={e.videoProvider} durationS={e.durationS} />
            <p className="rules">{e.summary}</p>
            <details>
              <summary>Điểm mới và nơi áp dụng</summary>
              <p className="rules">{e.novelty}</p>
              <p className="rules">{e.appliedAt}</p>
            </details>
            {e.voting ? (
              <div className="vote">
                <span>{e.votes} lượt bình chọn</span>
                {signedIn ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="entryId" value={e.id} />
                    {e.voted ? (
                      <button type="submit" name="intent" value="unvote" className="secondary" disabled={busy}>
                        Bỏ bình chọn<span className="sr-only"> {e.title}</span>
                      </button>
                    ) : (
                      <button type="submit" name="intent" value="vote" className="primary" disabled={busy || e.votesLeft === 0}>
                        Bình chọn<span className="sr-only"> {e.title}</span>
                      </button>
                    )}
                  </Form>
                ) : (
                  <Link to="/dang-nhap?redirectTo=/thu-vien-sang-kien">Đăng nhập để bình chọn</Link>
                )}
                {signedIn ? <span className="hint">Bạn còn {e.votesLeft}/{e.voteCap} lượt.</span> : null}
                {result?.entryId === e.id && result.error ? (
                  <p className="form-error" role="alert">
                    {result.error}
                  </p>
                ) : null}
              </div>
            ) : null}
            <ShareLinks url={`${share.url}#sang-kien-${e.id}`} title={e.title} label={e.voting ? "Chia sẻ để bình chọn" : "Chia sẻ"} idPrefix={`entry-${e.id}`} />
          </li>
        ))}
      </ul>
    </>
  );
}
