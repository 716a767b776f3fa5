import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { AreaMenu } from "./components/AreaMenu";
import { SiteFooter } from "./components/SiteFooter";
import { footerInfo } from "./quiz/contest-info.server";
import { useNonce } from "./nonce";
import { getCurrentUser } from "./account/session.server";
import { unread } from "~/emulation/notify.server";
import { showsIndexArea } from "~/reform-index/index.server";
import stylesheet from "./styles.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getCurrentUser(request);
  const roles = new Set(user?.roles.map((r) => r.role));
  const admin = roles.has("admin");
  return {
    footer: footerInfo(),
    user: user
      ? {
          fullName: user.fullName,
          unitName: user.unitName,
          unread: unread(user.id),
          // Links to the areas this person may open; every page checks the role again on the server.
          areas: {
            organizer: admin || roles.has("organizer"),
            unitHead: admin || roles.has("unit_head"),
            judge: admin || roles.has("judge"),
            index: showsIndexArea(user),
          },
        }
      : null,
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang="vi">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#8b1a1a" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#noi-dung">
          Bỏ qua, đến nội dung chính
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            Thi tìm hiểu CCHC
          </Link>
          {data?.user ? <AreaMenu areas={data.user.areas} unread={data.user.unread} /> : null}
          <nav aria-label="Tài khoản" className="account-nav">
            {data?.user ? (
              <Form method="post" action="/dang-xuat" className="inline">
                <Link to="/tai-khoan" className="who">{data.user.fullName}</Link>
                <button type="submit" className="link-button">
                  Đăng xuất
                </button>
              </Form>
            ) : (
              <>
                <Link to="/dang-nhap">Đăng nhập</Link> <Link to="/dang-ky">Đăng ký</Link>
              </>
            )}
          </nav>
        </header>
        <main id="noi-dung">{children}</main>
        <SiteFooter info={data?.footer ?? null} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  let title = "Đã có lỗi xảy ra";
  let detail = "Vui lòng tải lại trang hoặc thử lại sau ít phút.";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "Không tìm thấy trang";
      detail = "Trang bạn tìm không tồn tại hoặc đã bị gỡ.";
    } else if (error.status === 403) {
      title = "Không có quyền truy cập";
      detail = "Tài khoản của bạn không được xem nội dung này.";
    } else if (error.status === 503) {
      title = "Hệ thống đang bận";
      detail = typeof error.data === "string" && error.data ? error.data : "Vui lòng thử lại sau giây lát.";
    } else if (typeof error.data === "string" && error.data) {
      detail = error.data;
    }
  }
  return (
    <section className="card">
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <Link to="/">Về trang chủ</Link>
      </p>
    </section>
  );
}
