import path from "node:path";
import { Queue, QueueEvents, Worker, type ConnectionOptions, type Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserByPhone } from "../../db/account/users";
import { getMovementBySlug } from "../../db/emulation/queries";
import { seedDemo } from "../../db/seed";
import { runEvaluationJob } from "../../workers/emulation";
import { EMULATION_QUEUE, queueConfig, redisConnection } from "../../workers/queues";
import { useFreshDatabase } from "../helpers/db";

/**
 * The reminders job against the real Redis and SQLite, run through a BullMQ worker with a chosen "now": the
 * demo commune's registration deadline (15/12/2026) and evidence deadline (22/12/2026).
 */

const env = useFreshDatabase("emulation-notices");
const { QUEUE_PREFIX: prefix } = queueConfig();
let queue: Queue;
let worker: Worker;
let events: QueueEvents;
let now = 0;

const vn = (local: string) => Date.parse(`${local}+07:00`);
const phoneId = (p: string) => findUserByPhone(env.db, p)!.id;
const notices = (userId: number) =>
  env.db.$client.prepare("SELECT kind, title, body, dedupe_key AS dedupeKey FROM notifications WHERE user_id = ? AND kind IN ('deadline', 'missing_evidence', 'returned') ORDER BY id").all(userId) as {
    kind: string;
    title: string;
    body: string;
    dedupeKey: string;
  }[];
const total = () => env.db.$client.prepare("SELECT count(*) FROM notifications").pluck().get() as number;

async function run(at: number, id: string): Promise<{ deadline: number; returned: number; evidence: number }> {
  now = at;
  const done = new Promise<{ deadline: number; returned: number; evidence: number }>((resolve, reject) => {
    events.on("completed", ({ jobId, returnvalue }) => jobId === id && resolve(returnvalue as unknown as { deadline: number; returned: number; evidence: number }));
    events.on("failed", ({ jobId, failedReason }) => jobId === id && reject(new Error(failedReason)));
  });
  await queue.add("notices", {}, { jobId: id });
  return done;
}

beforeAll(async () => {
  await seedDemo(env.db, { contentDir: path.resolve("content"), now: vn("2026-12-01T09:00:00"), hashPassword: async () => "x" });
  const connection = redisConnection() as ConnectionOptions;
  queue = new Queue(EMULATION_QUEUE, { connection, prefix });
  events = new QueueEvents(EMULATION_QUEUE, { connection: redisConnection() as ConnectionOptions, prefix });
  worker = new Worker(EMULATION_QUEUE, async (job: Job) => runEvaluationJob(env.db, job, now), { connection: redisConnection() as ConnectionOptions, prefix });
  await events.waitUntilReady();
});
afterAll(async () => {
  await worker.close();
  await queue.obliterate({ force: true });
  await Promise.all([queue.close(), events.close()]);
  env.cleanup();
});

