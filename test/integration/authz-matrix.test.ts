import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../app/account/password.server";
import { startAttempt } from "../../app/quiz/quiz.server";
import { createSession } from "../../app/account/session.server";
import { getUnitByCode } from "../../db/participation/units";
import { findUserByPhone, grantRole, insertUser } from "../../db/account/users";
import { seedDemo } from "../../db/seed";
import { useFreshDatabase } from "../helpers/db";

/**
 * The authorization matrix, generated from the built app's route list: every loader and action is called
 * as each kind of person. A route missing from `gates` fails the test, so a new route must say who may open
 * it, and then its loader and action are held to that.
 */

type Gate = "public" | "user" | "unit_head" | "judge" | "organizer" | "admin" | "index_unit" | "index_council";
type Persona = "anonymous" | "participant" | "unitHeadOther" | "judge" | "organizerOther" | "organizer" | "admin";

// `actionGate` when the action asks more than the page (a public gallery whose vote needs a login).
// `contestScoped` when an organizer of another organizing unit must not reach it (the demo contest is Phòng Nội vụ's).
const gates: Record<string, { gate: Gate; actionGate?: Gate; contestScoped?: boolean; params?: Record<string, string>; search?: string }> = {
  "routes/_index": { gate: "public" },
  "routes/dang-ky": { gate: "public" },
  "routes/dang-nhap": { gate: "public" },
  "routes/dang-xuat": { gate: "public" },
  "routes/thu-vien-sang-kien": { gate: "public", actionGate: "user" },
  "routes/ty-le-tham-gia.$contestId": { gate: "public", params: { contestId: "1" } },
  "routes/ket-qua-cuoc-thi.$contestId": { gate: "public", params: { contestId: "1" } },
  "routes/the-le.$contestId": { gate: "public", params: { contestId: "1" } },
  "routes/vong-thi.$roundId": { gate: "public", params: { roundId: "1" } },
  "routes/bai-thi.$attemptId": { gate: "user", params: { attemptId: "ATTEMPT" } },
  "routes/ket-qua.$attemptId": { gate: "user", params: { attemptId: "ATTEMPT" } },
  "routes/tac-vu.$taskId": { gate: "user", params: { taskId: "999999" } },
  "routes/sang-kien._index": { gate: "user" },
  "routes/sang-kien.moi": { gate: "user" },
  "routes/sang-kien.$entryId": { gate: "user", params: { entryId: "999999" } },
  "routes/don-vi": { gate: "unit_head" },
  "routes/don-vi._index": { gate: "unit_head" },
  "routes/don-vi.xuat": { gate: "unit_head" },
  "routes/don-vi.in": { gate: "unit_head" },
  "routes/giam-khao": { gate: "judge" },
  "routes/giam-khao._index": { gate: "judge" },
  "routes/giam-khao.$entryId": { gate: "judge", params: { entryId: "999999" } },
  "routes/quan-tri": { gate: "organizer" },
  "routes/quan-tri.don-vi": { gate: "organizer" },
  "routes/quan-tri.tham-gia": { gate: "organizer" },
  "routes/quan-tri.tham-gia.xuat": { gate: "organizer" },
  "routes/quan-tri.sang-kien._index": { gate: "organizer" },
  "routes/quan-tri.sang-kien.cai-dat": { gate: "organizer" },
  "routes/quan-tri.sang-kien.xep-hang": { gate: "organizer" },
  "routes/quan-tri.sang-kien.xuat-excel": { gate: "organizer" },
  "routes/quan-tri._index": { gate: "organizer" },
  "routes/quan-tri.cuoc-thi._index": { gate: "organizer" },
  "routes/quan-tri.cuoc-thi.$contestId": { gate: "organizer", contestScoped: true, params: { contestId: "1" } },
  "routes/quan-tri.cuoc-thi.$contestId_.vong-thi.$roundId": { gate: "organizer", contestScoped: true, params: { contestId: "1", roundId: "1" } },
  "routes/quan-tri.cuoc-thi.$contestId_.vong-thi.$roundId_.xem-thu": { gate: "organizer", contestScoped: true, params: { contestId: "1", roundId: "1" } },
  "routes/quan-tri.ket-qua._index": { gate: "organizer" },
  "routes/quan-tri.ket-qua.$roundId": { gate: "organizer", contestScoped: true, params: { roundId: "1" } },
  "routes/quan-tri.ket-qua.$roundId_.giay-chung-nhan": { gate: "organizer", contestScoped: true, params: { roundId: "1" } },
  "routes/quan-tri.cau-hoi._index": { gate: "organizer" },
  // The demo bank is Phòng Nội vụ's: an organizer of another unit does not see its questions.
  "routes/quan-tri.cau-hoi.$questionId": { gate: "organizer", contestScoped: true, params: { questionId: "1" } },
  "routes/quan-tri.cau-hoi.mau-nhap": { gate: "organizer" },
  "routes/quan-tri.cau-hoi.nhap": { gate: "organizer" },
  "routes/quan-tri.tep.$taskId": { gate: "organizer", params: { taskId: "999999" } },
  "routes/quan-tri.nguoi-dung": { gate: "organizer", actionGate: "admin" },
  "routes/quan-tri.nhat-ky": { gate: "organizer" },
  "routes/quan-tri.nhat-ky.xuat": { gate: "organizer" },
  "routes/quan-tri.dat-lai-mat-khau": { gate: "organizer" },
  "routes/quan-tri.tin-hieu": { gate: "organizer" },
  "routes/don-vi.dat-lai-mat-khau": { gate: "unit_head" },
  "routes/tai-khoan._index": { gate: "user" },
  "routes/tai-khoan.du-lieu": { gate: "user" },
  "routes/dat-lai-mat-khau.$token": { gate: "public", params: { token: "khong-co-that" } },
  // emulation: movement 4 is Thăng Bình's (content/emulation files are seeded in name order), run by Phòng Nội vụ.
  "routes/thi-dua._index": { gate: "user" },
  "routes/thi-dua.$movementId": { gate: "user", actionGate: "unit_head", params: { movementId: "4" } },
  "routes/thong-bao": { gate: "user" },
  "routes/quan-tri.thi-dua._index": { gate: "organizer" },
  "routes/quan-tri.thi-dua.$movementId": { gate: "organizer", contestScoped: true, params: { movementId: "4" } },
  "routes/quan-tri.thi-dua.$movementId_.xuat": { gate: "organizer", contestScoped: true, params: { movementId: "4" } },
  // The movement editor: "moi" is a new scheme or criterion; scheme:<movement>:<code> is a scheme's id, looked up.
  "routes/quan-tri.thi-dua.moi": { gate: "organizer" },
  "routes/quan-tri.thi-dua.$movementId_.sua": { gate: "organizer", contestScoped: true, params: { movementId: "4" } },
  "routes/quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId": { gate: "organizer", contestScoped: true, params: { movementId: "4", schemeId: "moi" } },
  "routes/quan-tri.thi-dua.$movementId_.hinh-thuc.$schemeId_.tieu-chi.$criterionId": {
    gate: "organizer",
    contestScoped: true,
    params: { movementId: "4", schemeId: "scheme:4:giay-khen-tap-the", criterionId: "moi" },
    search: "?loai=index_band",
  },
  "routes/thi-dua.$movementId_.van-ban.$documentId": { gate: "user", params: { movementId: "4", documentId: "999999" } },
  // The reform index: Thị trấn Hà Lam's assessment is for its head, the set's council (the demo judge), its organizer.
  "routes/chi-so-cchc._index": { gate: "public" },
  "routes/chi-so-cchc.$setId.$unitId": { gate: "index_unit", params: { setId: "1", unitId: "unit:20791" } },
  "routes/chi-so-cchc.luu": { gate: "user" },
  "routes/chi-so-cchc.hoi-dong.$setId": { gate: "index_council", params: { setId: "1" } },
  "routes/chi-so-cchc.minh-chung.$fileId": { gate: "user", params: { fileId: "999999" } },
  "routes/chi-so-cchc.xep-hang.$year": { gate: "public", params: { year: "2022" } },
  "routes/chi-so-cchc.xep-hang.$year.xuat": { gate: "public", params: { year: "2022" } },
  "routes/chi-so-cchc.don-vi.$unitId": { gate: "public", params: { unitId: "unit:20791" } },
  "routes/quan-tri.chi-so-cchc": { gate: "organizer" },
  // initiatives register: authors and council members are people, not roles; their use cases check ownership and membership.
  "routes/sang-kien-cong-nhan._index": { gate: "user" },
  "routes/sang-kien-cong-nhan.moi": { gate: "user" },
  "routes/sang-kien-cong-nhan.$requestId": { gate: "user", params: { requestId: "999999" } },
  "routes/sang-kien-cong-nhan.ap-dung.$requestId": { gate: "user", params: { requestId: "999999" } },
  "routes/sang-kien-cong-nhan.giay-xac-nhan.$applicationId": { gate: "user", params: { applicationId: "999999" } },
  "routes/sang-kien-cong-nhan.danh-sach": { gate: "public" },
  "routes/sang-kien-cong-nhan.tuong-tu": { gate: "user" },
  "routes/hoi-dong-sang-kien._index": { gate: "user" },
  "routes/hoi-dong-sang-kien.$requestId": { gate: "user", params: { requestId: "999999" } },
  "routes/quan-tri.so-sang-kien._index": { gate: "organizer" },
  "routes/quan-tri.so-sang-kien.hoi-dong": { gate: "organizer" },
  "routes/quan-tri.so-sang-kien.hoi-dong_.$councilId": { gate: "organizer", params: { councilId: "999999" } },
  "routes/quan-tri.so-sang-kien.xuat-excel": { gate: "organizer" },
  // awards: movement 4 (Thăng Bình) is Phòng Nội vụ's; ids that do not exist answer 404 to everyone allowed.
  "routes/thi-dua.$movementId_.de-nghi": { gate: "user", actionGate: "unit_head", params: { movementId: "4" } },
  "routes/thi-dua.$movementId_.de-nghi_.tai-lieu": { gate: "user", params: { movementId: "4" }, search: "?tep=999999" },
  // An evidence file of a declaration: whoever may see the unit's registration; an id that does not exist answers 404.
  "routes/thi-dua.$movementId_.minh-chung.$fileId": { gate: "user", params: { movementId: "4", fileId: "999999" } },
  "routes/quan-tri.khen-thuong._index": { gate: "organizer" },
  "routes/quan-tri.khen-thuong.$movementId": { gate: "organizer", contestScoped: true, params: { movementId: "4" } },
  "routes/quan-tri.khen-thuong.$movementId_.tai-lieu": { gate: "organizer", contestScoped: true, params: { movementId: "4" }, search: "?bien-ban=999999" },
  "routes/quan-tri.khen-thuong.$movementId_.quyet-dinh.$decisionId": { gate: "organizer", contestScoped: true, params: { movementId: "4", decisionId: "999999" } },
  "routes/quan-tri.khen-thuong.$movementId_.giay-khen.$decisionId": { gate: "organizer", contestScoped: true, params: { movementId: "4", decisionId: "999999" } },
  "routes/quan-tri.khen-thuong.$movementId_.bao-cao": { gate: "organizer", contestScoped: true, params: { movementId: "4" } },
  "routes/quan-tri.khen-thuong.$movementId_.bao-cao_.xuat": { gate: "organizer", contestScoped: true, params: { movementId: "4" } },
  "routes/hoi-dong._index": { gate: "user" },
  "routes/hoi-dong.$sessionId": { gate: "user", params: { sessionId: "999999" } },
  "routes/hoi-dong.$sessionId_.bien-ban": { gate: "user", params: { sessionId: "999999" } },
};

