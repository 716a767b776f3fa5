import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { inbox, readAll } from "~/emulation/notify.server";
import { formatDateTime } from "~/format";
import { requireUser } from "~/account/session.server";

export const meta: MetaFunction = () => [{ title: "Thông báo" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return { items: inbox(user.id).map((n) => ({ id: n.id, title: n.title, body: n.body, link: n.link, createdAt: n.createdAt, unread: n.readAt === null })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  readAll(user.id);
  return redirect("/thong-bao");
}

export default function Inbox() {
  const { items } = useLoaderData<typeof loader>();
  return (
    <article>
      <h1>Thông báo</h1>
      {items.some((i) => i.unread) ? (
        <Form method="post">
          <button type="submit" className="secondary">
            Đánh dấu đã đọc tất cả
          </button>
        </Form>
      ) : null}
      {items.length === 0 ? <p>Chưa có thông báo nào.</p> : null}
      <ul className="card-list">
        {items.map((n) => (
          <li key={n.id} className={`card${n.unread ? " unread" : ""}`}>
            <p>
              {n.unread ? <strong>Mới · </strong> : null}
              {n.link ? <Link to={n.link}>{n.title}</Link> : n.title}
            </p>
            {n.body ? <p>{n.body}</p> : null}
            <p className="muted">{formatDateTime(n.createdAt)}</p>
          </li>
        ))}
      </ul>
    </article>
  );
}
