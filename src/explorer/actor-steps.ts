/**
 * What Stateright's Explorer says about one actor-model step (the reference's §3.5 and §3.6): the
 * outcome text of the single actor that acted, and the sequence-diagram SVG of a path with
 * Stateright's geometry, so scripts reading `outcome` and `svg` see the same shapes.
 *
 * Both re-run the acting actor's handler on its state before the step (handlers are pure, so this
 * reproduces what the step did). One deliberate difference: labels in the SVG are XML-escaped
 * (Stateright writes message text as it is, which breaks the SVG for a message containing `<`).
 */
import { sameValue } from '../checker/index.js';
import { Out, formatValue, type ActorAction, type ActorModel, type ActorModelState, type Command, type Id } from '../actor/index.js';

type AnyActorModel = ActorModel<unknown, unknown, unknown, unknown, unknown, unknown>;
type AnyState = ActorModelState<unknown, unknown, unknown, unknown, unknown, unknown>;
type AnyAction = ActorAction<unknown, unknown, unknown>;

/** `Send(Id(0), Pong(0))`, `SetTimer(t)`, ... (Stateright's debug form of a command). */
function commandText(model: AnyActorModel, c: Command<unknown, unknown, unknown, unknown>): string {
  switch (c.kind) {
    case 'send':
      return `Send(Id(${c.dst}), ${model.formatMessage(c.msg)})`;
    case 'setTimer':
      return c.duration === undefined ? `SetTimer(${formatValue(c.timer)})` : `SetTimer(${formatValue(c.timer)}, ${c.duration[0]}..${c.duration[1]})`;
    case 'cancelTimer':
      return `CancelTimer(${formatValue(c.timer)})`;
    case 'chooseRandom':
      return `ChooseRandom(${JSON.stringify(c.key)}, ${formatValue(c.choices)})`;
    case 'save':
      return `Save(${formatValue(c.storage)})`;
    case 'record':
      return `Record(${formatValue(c.event)})`;
  }
}

interface ActorStep {
  readonly actor: Id;
  readonly before: unknown;
  /** What the handler returned (undefined: it left its state alone). */
  readonly after: unknown;
  readonly commands: readonly Command<unknown, unknown, unknown, unknown>[];
}

/** Re-runs the handler behind a delivery, timeout, random choice or recovery on the pre-state. */
function rerun(model: AnyActorModel, state: AnyState, a: AnyAction): ActorStep | undefined {
  const out = new Out<unknown, unknown, unknown, unknown>();
  const actors = model.config.actors;
  switch (a.kind) {
    case 'deliver': {
      const actor = actors[a.dst];
      if (actor === undefined) return undefined;
      const before = state.actorStates[a.dst];
      const after = actor.onMsg?.(a.dst, before, a.src, a.msg, out);
      return { actor: a.dst, before, after: after ?? undefined, commands: out.commands };
    }
    case 'timeout': {
      const before = state.actorStates[a.id];
      const after = actors[a.id].onTimeout?.(a.id, before, a.timer, out);
      return { actor: a.id, before, after: after ?? undefined, commands: out.commands };
    }
    case 'selectRandom': {
      const before = state.actorStates[a.id];
      const after = actors[a.id].onRandom?.(a.id, before, a.choice, out);
      return { actor: a.id, before, after: after ?? undefined, commands: out.commands };
    }
    case 'recover': {
      const before = state.actorStates[a.id];
      const after = actors[a.id].onStart(a.id, state.storages[a.id], out);
      return { actor: a.id, before, after, commands: out.commands };
    }
    default:
      return undefined;
  }
}

/**
 * Stateright's `format_step` for actor models: `DROP: <envelope>` for a drop, otherwise
 * `OUT: [<commands>]` then `NEXT_STATE`/`PREV_STATE` when the actor's state changed or
 * `UNCHANGED`, each followed by a newline.
 */
