import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/account/session.server";
import { taskForUser } from "~/tasks.server";

/** JSON progress of a background task, polled by <TaskProgress>. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const task = taskForUser(user, Number(params.taskId));
  if (!task) throw new Response("Không tìm thấy tác vụ.", { status: 404 });
  return Response.json(task, { headers: { "Cache-Control": "no-store" } });
}
