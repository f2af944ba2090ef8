/** A server-built Vega-Lite spec rendered with vega-embed, with PNG/SVG download and click selection. */
import { useEffect, useRef, useState } from 'react';
import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { TopLevelSpec } from 'vega-lite';

interface Props {
  spec: TopLevelSpec;
  /** File name for downloads, without extension. */
  fileName: string;
  /** Called with the clicked mark's data row. */
  onSelect?: (datum: Record<string, unknown>) => void;
  /** Hide the download buttons (sparklines). */
  bare?: boolean;
  label?: string;
}

function titleOf(spec: TopLevelSpec): string {
  const title = (spec as { title?: string | { text?: string } }).title;
  return typeof title === 'string' ? title : (title?.text ?? (spec as { description?: string }).description ?? 'Chart');
}

export function VegaChart({ spec, fileName, onSelect, bare, label }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const result = useRef<Result | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    if (!ref.current) return;
    // ast + the interpreter: Vega evaluates expressions without Function(), so the CSP needs no 'unsafe-eval';
    // default styles off: they are in vega.css, as the CSP forbids injected <style> elements.
    embed(ref.current, spec, {
      actions: false,
      renderer: 'svg',
      ast: true,
      expr: expressionInterpreter,
      defaultStyle: false,
      tooltip: { theme: 'light', disableDefaultStyle: true },
    }).then(
      (r) => {
        if (cancelled) return r.finalize();
        result.current = r;
        r.view.addEventListener('click', (_event, item) => {
          const datum = (item as { datum?: Record<string, unknown> } | null | undefined)?.datum;
          if (datum && select.current) select.current(datum);
        });
      },
      (error: Error) => !cancelled && setFailed(error.message),
    );
    return () => {
      cancelled = true;
      result.current?.finalize();
      result.current = null;
    };
  }, [spec]);

  async function download(type: 'png' | 'svg') {
    if (!result.current) return;
    const url = await result.current.view.toImageURL(type, type === 'png' ? 2 : 1);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${fileName}.${type}`;
    a.click();
  }

  if (failed) return <div className="state state-error" role="alert">Chart could not be drawn: {failed}</div>;
  return (
    <figure className={bare ? 'chart chart-bare' : 'chart'} aria-label={label ?? titleOf(spec)}>
      <div ref={ref} className="chart-canvas" />
      {!bare && (
        <div className="chart-actions">
          <button type="button" className="link-button" onClick={() => download('png')}>PNG</button>
          <button type="button" className="link-button" onClick={() => download('svg')}>SVG</button>
        </div>
      )}
    </figure>
  );
}
