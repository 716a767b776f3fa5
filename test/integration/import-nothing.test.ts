import { afterAll, describe, expect, it } from "vitest";
import { confirmImport } from "../../app/organizer/organizer.server";
import type { CurrentUser } from "../../app/account/session.server";
import { createTask, getTask, updateTask } from "../../db/tasks";
import { insertUser } from "../../db/account/users";
import { closeWebQueues, ORGANIZER_TASK } from "../../workers/queues";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("import-nothing");

afterAll(async () => {
  await closeWebQueues();
  env.cleanup();
});

describe("a question file whose every row is a duplicate", () => {
  it("offers nothing to import: confirming its preview is refused in Vietnamese and starts no import", async () => {
    const user = insertUser(env.db, { fullName: "Ban Tổ chức", phone: "0911000002", passwordHash: "x", createdAt: Date.now() });
    const organizer: CurrentUser = { id: user.id, fullName: user.fullName, phone: user.phone, unitId: null, unitName: null, position: null, roles: [{ role: "organizer", unitId: null }] };
    // The preview as the worker leaves it for such a file: no errors, every row skipped as a duplicate.
    const preview = createTask(env.db, { kind: ORGANIZER_TASK.importPreview, input: {}, createdBy: user.id });
    updateTask(env.db, preview.id, { status: "done", result: { count: 0, errorCount: 0, skipped: [{ line: 2, reason: "Trùng câu đã có" }] } });

    const result = await confirmImport(organizer, preview.id);
    expect(result).toEqual({ ok: false, error: "Không có câu hỏi mới để nhập: mọi dòng của tệp đều trùng hoặc bị bỏ qua." });
    // No commit task was created after the preview.
    expect(getTask(env.db, preview.id + 1)).toBeFalsy();
  });
});
