import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { destroySession } from "~/account/session.server";

export async function action({ request }: ActionFunctionArgs) {
  throw redirect("/", { headers: { "Set-Cookie": destroySession(request) } });
}

export async function loader() {
  throw redirect("/");
}
