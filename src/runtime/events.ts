/**
 * What a runtime reports, one object per event; `--log` prints each as a JSON line. Ids are
 * printed as the addresses they stand for, as Stateright prints them.
 */
export type RuntimeEvent =
  | { readonly event: 'start'; readonly actor: string; readonly restored: boolean }
  | { readonly event: 'receive'; readonly actor: string; readonly from: string; readonly msg: unknown }
  | { readonly event: 'send'; readonly actor: string; readonly to: string; readonly msg: unknown; readonly copies: number }
  | { readonly event: 'timer'; readonly actor: string; readonly timer: unknown }
  | { readonly event: 'random'; readonly actor: string; readonly key: string; readonly choice: unknown }
  | { readonly event: 'save'; readonly actor: string }
  | { readonly event: 'crash'; readonly actor: string }
  | { readonly event: 'pause'; readonly actor: string }
  | { readonly event: 'resume'; readonly actor: string; readonly backlog: number }
  | { readonly event: 'ignored'; readonly actor: string; readonly from: string; readonly msg: unknown; readonly kept: number }
  | { readonly event: 'redeliver'; readonly actor: string; readonly from: string; readonly msg: unknown }
  | { readonly event: 'drop-ignored'; readonly actor: string; readonly from: string; readonly msg: unknown; readonly limit: number }
  | { readonly event: 'undecodable'; readonly actor: string; readonly from: string; readonly bytes: number; readonly error: string }
  | { readonly event: 'error'; readonly actor: string; readonly error: string };

export type EventSink = (event: RuntimeEvent) => void;

/** A sink printing `{"time":…,"event":…}` lines to `write`. */
export function jsonLinesSink(write: (line: string) => void): EventSink {
  return (event) => write(`${JSON.stringify({ time: Date.now(), ...event })}\n`);
}
