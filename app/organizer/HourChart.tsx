/** A bar chart of 24 hourly values as inline SVG; each bar carries its value for screen readers and on hover. */
export function HourChart({ values, unit, labelledBy }: { values: number[]; unit: string; labelledBy: string }) {
  const max = Math.max(1, ...values);
  const width = 24 * 14;
  const height = 120;
  return (
    <svg className="hour-chart" viewBox={`0 0 ${width} ${height + 16}`} role="img" aria-labelledby={labelledBy}>
      {values.map((v, h) => {
        const barHeight = Math.round((v / max) * height);
        return (
          <g key={h}>
            <rect x={h * 14 + 2} y={height - barHeight} width={10} height={Math.max(barHeight, v > 0 ? 1 : 0)} className="bar">
              <title>{`${h}:00 — ${v} ${unit}`}</title>
            </rect>
            {h % 3 === 0 ? (
              <text x={h * 14 + 7} y={height + 13} textAnchor="middle" className="axis">
                {h}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
