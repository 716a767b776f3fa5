import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/**
 * Charts drawn by Observable Plot on the server, as SVG text the page inlines: the browser gets no chart
 * code at all (the quiz pages stay as small as they were), and the figure is there before any script runs.
 * Plot writes every label through DOM text nodes, so a unit's name in a label is escaped like any text.
 */

const RED = "#8b1a1a";
const OK = "#1b5e20";

function documentForPlot() {
  // A fresh light DOM per chart: Plot only needs createElementNS and friends, and nothing is shared.
  return parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;
}

function finish(svg: SVGSVGElement | HTMLElement, label: string): string {
  const el = svg as unknown as Element;
  // One accessible image with its own name; the numbers themselves are in the table beside it. Plot names
  // its groups ("bar", "y-axis tick") with aria-label, which ARIA forbids on a <g> without a role.
  for (const g of Array.from(el.querySelectorAll("[aria-label]"))) g.removeAttribute("aria-label");
  el.setAttribute("role", "img");
  el.setAttribute("aria-label", label);
  el.setAttribute("class", `${el.getAttribute("class") ?? ""} plot-chart`.trim());
  return el.outerHTML;
}

const intVi = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
const oneVi = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

/** 24 bars, one per Vietnam hour of the day, with a value axis in the given unit. */
export function hourBarsSvg(values: number[], opts: { yLabel: string; label: string; decimals?: boolean; yMax?: number }): string {
  const data = values.map((v, hour) => ({ hour, v }));
  const max = Math.max(1, ...values, opts.yMax ?? 0);
  const svg = Plot.plot({
    document: documentForPlot(),
    width: 380,
    height: 240,
    marginLeft: 44,
    marginBottom: 36,
    style: { fontSize: "12px", background: "transparent" },
    x: { label: "Giờ trong ngày (giờ Việt Nam)", labelAnchor: "center", labelArrow: "none", tickFormat: (h: number) => (h % 3 === 0 ? `${h}h` : ""), padding: 0.2 },
    y: { label: opts.yLabel, grid: true, domain: [0, opts.yMax ?? max], nice: true, ticks: opts.decimals ? 5 : Math.min(5, Math.ceil(opts.yMax ?? max)), tickFormat: (v: number) => (opts.decimals ? oneVi.format(v) : Number.isInteger(v) ? intVi.format(v) : "") },
    marks: [Plot.barY(data, { x: "hour", y: "v", fill: RED }), Plot.ruleY([0])],
  });
  return finish(svg, opts.label);
}

type TrendPoint = { day: string; participants: number; denominator: number };

const dayLabel = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/** The participation rate day by day, against the 100% the contest asks for. */
export function trendSvg(points: TrendPoint[], label: string): string | null {
  if (points.length === 0) return null;
  const data = points.map((p) => ({
    date: new Date(`${p.day}T12:00:00Z`),
    rate: p.denominator > 0 ? Math.min(1, p.participants / p.denominator) * 100 : 0,
  }));
  const svg = Plot.plot({
    document: documentForPlot(),
    width: 380,
    height: 240,
    marginLeft: 48,
    marginBottom: 36,
    style: { fontSize: "12px", background: "transparent" },
    x: {
      type: "utc",
      label: "Ngày",
      labelAnchor: "center",
      labelArrow: "none",
      ticks: Math.min(points.length, 6),
      tickFormat: (d: Date) => dayLabel(d.toISOString().slice(0, 10)),
      // One day of data still gets a readable axis: a day either side.
      ...(points.length === 1 ? { domain: [new Date(data[0].date.getTime() - 86_400_000), new Date(data[0].date.getTime() + 86_400_000)] } : {}),
    },
    y: { label: "Tỷ lệ tham gia (%)", domain: [0, 100], grid: true, ticks: 5, tickFormat: (v: number) => `${v}%` },
    marks: [
      Plot.ruleY([100], { stroke: OK, strokeDasharray: "4 3" }),
      Plot.ruleY([0]),
      Plot.lineY(data, { x: "date", y: "rate", stroke: RED, strokeWidth: 2 }),
      Plot.dot(data, { x: "date", y: "rate", fill: RED, r: 3 }),
    ],
  });
  return finish(svg, label);
}

/** Horizontal bars of the units furthest from 100%, each with its rate. */
export function unitGapSvg(rows: { name: string; rate: number }[], label: string): string | null {
  if (rows.length === 0) return null;
  const data = rows.map((r) => ({ name: r.name, rate: Math.min(1, r.rate) * 100 }));
  const svg = Plot.plot({
    document: documentForPlot(),
    width: 380,
    height: 56 + rows.length * 26,
    marginLeft: 150,
    marginBottom: 36,
    marginRight: 48,
    style: { fontSize: "12px", background: "transparent" },
    x: { label: "Tỷ lệ tham gia (%)", domain: [0, 100], grid: true, labelAnchor: "center", labelArrow: "none", tickFormat: (v: number) => `${v}%` },
    y: { label: null, domain: data.map((d) => d.name), tickFormat: (n: string) => (n.length > 19 ? `${n.slice(0, 18)}…` : n) },
    marks: [
      Plot.barX(data, { x: "rate", y: "name", fill: RED }),
      Plot.text(data, { x: "rate", y: "name", text: (d: { rate: number }) => `${oneVi.format(d.rate)}%`, textAnchor: "start", dx: 4 }),
      Plot.ruleX([100], { stroke: OK, strokeDasharray: "4 3" }),
    ],
  });
  return finish(svg, label);
}
