/** src/render/: DOT, SVG and HTML renderings of violations and model-checking paths. */
export { coreGraph, compareProcess } from './core-graph.js';
export type { CoreGraph, GraphLane, GraphNode, NodeRole } from './core-graph.js';
export { coreGraphToDot, STATUS_COLOURS } from './dot.js';
export { dotToSvg, inlineSvg } from './svg.js';
export { timelineData } from './timeline-data.js';
export type { TimelineData, TimelineOp } from './timeline-data.js';
export { historyReportHtml } from './html-report.js';
export type { HistoryReportInput } from './html-report.js';
export { sequenceChartSvg } from './sequence-chart.js';
export { modelReportHtml } from './model-report.js';
export type { ModelReportInput } from './model-report.js';
export { renderCoreDot, renderCoreSvg, writeHistoryArtifacts, writeModelArtifacts } from './artifacts.js';
export type { HistoryArtifactPaths, HistoryArtifactsInput, HistoryArtifacts, ModelArtifactPaths } from './artifacts.js';
export { runReportHtml, runSeries, parseRunHistory } from './run-report.js';
export type { RunOp, RunSeries, NemesisInterval, RunReportInput } from './run-report.js';