export function actorOutcome(model: AnyActorModel, state: AnyState, a: AnyAction): string | undefined {
  if (a.kind === 'drop') {
    const e = a.envelope;
    return `DROP: Envelope { src: Id(${e.src}), dst: Id(${e.dst}), msg: ${model.formatMessage(e.msg)} }`;
  }
  if (a.kind === 'crash') return `OUT: []\n\nUNCHANGED: ${formatValue(state.actorStates[a.id])}\n`;
  const step = rerun(model, state, a);
  if (step === undefined) return undefined;
  const out = `OUT: [${step.commands.map((c) => commandText(model, c)).join(', ')}]\n\n`;
  if (step.after !== undefined && !sameValue(step.after, step.before)) {
    return `${out}NEXT_STATE: ${formatValue(step.after)}\n\nPREV_STATE: ${formatValue(step.before)}\n`;
  }
  return `${out}UNCHANGED: ${formatValue(step.before)}\n`;
}

function xml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/**
 * Stateright's sequence diagram of a path (`states` has one more entry than `actions`): one
 * timeline per actor, deliveries as arrows from the step that sent the message (0 when it was sent
 * at start), other events as circles, labels last so they sit on top.
 */
export function statesSvg(model: AnyActorModel, states: readonly AnyState[], actions: readonly AnyAction[]): string {
  const n = model.actorCount;
  const labels = Array.from({ length: n }, (_, i) => String(i));
  const longest = Math.max(0, ...labels.map((l) => Buffer.byteLength(l, 'utf8')));
  const spacing = Math.max(100, 10 * longest);
  const x = (actor: number) => actor * spacing;
  const y = (time: number) => time * 30;
  const width = n * spacing + 300;
  const height = states.length * 30;
  let svg =
    `<svg version='1.1' baseProfile='full' width='${width}' height='${height}' viewbox='-20 -20 ${width + 20} ${height + 20}' xmlns='http://www.w3.org/2000/svg'>` +
    `<defs><marker class='svg-event-shape' id='arrow' markerWidth='12' markerHeight='10' refX='12' refY='5' orient='auto'><polygon points='0 0, 12 5, 0 10' /></marker></defs>`;
  labels.forEach((label, i) => {
    svg += `<line x1='${x(i)}' y1='0' x2='${x(i)}' y2='${y(states.length)}' class='svg-actor-timeline' />\n`;
    svg += `<text x='${x(i)}' y='0' class='svg-actor-label'>${xml(label)}</text>\n`;
  });
  const sentAt = new Map<string, number>();
  const key = (src: Id, dst: Id, msg: unknown) => `${src}\u0000${dst}\u0000${model.formatMessage(msg)}`;
  actions.forEach((a, k) => {
    const time = k + 1;
    if (a.kind === 'deliver') {
      const from = sentAt.get(key(a.src, a.dst, a.msg)) ?? 0;
      svg += `<line x1='${x(a.src)}' x2='${x(a.dst)}' y1='${y(from)}' y2='${y(time)}' marker-end='url(#arrow)' class='svg-event-line' />\n`;
    } else if (a.kind !== 'drop') {
      svg += `<circle cx='${x(a.id)}' cy='${y(time)}' r='10' class='svg-event-shape' />\n`;
    }
    if (a.kind === 'deliver' || a.kind === 'timeout' || a.kind === 'selectRandom') {
      const step = rerun(model, states[k], a);
      for (const c of step?.commands ?? []) if (c.kind === 'send') sentAt.set(key(step!.actor, c.dst, c.msg), time);
    }
  });
  actions.forEach((a, k) => {
    const time = k + 1;
    const at = (actor: number, text: string) => `<text x='${x(actor)}' y='${y(time)}' class='svg-event-label'>${xml(text)}</text>\n`;
    if (a.kind === 'deliver') svg += at(a.dst, model.formatMessage(a.msg));
    else if (a.kind === 'timeout') svg += at(a.id, `Timeout(${formatValue(a.timer)})`);
    else if (a.kind === 'crash') svg += at(a.id, 'Crash');
    else if (a.kind === 'selectRandom') svg += at(a.id, `Random(${formatValue(a.choice)})`);
    else if (a.kind === 'recover') svg += at(a.id, 'Recover');
  });
  return `${svg}</svg>\n`;
}
