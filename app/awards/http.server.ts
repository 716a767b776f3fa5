import { data, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { z } from "zod";
import { UPLOAD_CAP_BYTES } from "../core/awards";

/** Small helpers the awards routes share: ids from the path, multipart forms under the cap, file answers. */

export function idParam(p: string | undefined, what = "Không tìm thấy."): number {
  const r = z.coerce.number().int().positive().safeParse(p);
  if (!r.success) throw new Response(what, { status: 404 });
  return r.data;
}

/** A form that may carry a file; a part over the cap answers 413 with a sentence instead of a stack trace. */
export async function readForm(request: Request): Promise<FormData | { tooLarge: true }> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) return request.formData();
  try {
    // One byte over the cap is enough to refuse; the rule's own check names the cap.
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: UPLOAD_CAP_BYTES + 1 }));
  } catch {
    return { tooLarge: true };
  }
}

export const tooLarge = () => data({ ok: false as const, message: `Tệp quá lớn: tối đa ${UPLOAD_CAP_BYTES / 1024 / 1024} MB.` }, { status: 413 });

export function fileResponse(f: { fileName?: string; name?: string; body: Buffer | Uint8Array; mime?: string }): Response {
  const name = f.fileName ?? f.name ?? "tai-lieu";
  return new Response(new Uint8Array(f.body), {
    headers: {
      "Content-Type": f.mime ?? "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}

