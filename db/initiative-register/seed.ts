import { searchText } from "../../app/core/initiatives/initiatives";
import { DEFAULT_CRITERIA, DEFAULT_PASS_MARK, yearInVietnam } from "../../app/core/initiative-register/rules";
import type { Db } from "../connection";
import { getUnitByCode } from "../participation/units";
import { findUserByPhone, grantRole, insertUser } from "../account/users";
import { getMovementBySlug } from "../emulation/queries";
import { insertApplication, insertCouncil, insertRequest, saveSheet, setCouncilMembers } from "./queries";

type State = "draft" | "submitted" | "scoring" | "needs_more" | "recognised" | "not_recognised";
type DemoRequest = {
  title: string;
  unit: string;
  owner: string;
  authors: { phone: string | null; fullName: string; share: number }[];
  field: string;
  state: State;
  reason?: string;
  sheets?: [number, number, number][];
  decision?: { number: string; date: string; scope: "co_so" | "cap_huyen" | "cap_tinh" };
  applied?: { unit: string; since: string; effect: string }[];
  publicOptIn?: boolean;
};

/**
 * The demo register: the district's initiatives council (the demo judge a member, the organizer its
 * secretary) and requests in every state, some recognised and applied, so that the emulation criteria of
 * seeds 001 and 004 have figures to read.
 */
export function seedInitiativeRegister(db: Db, now: number): void {
  const unit = (code: string) => getUnitByCode(db, code)!.id;
  const person = (phone: string) => findUserByPhone(db, phone)!;
  const judge = person("0900000004");
  const organizer = person("0900000002");
  const chau = person("0900000012");
  const council = insertCouncil(db, {
    unitId: unit("513"),
    level: "district",
    name: "Hội đồng sáng kiến huyện Thăng Bình",
    fields: [],
    criteria: DEFAULT_CRITERIA,
    passMark: DEFAULT_PASS_MARK,
    secretaryId: organizer.id,
    createdAt: now,
    updatedAt: now,
  });
  setCouncilMembers(db, council.id, [
    { userId: judge.id, role: "chair" },
    { userId: chau.id, role: "member" },
  ]);
  const year = yearInVietnam(now);
  const requests: DemoRequest[] = [
    {
      title: "Phiếu hẹn điện tử gửi qua Zalo cho người nộp hồ sơ tại Bộ phận một cửa",
      unit: "20794",
      owner: "0900000010",
      authors: [{ phone: "0900000010", fullName: "Phạm Văn An", share: 70 }, { phone: null, fullName: "Ngô Thị Hạnh", share: 30 }],
      field: "Cải cách thủ tục hành chính",
      state: "recognised",
      sheets: [[25, 32, 24], [27, 30, 26]],
      decision: { number: "125/QĐ-UBND", date: `${year}-06-15`, scope: "co_so" },
      applied: [
        { unit: "20791", since: `${year}-08-01`, effect: "Giảm 40% số lượt công dân phải quay lại hỏi tiến độ hồ sơ." },
        { unit: "20797", since: `${year}-09-01`, effect: "Trả kết quả đúng hẹn 100% trong quý III." },
      ],
      publicOptIn: true,
    },
    {
      title: "Sổ theo dõi văn bản đến trên bảng tính dùng chung của Phòng Giáo dục",
      unit: "513-GDDT",
      owner: "0900000012",
      authors: [{ phone: "0900000012", fullName: "Đặng Minh Châu", share: 100 }],
      field: "Chính quyền số",
      state: "recognised",
      sheets: [[20, 28, 18]],
      decision: { number: "126/QĐ-UBND", date: `${year}-06-15`, scope: "co_so" },
    },
    {
      title: "Tra cứu hộ tịch bằng mã QR dán tại nhà văn hóa thôn",
      unit: "20791",
      owner: "0900000011",
      authors: [{ phone: "0900000011", fullName: "Võ Thị Bình", share: 100 }],
      field: "Cải cách thủ tục hành chính",
      state: "submitted",
    },
    {
      title: "Lịch tiếp công dân công khai trên trang thông tin điện tử xã",
      unit: "20794",
      owner: "0900000010",
      authors: [{ phone: "0900000010", fullName: "Phạm Văn An", share: 100 }],
      field: "Cải cách thủ tục hành chính",
      state: "needs_more",
      reason: "Bổ sung số liệu lượt người dân tra cứu trong 3 tháng áp dụng.",
    },
    {
      title: "Bảng tin giấy dán tại trụ sở về giờ làm việc",
      unit: "20797",
      owner: "0900000011",
      authors: [{ phone: null, fullName: "Trương Văn Lực", share: 100 }],
      field: "Cải cách hành chính",
      state: "not_recognised",
      sheets: [[10, 12, 8], [12, 14, 10]],
      reason: "Điểm trung bình dưới điểm đạt 50.",
    },
    {
      title: "Mẫu tờ khai điền sẵn cho thủ tục đăng ký khai sinh",
      unit: "20794",
      owner: "0900000010",
      authors: [{ phone: "0900000010", fullName: "Phạm Văn An", share: 100 }],
      field: "Cải cách thủ tục hành chính",
      state: "draft",
    },
  ];
  const members = [judge.id, chau.id];
  for (const r of requests) {
    const owner = person(r.owner);
    const text = {
      problem: `Thực trạng trước khi áp dụng sáng kiến "${r.title}": người dân phải đi lại nhiều lần, cán bộ mất thời gian trả lời.`,
      novelty: "Lần đầu áp dụng tại đơn vị, dùng công cụ sẵn có, không phát sinh chi phí.",
      howApplied: "Áp dụng tại Bộ phận tiếp nhận và trả kết quả của đơn vị.",
      benefit: "Giảm thời gian chờ của người dân khoảng 30%, giảm số lượt hỏi trực tiếp.",
    };
    const decided = r.state === "recognised" || r.state === "not_recognised";
    const sheets = r.sheets?.map((s) => s[0] + s[1] + s[2]) ?? [];
    const mean = sheets.length ? Math.round((sheets.reduce((a, b) => a + b, 0) / sheets.length) * 100) / 100 : null;
    const request = insertRequest(
      db,
      {
        ownerId: owner.id,
        unitId: unit(r.unit),
        councilId: r.state === "draft" ? null : council.id,
        title: r.title,
        field: r.field,
        ...text,
        appliedSince: `${year}-03-01`,
        claimedScope: "co_so",
        state: r.state,
        stateReason: r.reason ?? null,
        year,
        publicOptIn: r.publicOptIn ?? false,
        decisionNumber: r.decision?.number ?? null,
        decisionDate: r.decision?.date ?? null,
        decidedScope: r.decision?.scope ?? null,
        meanScore: decided ? mean : null,
        // The demo rows share boilerplate text; only their titles are indexed so the duplicate check shows real likeness.
        searchFolded: searchText([r.title]),
        createdAt: now,
        updatedAt: now,
        submittedAt: r.state === "draft" ? null : now,
        decidedAt: decided ? now : null,
      },
      r.authors.map((a) => {
        const u = a.phone ? person(a.phone) : null;
        return { fullName: a.fullName, share: a.share, userId: u?.id ?? null, unitId: u?.unitId ?? unit(r.unit), position: u?.position ?? null };
      }),
    );
    r.sheets?.forEach(([a, b, c], i) =>
      saveSheet(db, { requestId: request.id, memberId: members[i], scores: { "tinh-moi": a, "hieu-qua": b, "nhan-rong": c }, total: a + b + c, comment: null, updatedAt: now }),
    );
    for (const app of r.applied ?? [])
      insertApplication(db, { requestId: request.id, unitId: unit(app.unit), since: app.since, effect: app.effect, certificateName: "giay-xac-nhan.pdf", certificateType: "application/pdf", certificate: Buffer.from("%PDF-1.4\n% demo\n"), recordedBy: organizer.id, createdAt: now });
  }
}

