import { formatPoints } from "~/core/reform-index/index-set";

/**
 * A unit's index over the years, as horizontal bars on a 0–100 scale with the value written on each.
 * The table beside it carries the same figures for screen readers.
 */
export function IndexYearsChart({ years }: { years: { year: number; index: number }[] }) {
  return (
    <div className="bars" aria-hidden="true">
      {years.map((y) => (
        <div key={y.year} className="bar-row">
          <span className="bar-label">{y.year}</span>
          <span className="bar-track">
            <span className="bar-fill" style={{ width: `${Math.max(0, Math.min(100, y.index))}%` }} />
          </span>
          <span className="bar-value">{formatPoints(y.index)}%</span>
        </div>
      ))}
      <div className="bar-row bar-axis">
        <span className="bar-label" />
        <span className="bar-track axis-ticks">
          <span>0</span>
          <span>50</span>
          <span>100%</span>
        </span>
        <span className="bar-value" />
      </div>
    </div>
  );
}
