import type { FieldMetadata } from "@conform-to/react";
import { getSelectProps } from "@conform-to/react";
import { useMemo, useState } from "react";
import { FieldErrors } from "~/components/Field";
import { foldVietnamese } from "~/core/text";

export type UnitOption = { id: number; name: string; label: string; path: string };

/**
 * Choose a unit from the tree; the search ignores diacritics, so "binh duong" finds "Xã Bình Dương", and it reads
 * the parents too, which a line shows only when a name repeats.
 */
export function UnitPicker({ meta, units }: { meta: FieldMetadata<number | undefined>; units: UnitOption[] }) {
  const [query, setQuery] = useState("");
  const folded = useMemo(() => units.map((u) => ({ ...u, key: foldVietnamese(`${u.name} ${u.path}`) })), [units]);
  const q = foldVietnamese(query);
  const shown = q ? folded.filter((u) => u.key.includes(q)) : folded;
  const selectProps = getSelectProps(meta);
  return (
    <div className="field">
      <label htmlFor={`${meta.id}-search`}>Tìm đơn vị công tác</label>
      <input
        id={`${meta.id}-search`}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="Gõ tên đơn vị, có dấu hoặc không dấu"
        aria-controls={meta.id}
        autoComplete="off"
      />
      <label htmlFor={meta.id}>Đơn vị công tác</label>
      <select {...selectProps} key={selectProps.key} className="unit-list" size={Math.min(8, Math.max(2, shown.length))}>
        {shown.map((u) => (
          <option key={u.id} value={u.id}>
            {u.label}
          </option>
        ))}
      </select>
      <span className="hint" aria-live="polite">
        {q ? `${shown.length} đơn vị phù hợp` : `${units.length} đơn vị`}
      </span>
      <FieldErrors meta={meta as FieldMetadata<unknown>} />
    </div>
  );
}