type DemoAccount = { phone: string; fullName: string; unit: string; position: string; organizer?: string; person?: { movement: string } };

/**
 * The registers of the seed 001 and 004 movements' own unit trees, so that their initiative criteria can be
 * followed from a request to the evaluation: a council in each tree (Giếng Đáy ward's; the Cần Thơ office's
 * "Hội đồng Sáng kiến Văn phòng UBND thành phố", the council seed 004's criteria name), its members, an
 * author in a unit that has no initiative yet (Khu phố 1) or a candidate without one (Mai Thị Giang, Phòng
 * Văn xã), and the office's 2019 recognition of Phòng Văn xã carried into the register so that the
 * register, once it holds that department's year, still lists it. Accounts the award dossiers' seed made
 * (0900000030–35) are reused. Runs after the movements and awards are seeded.
 */
export function seedMovementRegisters(db: Db, now: number, passwordHash: string): void {
  db.transaction(() => seedMovementRegistersIn(db, now, passwordHash));
}

function seedMovementRegistersIn(db: Db, now: number, passwordHash: string): void {
  const unitOf = (code: string) => getUnitByCode(db, code);
  if (!unitOf("GD") || !unitOf("CT")) return;
  const account = (a: DemoAccount) => {
    const unit = unitOf(a.unit)!;
    let user = findUserByPhone(db, a.phone);
    if (!user) user = insertUser(db, { fullName: a.fullName, phone: a.phone, unitId: unit.id, position: a.position, passwordHash, consentAt: now, createdAt: now });
    if (a.organizer) grantRole(db, user.id, "organizer", unitOf(a.organizer)!.id);
    if (a.person) {
      const movement = getMovementBySlug(db, a.person.movement);
      if (movement)
        db.$client
          .prepare(`UPDATE emulation_people SET user_id = ? WHERE full_name = ? AND registration_id IN (SELECT id FROM emulation_registrations WHERE unit_id = ? AND movement_id = ?)`)
          .run(user.id, a.fullName, unit.id, movement.id);
    }
    return user;
  };
  const council = (unit: string, level: "unit" | "district", name: string, secretary: { id: number }, chair: { id: number }, members: { id: number }[]) => {
    const c = insertCouncil(db, { unitId: unitOf(unit)!.id, level, name, fields: [], criteria: DEFAULT_CRITERIA, passMark: DEFAULT_PASS_MARK, secretaryId: secretary.id, createdAt: now, updatedAt: now });
    setCouncilMembers(db, c.id, [{ userId: chair.id, role: "chair" }, ...members.map((m) => ({ userId: m.id, role: "member" as const }))]);
    return c;
  };

  // Seed 001, Giếng Đáy ward: the ward's own (cơ sở) council.
  const hang = account({ phone: "0900000050", fullName: "Nguyễn Thị Thu Hằng", unit: "GD-VP", position: "Công chức Văn phòng – Thống kê", organizer: "GD" });
  const minh = account({ phone: "0900000051", fullName: "Trần Quang Minh", unit: "GD", position: "Phó Chủ tịch UBND phường" });
  const mai = account({ phone: "0900000052", fullName: "Lê Thị Mai", unit: "GD-MC", position: "Công chức Bộ phận Một cửa" });
  account({ phone: "0900000053", fullName: "Phạm Văn Khánh", unit: "GD-KP1", position: "Trưởng Khu phố 1" });
  council("GD", "unit", "Hội đồng sáng kiến phường Giếng Đáy", hang, minh, [mai]);

  // Seed 004, the Cần Thơ office: the office's council, of department (sở) level.
  // Phòng Hành chính – Tổ chức keeps the office's emulation work: her register covers the whole office.
  const hanhChinh = account({ phone: "0900000030", fullName: "Võ Thị Hành Chính", unit: "CT-HCTC", position: "Trưởng phòng Hành chính – Tổ chức", organizer: "CT" });
  const chanh = account({ phone: "0900000032", fullName: "Trần Văn Chánh", unit: "CT", position: "Chánh Văn phòng" });
  const pho = account({ phone: "0900000034", fullName: "Lý Thị Phó", unit: "CT", position: "Phó Chánh Văn phòng" });
  account({ phone: "0900000031", fullName: "Đinh Văn Kinh", unit: "CT-KT", position: "Trưởng phòng Kinh tế" });
  account({ phone: "0900000054", fullName: "Mai Thị Giang", unit: "CT-VX", position: "Chuyên viên", person: { movement: "can-tho-vp-ubnd-2019" } });
  const dung = account({ phone: "0900000055", fullName: "Ngô Văn Dũng", unit: "CT-VX", position: "Trưởng phòng", person: { movement: "can-tho-vp-ubnd-2019" } });
  const office = council("CT", "district", "Hội đồng Sáng kiến Văn phòng UBND thành phố", hanhChinh, chanh, [pho]);
  const title = "Lịch họp điện tử";
  insertRequest(
    db,
    {
      ownerId: dung.id,
      unitId: unitOf("CT-VX")!.id,
      councilId: office.id,
      title,
      field: "Cải cách hành chính",
      problem: "Lịch họp của phòng gửi bằng giấy, thay đổi không báo kịp cho người dự.",
      novelty: "Lịch họp đăng trên lịch điện tử dùng chung của Văn phòng, tự nhắc trước giờ họp.",
      howApplied: "Phòng Văn xã, Văn phòng UBND thành phố.",
      appliedSince: "2019-03-01",
      benefit: "Không còn cuộc họp bị lỡ vì không nhận được giấy mời.",
      claimedScope: "co_so",
      state: "recognised",
      year: 2019,
      decisionNumber: "12/QĐ-HĐSK",
      decisionDate: "2019-11-15",
      decidedScope: "co_so",
      importedFrom: "Sổ sáng kiến năm 2019 của Văn phòng UBND thành phố",
      searchFolded: searchText([title]),
      createdAt: now,
      updatedAt: now,
      submittedAt: now,
      decidedAt: now,
    },
    [{ fullName: dung.fullName, share: 100, userId: dung.id, unitId: dung.unitId, position: dung.position }],
  );
}
