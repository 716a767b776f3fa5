import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { EntryForm } from "~/initiatives/Initiative";
import { getDb } from "~/db.server";
import { entryRoundId } from "~/initiatives/web.server";
import { saveEntry } from "~/initiatives/initiatives.server";
import { entrySchema } from "~/initiatives/initiatives.schemas";
import { requireUser } from "~/account/session.server";
import { unitOptions } from "~/participation/units.server";

export const meta: MetaFunction = () => [{ title: "Gửi sáng kiến mới" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const roundId = entryRoundId(request);
  return { roundId, units: unitOptions(user.unitId), unitId: user.unitId };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: entrySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const roundId = entryRoundId(request);
  if (roundId === null) return data(submission.reply({ formErrors: ["Vòng thi sáng kiến chưa mở hoặc đã kết thúc."] }), { status: 409 });
  const result = saveEntry(getDb(), user, { roundId, entryId: null, values: submission.value }, Date.now());
  if (!result.ok) {
    return data(
      submission.reply(result.field ? { fieldErrors: { [result.field]: [result.message] } } : { formErrors: [result.message] }),
      { status: result.status },
    );
  }
  throw redirect(`/sang-kien/${result.entryId}${result.status === "submitted" ? "?da-nop=1" : "?da-luu=1"}`);
}

export default function NewInitiative() {
  const { roundId, units, unitId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  if (roundId === null) {
    return (
      <section className="card">
        <h1>Gửi sáng kiến mới</h1>
        <p>Hiện chưa có vòng thi sáng kiến nào đang mở.</p>
        <Link to="/sang-kien">Quay lại</Link>
      </section>
    );
  }
  return (
    <section className="card">
      <h1>Gửi sáng kiến mới</h1>
      <p className="muted">Bạn có thể lưu nháp và sửa đến khi vòng thi kết thúc.</p>
      <EntryForm
        lastResult={lastResult}
        units={units}
        busy={navigation.state === "submitting"}
        defaults={{ title: "", entrantKind: "unit", unitId, authors: [], theme: "", summary: "", novelty: "", appliedAt: "", videoUrl: "", durationS: null }}
      />
    </section>
  );
}