describe("the movements' reminders", () => {
  it("four days before the registration deadline sends no deadline notice; the evidence a sent registration lacks is told once", async () => {
    const r = await run(vn("2026-12-11T07:00:00"), "notices-1");
    expect(r.deadline).toBe(0);
    // Điểm phục vụ số 1 sent its registration with one criterion still without a figure or evidence.
    expect(notices(phoneId("0900000043"))).toEqual([
      {
        kind: "missing_evidence",
        title: "Còn thiếu minh chứng: Điểm phục vụ hành chính công số 1",
        body: "Phong trào thi đua đẩy mạnh cải cách hành chính, chuyển đổi số năm 2026 của xã Minh Hòa (minh họa). Kê khai và gửi minh chứng (tệp hoặc đường dẫn) cho: Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa.",
        dedupeKey: expect.stringMatching(/^missing-evidence-\d+-\d+-so-hoa$/),
      },
    ]);
  });

  it("three days before, the head of each unit that has not registered gets one notice, and a second run sends nothing", async () => {
    const mv = getMovementBySlug(env.db, "xa-minh-hoa-2026")!.id;
    const deadlineId = env.db.$client.prepare("SELECT id FROM movement_deadlines WHERE movement_id = ? AND kind = 'registration'").pluck().get(mv) as number;
    const r = await run(vn("2026-12-12T07:00:00"), "notices-2");
    expect(r).toEqual({ deadline: 1, returned: 0, evidence: 0, approved: 0 });
    // Điểm phục vụ số 2 has not sent; the centre (approved) and Điểm số 1 (waiting) have.
    expect(notices(phoneId("0900000042"))).toEqual([
      {
        kind: "deadline",
        title: "Còn 3 ngày đến hạn 15/12/2026: Đăng ký thi đua",
        body: "Phong trào thi đua đẩy mạnh cải cách hành chính, chuyển đổi số năm 2026 của xã Minh Hòa (minh họa). Đơn vị chưa gửi bản đăng ký thi đua: Điểm phục vụ hành chính công số 2.",
        dedupeKey: `deadline-${deadlineId}-2026-12-15`,
      },
    ]);
    expect(notices(phoneId("0900000041")).filter((n) => n.kind === "deadline")).toEqual([]);
    expect(notices(phoneId("0900000043")).filter((n) => n.kind === "deadline")).toEqual([]);
    const count = total();
    // The same job again, and the next day: nothing new for the same deadline.
    expect(await run(vn("2026-12-12T07:00:30"), "notices-3")).toEqual({ deadline: 0, returned: 0, evidence: 0, approved: 0 });
    expect(await run(vn("2026-12-13T07:00:00"), "notices-4")).toEqual({ deadline: 0, returned: 0, evidence: 0, approved: 0 });
    expect(total()).toBe(count);
  });

  it("a returned registration is told once, with the same key a page would have used", async () => {
    const mv = getMovementBySlug(env.db, "xa-minh-hoa-2026")!.id;
    const dpv1 = env.db.$client.prepare("SELECT id FROM units WHERE code = 'MH-DPV1'").pluck().get() as number;
    const at = vn("2026-12-13T10:00:00");
    env.db.$client.prepare("UPDATE emulation_registrations SET status = 'tra_lai', return_reason = 'Bổ sung chỉ tiêu', decided_at = ?, review_stage = 'parent' WHERE movement_id = ? AND unit_id = ?").run(at, mv, dpv1);
    const regId = env.db.$client.prepare("SELECT id FROM emulation_registrations WHERE movement_id = ? AND unit_id = ?").pluck().get(mv, dpv1) as number;
    // As if the page had told them already: the sweep sends nothing more.
    env.db.$client
      .prepare("INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key, created_at) VALUES (?, 'returned', 'Bản đăng ký bị trả lại', 'Bổ sung chỉ tiêu', NULL, ?, ?)")
      .run(phoneId("0900000043"), `returned-${regId}-${at}`, at);
    const r = await run(vn("2026-12-13T11:00:00"), "notices-5");
    expect(r.returned).toBe(0);
    // Returned is not registered: its head now gets the registration deadline's reminder too.
    expect(r.deadline).toBe(1);
    expect(notices(phoneId("0900000043")).filter((n) => n.kind === "deadline").map((n) => n.title)).toEqual(["Còn 2 ngày đến hạn 15/12/2026: Đăng ký thi đua"]);
    // Returned again later (a new decision): a new notice.
    env.db.$client.prepare("UPDATE emulation_registrations SET decided_at = ? WHERE id = ?").run(at + 60_000, regId);
    expect((await run(vn("2026-12-13T11:05:00"), "notices-6")).returned).toBe(1);
    expect(notices(phoneId("0900000043")).filter((n) => n.kind === "returned")).toHaveLength(2);
  });

  it("the evidence deadline reminds the units whose evidence is missing or returned; a passed deadline reminds no more", async () => {
    const r = await run(vn("2026-12-20T07:00:00"), "notices-7");
    // The evidence deadline (22/12): Điểm số 1 (returned, one criterion without figure) still lacks evidence.
    expect(r.deadline).toBe(1);
    expect(notices(phoneId("0900000043")).filter((n) => n.kind === "deadline").map((n) => n.title)).toEqual([
      "Còn 2 ngày đến hạn 15/12/2026: Đăng ký thi đua",
      "Còn 2 ngày đến hạn 22/12/2026: Kê khai số liệu và gửi minh chứng",
    ]);
    // 16/12: the registration deadline has passed, no more reminders for it.
    const before = notices(phoneId("0900000042")).length;
    await run(vn("2026-12-16T07:00:00"), "notices-8");
    expect(notices(phoneId("0900000042")).length).toBe(before);
  });
});