const allowedBy: Record<Gate, Persona[]> = {
  public: ["anonymous", "participant", "unitHeadOther", "judge", "organizerOther", "organizer", "admin"],
  user: ["participant", "unitHeadOther", "judge", "organizerOther", "organizer", "admin"],
  unit_head: ["unitHeadOther", "admin"],
  judge: ["judge", "admin"],
  organizer: ["organizerOther", "organizer", "admin"],
  admin: ["admin"],
  index_unit: ["unitHeadOther", "judge", "organizer", "admin"],
  // The demo's index council: the organizer chairs it, the judge is a member.
  index_council: ["judge", "organizer", "admin"],
};

const env = useFreshDatabase("authz");
let build: ServerBuild;
const cookies: Partial<Record<Persona, string>> = {};
let attemptId = 0;

beforeAll(async () => {
  const db = env.db;
  await seedDemo(db, { contentDir: path.resolve("content"), now: Date.now(), hashPassword: async () => "x" });
  const cookieOf = (phone: string) => createSession(findUserByPhone(db, phone)!.id).split(";")[0];
  cookies.admin = cookieOf("0900000001");
  cookies.organizer = cookieOf("0900000002");
  cookies.judge = cookieOf("0900000004");
  cookies.participant = cookieOf("0900000010");
  // A unit head of Thị trấn Hà Lam (not Xã Bình Dương's subtree) and an organizer of another organizing unit.
  const other = (phone: string, role: "unit_head" | "organizer", unitCode: string) => {
    const unitId = getUnitByCode(db, unitCode)!.id;
    const user = insertUser(db, { fullName: `Người thử ${role}`, phone, unitId, passwordHash: "x", createdAt: Date.now() });
    grantRole(db, user.id, role, unitId);
    return createSession(user.id).split(";")[0];
  };
  cookies.unitHeadOther = other("0900000090", "unit_head", "20791");
  cookies.organizerOther = other("0900000091", "organizer", "20791");
  const started = startAttempt(db, { userId: findUserByPhone(db, "0900000010")!.id, roundId: 1, now: Date.now() });
  if (!started.ok) throw new Error(started.message);
  attemptId = started.attemptId;
  build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
});

