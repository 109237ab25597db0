/**
 * DOT to SVG through Graphviz compiled to WebAssembly (@viz-js/viz). The instance is created
 * lazily, once per process: instantiating the WebAssembly module costs far more than a render.
 */
import { instance } from '@viz-js/viz';
import type { Viz } from '@viz-js/viz';

let viz: Promise<Viz> | null = null;

function getViz(): Promise<Viz> {
  viz ??= instance();
  return viz;
}

/** Renders DOT text to a standalone SVG document; throws with Graphviz's messages on bad input. */
export async function dotToSvg(dot: string): Promise<string> {
  const v = await getViz();
  const result = v.render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') throw new Error(`Graphviz failed: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.output;
}

/** The SVG without its XML prolog and doctype, for inlining in HTML. */
export function inlineSvg(svg: string): string {
  const start = svg.indexOf('<svg');
  return start < 0 ? svg : svg.slice(start);
}
