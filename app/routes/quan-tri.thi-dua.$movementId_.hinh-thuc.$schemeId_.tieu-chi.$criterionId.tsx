import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/account/session.server";
import { idParam } from "~/awards/http.server";
import { CriterionForm } from "~/emulation/CriterionForm";
import { KIND_TITLE } from "~/emulation/criterion-text";
import { criterionEditor, saveCriterion } from "~/emulation/editor.server";
import { criterionFormSchema, formKindSchema, LOCKED_MESSAGE } from "~/emulation/editor-schemas";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.kind ? `Tiêu chí: ${KIND_TITLE[data.kind]}` : "Tiêu chí khen thưởng" }];

function ids(params: Record<string, string | undefined>) {
  return {
    id: idParam(params.movementId, "Không tìm thấy phong trào này."),
    schemeId: idParam(params.schemeId, "Không tìm thấy hình thức khen thưởng."),
    criterionId: params.criterionId === "moi" ? null : idParam(params.criterionId, "Không tìm thấy tiêu chí."),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const { id, schemeId, criterionId } = ids(params);
  const asked = formKindSchema.safeParse(new URL(request.url).searchParams.get("loai"));
  const d = criterionEditor(user, id, schemeId, criterionId, asked.success ? asked.data : null);
  if (!d.kind) throw new Response("Chọn loại tiêu chí trên trang của hình thức khen thưởng.", { status: 404 });
  return d;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const { id, schemeId, criterionId } = ids(params);
  const form = await request.formData();
  const kind = formKindSchema.safeParse(form.get("kind"));
  if (!kind.success) {
    criterionEditor(user, id, schemeId, criterionId, null);
    return data(parseWithZod(form, { schema: z.object({ kind: formKindSchema }) }).reply(), { status: 400 });
  }
  const submission = parseWithZod(form, { schema: criterionFormSchema(kind.data) });
  if (submission.status !== "success") {
    criterionEditor(user, id, schemeId, criterionId, kind.data);
    return data(submission.reply(), { status: 400 });
  }
  const r = saveCriterion(user, id, schemeId, criterionId, kind.data, submission.value);
  if (!r.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k, [v]]));
    return data(submission.reply({ formErrors: [r.message], fieldErrors }), { status: r.status });
  }
  throw redirect(`/quan-tri/thi-dua/${id}/hinh-thuc/${schemeId}`);
}

export default function CriterionPage() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const kind = d.kind!;
  const m = d.movement;
  return (
    <article className="movement-editor">
      <nav aria-label="Đường dẫn" className="crumbs">
        <ol>
          <li>
            <Link to={`/quan-tri/thi-dua/${m.id}/sua`}>Soạn: {m.title}</Link>
          </li>
          <li>
            <Link to={`/quan-tri/thi-dua/${m.id}/hinh-thuc/${d.scheme.dbId}`}>{d.scheme.title}</Link>
          </li>
          <li aria-current="page">{d.current ? "Sửa tiêu chí" : "Tiêu chí mới"}</li>
        </ol>
      </nav>
      <h1>
        {d.current ? "Sửa tiêu chí" : "Thêm tiêu chí"}: {KIND_TITLE[kind]}
      </h1>
      <p className="muted">
        Cho hình thức “{d.scheme.title}” ({d.scheme.target === "collective" ? "tập thể" : "cá nhân"}), năm xét {m.year}.
      </p>
      {d.draft ? (
        <CriterionForm
          kind={kind}
          year={m.year}
          lastResult={lastResult as never}
          defaults={d.current?.defaults ?? {}}
          contests={d.contests}
          titles={d.titles}
          councils={d.councils}
          busy={busy}
          submitLabel={d.current ? "Lưu tiêu chí" : "Thêm tiêu chí"}
        />
      ) : (
        <p className="notice">{LOCKED_MESSAGE}</p>
      )}
      <p>
        <Link to={`/quan-tri/thi-dua/${m.id}/hinh-thuc/${d.scheme.dbId}`}>← Về hình thức khen thưởng</Link>
      </p>
    </article>
  );
}