afterAll(() => env.cleanup());

type Outcome = "ok" | "deny" | "notfound";

function classify(status: number, location: string | null): Outcome {
  if (status >= 300 && status < 400) return location?.startsWith("/dang-nhap") ? "deny" : "ok";
  if (status === 401 || status === 403) return "deny";
  if (status === 404) return "notfound";
  if (status >= 500) throw new Error(`server error ${status}`);
  return "ok";
}

async function call(routeId: string, kind: "loader" | "action", persona: Persona): Promise<Outcome> {
  const route = build.routes[routeId];
  const fn = route.module[kind];
  if (!fn) throw new Error("no such function");
  const spec = gates[routeId];
  const params = Object.fromEntries(
    Object.entries(spec.params ?? {}).map(([k, v]) => [
      k,
      v === "ATTEMPT"
        ? String(attemptId)
        : v.startsWith("unit:")
          ? String(getUnitByCode(env.db, v.slice(5))!.id)
          : v.startsWith("scheme:")
            ? String(env.db.$client.prepare("SELECT id FROM emulation_schemes WHERE movement_id = ? AND code = ?").pluck().get(Number(v.split(":")[1]), v.split(":")[2]))
            : v,
    ]),
  );
  const url = `http://localhost/${route.path ?? ""}${spec.search ?? ""}`;
  const headers = new Headers({ Origin: "http://localhost" });
  const cookie = cookies[persona];
  if (cookie) headers.set("Cookie", cookie);
  const request =
    kind === "loader"
      ? new Request(url, { headers })
      : new Request(url, { method: "POST", headers, body: new URLSearchParams({ intent: "matrix-probe" }) });
  try {
    const result = await fn({ request, params, context: { clientAddress: "127.0.0.1" } } as never);
    if (result instanceof Response) return classify(result.status, result.headers.get("Location"));
    const init = (result as { init?: { status?: number } } | null)?.init;
    return classify(init?.status ?? 200, null);
  } catch (thrown) {
    if (thrown instanceof Response) return classify(thrown.status, thrown.headers.get("Location"));
    throw thrown;
  }
}

