/**
 * An SVG chart that Observable Plot drew on the server (app/charts.server.ts). The markup is built by Plot
 * from numbers, with every label written as a DOM text node (escaped), so inlining it is safe; the same
 * numbers are always in a table next to it for screen readers and for copying.
 */
export function PlotFigure({ svg }: { svg: string }) {
  return <div className="plot-figure" dangerouslySetInnerHTML={{ __html: svg }} />;
}
