/**
 * Actor-model actions, listed in Stateright's sort order: Drop < Deliver < Timeout < Crash <
 * Recover < SelectRandom, then by their fields.
 */
import type { Id } from './actor.js';
import type { Envelope } from './network.js';
import { formatValue } from './format.js';

export type ActorAction<Msg, Timer = never, Random = never> =
  | { readonly kind: 'drop'; readonly envelope: Envelope<Msg> }
  | { readonly kind: 'deliver'; readonly src: Id; readonly dst: Id; readonly msg: Msg }
  | { readonly kind: 'timeout'; readonly id: Id; readonly timer: Timer }
  | { readonly kind: 'crash'; readonly id: Id }
  | { readonly kind: 'recover'; readonly id: Id }
  | { readonly kind: 'selectRandom'; readonly id: Id; readonly key: string; readonly choice: Random };

function arrow(src: Id, msg: string, dst: Id): string {
  return `Id(${src}) → ${msg} → Id(${dst})`;
}

/** `Id(0) → Ping(0) → Id(1)`, `Drop(…)`, `Timeout(Id(0), t)`, `Crash(Id(0))`, … */
export function formatActorAction<Msg, Timer, Random>(
  a: ActorAction<Msg, Timer, Random>,
  formatMessage: (msg: Msg) => string = formatValue,
): string {
  switch (a.kind) {
    case 'drop':
      return `Drop(${arrow(a.envelope.src, formatMessage(a.envelope.msg), a.envelope.dst)})`;
    case 'deliver':
      return arrow(a.src, formatMessage(a.msg), a.dst);
    case 'timeout':
      return `Timeout(Id(${a.id}), ${formatValue(a.timer)})`;
    case 'crash':
      return `Crash(Id(${a.id}))`;
    case 'recover':
      return `Recover(Id(${a.id}))`;
    case 'selectRandom':
      return `SelectRandom(Id(${a.id}), ${JSON.stringify(a.key)}, ${formatValue(a.choice)})`;
  }
}
