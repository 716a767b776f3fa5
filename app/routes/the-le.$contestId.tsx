import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ContestNotice, RulesCard } from "~/quiz/RulesCard";
import { contestRules } from "~/quiz/contest-info.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Thể lệ: ${data.rules.title}` : "Thể lệ cuộc thi" }];

// Public: the rules of a contest with a published round, as the footer links them.
export async function loader({ params }: LoaderFunctionArgs) {
  const id = z.coerce.number().int().positive().safeParse(params.contestId);
  if (!id.success) throw new Response("Không tìm thấy cuộc thi.", { status: 404 });
  const rules = contestRules(id.data);
  if (!rules) throw new Response("Không tìm thấy cuộc thi.", { status: 404 });
  return { rules };
}

export default function RulesPage() {
  const { rules } = useLoaderData<typeof loader>();
  return (
    <article>
      <h1>{rules.title}</h1>
      <ContestNotice text={rules.notice} />
      <RulesCard rules={rules} open />
      <p>
        <Link to="/">Về trang chủ</Link>
      </p>
    </article>
  );
}
