import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole } from "~/account/session.server";
import { createMovement, movementChoices } from "~/emulation/editor.server";
import { movementSchema } from "~/emulation/editor-schemas";
import { EditorCrumbs } from "~/emulation/EditorChrome";
import { MovementForm } from "~/emulation/MovementForm";

export const meta: MetaFunction = () => [{ title: "Lập phong trào thi đua mới — Ban Tổ chức" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, "organizer");
  const choices = movementChoices(user);
  const year = new Date().getFullYear();
  const first = choices.organizingUnits[0];
  const parent = first ? choices.tree.find((u) => u.id === first.id)?.parentId ?? first.id : null;
  return {
    choices,
    defaults: {
      organizerUnitId: first ? String(first.id) : "",
      kind: "hang_nam",
      year: String(year),
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
      rootUnitId: parent ? String(parent) : "",
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, "organizer");
  const submission = parseWithZod(await request.formData(), { schema: movementSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const r = createMovement(user, submission.value);
  if (!r.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k, [v]]));
    return data(submission.reply({ formErrors: [r.message], fieldErrors }), { status: r.status });
  }
  throw redirect(`/quan-tri/thi-dua/${r.id}/sua?moi=1`);
}

export default function NewMovement() {
  const { choices, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <article className="movement-editor">
      <EditorCrumbs current="Lập phong trào mới" />
      <h1>Lập phong trào thi đua mới</h1>
      <p className="muted">
        Phong trào được lưu là bản nháp. Sau khi lưu, thêm văn bản phát động, hình thức khen thưởng và tiêu chí; chỉ khi phát động, các đơn vị mới thấy phong trào.
      </p>
      <MovementForm lastResult={lastResult} choices={choices} defaults={defaults} busy={busy} submitLabel="Lưu bản nháp" />
    </article>
  );
}