describe("the authorization matrix", () => {
  it("declares who may open every route of the app", () => {
    const undeclared = Object.keys(build.routes).filter((id) => id !== "root" && !(id in gates));
    expect(undeclared, "routes without an entry in the matrix").toEqual([]);
  });

  it("keeps a person's attempt from everyone else, admins included", async () => {
    for (const persona of ["unitHeadOther", "judge", "organizer", "admin"] as const) {
      expect(await call("routes/bai-thi.$attemptId", "loader", persona)).toBe("notfound");
      expect(await call("routes/ket-qua.$attemptId", "loader", persona)).toBe("notfound");
    }
    expect(await call("routes/bai-thi.$attemptId", "loader", "participant")).toBe("ok");
  });

  const personas: Persona[] = ["anonymous", "participant", "unitHeadOther", "judge", "organizerOther", "organizer", "admin"];
  it("holds every loader and action to its gate, for every kind of person", async () => {
    const failures: string[] = [];
    // Logging out ends the probe's sessions, so that route goes last.
    const order = Object.keys(gates).sort((a, b) => Number(a === "routes/dang-xuat") - Number(b === "routes/dang-xuat"));
    for (const routeId of order) {
      const route = build.routes[routeId];
      if (!route) continue;
      for (const kind of ["loader", "action"] as const) {
        if (!route.module[kind]) continue;
        for (const persona of personas) {
          const spec = gates[routeId];
          const allowed =
            allowedBy[kind === "action" ? (spec.actionGate ?? spec.gate) : spec.gate].includes(persona) &&
            !(spec.contestScoped && persona === "organizerOther");
          const outcome = await call(routeId, kind, persona);
          if (!allowed && outcome === "ok") failures.push(`${routeId} ${kind} let ${persona} in`);
          if (spec.contestScoped && persona === "organizerOther" && outcome === "ok") {
            failures.push(`${routeId} ${kind} let an organizer of another unit into the demo contest`);
          }
          if (allowed && outcome === "deny") failures.push(`${routeId} ${kind} refused ${persona}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

});
